package model_test

import (
	"encoding/json"
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// TestFindingKeyKeptByJSON: every finding the rules make has the key of its
// JSON read back. The store saves a finding's key beside its JSON and
// compares two runs, and ages findings, by the keys saved; a field that
// the key reads but the JSON drops would make a finding new every night.
func TestFindingKeyKeptByJSON(t *testing.T) {
	s := modeltest.NewStream(3, modeltest.Options{Conventions: 40, Rows: 20_000, DormantRate: 0.3, DuplicateRate: 0.1, UnknownRate: 0.02})
	r := model.NewReconciler(s.Records, s.AsOf, model.DefaultReconcileSettings())
	for h := range s.Rows() {
		r.Add(&h)
	}
	codes := map[model.Code]int{}
	for _, f := range r.Findings() {
		js, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		var back model.Finding
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatal(err)
		}
		if back.Key() != f.Key() {
			t.Fatalf("%s: key %q read back as %q", js, f.Key(), back.Key())
		}
		codes[f.Code]++
	}
	for _, c := range []model.Code{model.CodeQuotaExceeded, model.CodeProfileNotAuthorized, model.CodeUnknownPartner, model.CodeUnknownUnit,
		model.CodeDormantAccount, model.CodeSharedMailbox, model.CodeDuplicateAccount, model.CodeUndeclaredAdmin} {
		if codes[c] == 0 {
			t.Errorf("no %s finding in the workload: %v", c, codes)
		}
	}
}
