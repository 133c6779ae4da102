package modeltest_test

import (
	"reflect"
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
)

func TestGenerateIsDeterministicAndValid(t *testing.T) {
	o := modeltest.Options{Conventions: 50, Rows: 2000}
	a, b := modeltest.Generate(7, o), modeltest.Generate(7, o)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different workloads")
	}
	if c := modeltest.Generate(8, o); reflect.DeepEqual(a.Rows, c.Rows) {
		t.Fatal("different seeds, same rows")
	}
	if len(a.Rows) != 2000 || len(a.Records) != 50 {
		t.Fatalf("%d rows, %d records", len(a.Rows), len(a.Records))
	}
	for _, r := range a.Records {
		if err := model.Validate(r); err != nil {
			t.Fatalf("record %s: %v", r.Convention.Number, err)
		}
	}
	codes := map[model.Code]int{}
	for _, f := range model.Reconcile(a.Records, a.Rows, a.AsOf, model.DefaultReconcileSettings()) {
		codes[f.Code]++
	}
	for _, c := range []model.Code{model.CodeQuotaExceeded, model.CodeProfileNotAuthorized, model.CodeUnknownPartner,
		model.CodeUnknownUnit, model.CodeDormantAccount, model.CodeSharedMailbox, model.CodeDuplicateAccount, model.CodeUndeclaredAdmin, model.CodeMissingAdmin} {
		if codes[c] == 0 {
			t.Errorf("the workload plants no %s", c)
		}
	}
}

// TestStreamYieldsGenerateRows: the streamed rows are Generate's, in order,
// on every call.
func TestStreamYieldsGenerateRows(t *testing.T) {
	o := modeltest.Options{Conventions: 30, Rows: 1500}
	want := modeltest.Generate(4, o)
	s := modeltest.NewStream(4, o)
	if !reflect.DeepEqual(s.Records, want.Records) || s.AsOf != want.AsOf || s.Len != len(want.Rows) {
		t.Fatal("stream and Generate differ in records, date or length")
	}
	for pass := range 2 {
		i := 0
		for h := range s.Rows() {
			if i >= len(want.Rows) || !reflect.DeepEqual(h, want.Rows[i]) {
				t.Fatalf("pass %d: row %d differs", pass, i)
			}
			i++
		}
		if i != len(want.Rows) {
			t.Fatalf("pass %d: %d rows, want %d", pass, i, len(want.Rows))
		}
	}
}
