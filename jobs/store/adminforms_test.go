package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"habilitations/model"
)

func formRecord(number, signed, ref string, replaces *model.AdminRef) model.Record {
	r := model.Record{Kind: model.KindAdminChange, Source: model.BornDigital(1)}
	r.Convention.Number = number
	r.Admin = &model.AdminChangeRecord{NewAdmin: model.NewAdmin{Name: "Agnès GUÉRIN", Email: "aguerin@ccas-beaune.fr",
		Phone: "+33380221133"}, Replaces: replaces, SignedOn: signed, FormRef: ref}
	return r
}

func adminNames(r model.Record) string {
	var out []string
	for _, c := range r.PartnerAdmins() {
		out = append(out, c.Name)
	}
	return strings.Join(out, "|")
}

func TestEffectiveAdminChange(t *testing.T) {
	ctx := context.Background()
	dossier := mustTruth(t, "01-cotedor-ccas-beaune", "convention-04-2018-ccas-beaune.pdf")
	tests := []struct {
		name   string
		form   model.Record
		admins string
		action string
	}{
		{"replaces", formRecord("04/2018", "2026-11-30", "A3-04-2018-abcd", &model.AdminRef{Name: "Céline BERTIN"}),
			"Coralie ÉTIENNE|Agnès GUÉRIN", ChangeAdminReplaced},
		{"adds", formRecord("04/2018", "2026-11-30", "", nil), "Coralie ÉTIENNE|Céline BERTIN|Agnès GUÉRIN", ChangeAdminAdded},
		{"undated: the day received", formRecord("04/2018", "", "", &model.AdminRef{Email: "cetienne@ccas-beaune.fr"}),
			"Agnès GUÉRIN|Céline BERTIN", ChangeAdminReplaced},
		{"older than the dossier", formRecord("04/2018", "2017-01-01", "", &model.AdminRef{Name: "Céline BERTIN"}),
			"Coralie ÉTIENNE|Céline BERTIN", ChangeIgnored},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := MustOpen(t)
			if err := s.SaveAdminForm(ctx, AdminForm{Ref: "A3-04-2018-abcd", Convention: "04/2018", FindingKey: "k", Code: "missing_admin",
				Fingerprint: "f", Path: "reports/x.pdf", SentOn: "2026-11-20"}); err != nil {
				t.Fatal(err)
			}
			// The form arrives first: the order of arrival must not matter.
			saveRecord(t, s, "f1", tc.form, t0.AddDate(0, 1, 0))
			saveRecord(t, s, "d1", dossier, t0)
			effs, err := s.EffectiveRecords(ctx)
			if err != nil || len(effs) != 1 {
				t.Fatalf("EffectiveRecords = %d, %v", len(effs), err)
			}
			if got := adminNames(effs[0]); got != tc.admins {
				t.Errorf("admins = %s, want %s", got, tc.admins)
			}
			_, hist, err := s.ConventionHistory(ctx, "04/2018")
			if err != nil || len(hist) != 2 {
				t.Fatalf("history = %+v, %v", hist, err)
			}
			for _, c := range hist {
				if c.Record.DocumentSHA == "f1" && (c.Action != tc.action || c.Admin == nil) {
					t.Errorf("form's change = %s, want %s", c.Action, tc.action)
				}
			}
			f, err := s.AdminFormByRef(ctx, "A3-04-2018-abcd")
			if err != nil {
				t.Fatal(err)
			}
			if returned := f.ReturnedSHA == "f1"; returned != (tc.form.Admin.FormRef != "") {
				t.Errorf("form returned = %+v", f)
			}
		})
	}
}

// TestMigrateRecordsKeepsRows opens a store at the schema before the
// admin_change kind, saves a dossier, then migrates: the rebuilt records
// table keeps the row, its id and its document, and takes forms.
func TestMigrateRecordsKeepsRows(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	saved := migrations
	migrations = migrations[:4]
	s, err := Open(ctx, path)
	if err != nil {
		migrations = saved
		t.Fatal(err)
	}
	saveRecord(t, s, "d1", mustTruth(t, "01-cotedor-ccas-beaune", "convention-04-2018-ccas-beaune.pdf"), t0)
	s.Close()
	migrations = saved
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	recs, err := s.StoredRecords(ctx, "04/2018")
	if err != nil || len(recs) != 1 || recs[0].ID != 1 || recs[0].DocumentName != "d1.pdf" {
		t.Fatalf("records after migration = %+v, %v", recs, err)
	}
	saveRecord(t, s, "f1", formRecord("04/2018", "2026-11-30", "", nil), t0.Add(time.Hour))
	var fk int
	if err := s.DB().QueryRow("SELECT count(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil || fk != 0 {
		t.Errorf("foreign key violations = %d, %v", fk, err)
	}
}

// TestSaveAdminForms saves forms in one transaction: each new or changed
// form is recorded and audited, one written again unchanged is neither,
// and the first sending date stays.
func TestSaveAdminForms(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	form := func(ref, fp, sent string) AdminForm {
		return AdminForm{Ref: ref, Convention: "04/2018", FindingKey: "k-" + ref, Code: "missing_admin",
			Fingerprint: fp, Path: "reports/" + ref + ".pdf", SentOn: sent}
	}
	audits := func() int {
		t.Helper()
		log, err := s.AuditLog(ctx, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range log {
			if e.Action == "forms.admin_change" {
				n++
			}
		}
		return n
	}
	if err := s.SaveAdminForms(ctx, []AdminForm{form("a", "1", "2026-11-20"), form("b", "1", "2026-11-20")}); err != nil {
		t.Fatal(err)
	}
	if n := audits(); n != 2 {
		t.Fatalf("%d audit entries after two new forms, want 2", n)
	}
	if err := s.SaveAdminForms(ctx, []AdminForm{form("a", "1", "2026-11-21"), form("b", "2", "2026-11-21")}); err != nil {
		t.Fatal(err)
	}
	if n := audits(); n != 3 {
		t.Errorf("%d audit entries after one changed form, want 3", n)
	}
	got, err := s.AdminForms(ctx, "04/2018")
	if err != nil || len(got) != 2 {
		t.Fatalf("AdminForms = %+v, %v", got, err)
	}
	for _, f := range got {
		if f.SentOn != "2026-11-20" || (f.Ref == "b") != (f.Fingerprint == "2") {
			t.Errorf("form %+v", f)
		}
	}
}
