package forms

import (
	"io"
	"testing"

	"habilitations/model"
)

// BenchmarkWriteAdminChange writes one pre-filled, fillable Annexe 3 form:
// the first night of a large Caf writes one per administrator finding.
func BenchmarkWriteAdminChange(b *testing.B) {
	rec := beaune(b)
	rows := []model.Habilitation{{Account: "u-20001", LastName: "Lefèvre", FirstName: "Hélène", Email: "hlefevre@ccas-beaune.fr",
		Role: model.RoleDeputyAdmin, Status: model.StatusActive, Profile: model.T1}}
	f, err := model.AdminChangeFor(rec, model.Finding{Code: model.CodeUndeclaredAdmin, Convention: "04/2018", Account: "u-20001"}, rows)
	if err != nil {
		b.Fatal(err)
	}
	f.FormRef = "A3-0123456789ab"
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteAdminChange(io.Discard, f); err != nil {
			b.Fatal(err)
		}
	}
}
