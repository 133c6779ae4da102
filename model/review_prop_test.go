package model_test

import (
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
)

// TestBuildReviewOrderFree checks that the recommendation of each row (by
// its key) does not depend on the order of the export rows.
func TestBuildReviewOrderFree(t *testing.T) {
	rec, rows, fs := reviewFixture(t)
	asOf := mustDate(t, "2026-11-25")
	want := map[string]model.Recommendation{}
	for _, r := range model.BuildReview(rec, rows, fs, asOf).Rows {
		want[r.Key] = r.Recommendation
	}
	rapid.Check(t, func(t *rapid.T) {
		perm := rapid.Permutation(rows).Draw(t, "rows")
		for _, r := range model.BuildReview(rec, perm, fs, asOf).Rows {
			if r.Recommendation != want[r.Key] {
				t.Fatalf("%s: %+v, want %+v", r.Account, r.Recommendation, want[r.Key])
			}
		}
	})
}

// TestCheckActionsRemovalProperty: a removal is applied exactly when no
// active or suspended row of that habilitation is left.
func TestCheckActionsRemovalProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		statuses := rapid.SliceOfN(rapid.SampledFrom([]string{model.StatusActive, model.StatusSuspended, model.StatusDisabled}), 0, 3).Draw(t, "statuses")
		var rows []model.Habilitation
		holds := false
		for _, s := range statuses {
			rows = append(rows, model.Habilitation{Account: "u1", Unit: "U", Service: "Cdap", Profile: model.T1, Status: s})
			holds = holds || s != model.StatusDisabled
		}
		res := model.CheckActions([]model.Action{{Kind: model.ActionRemove, Account: "u1", Unit: "U", Service: "Cdap", Profile: model.T1}}, rows)
		if (res[0].State == model.ActionApplied) == holds {
			t.Fatalf("statuses %v: %s", statuses, res[0].State)
		}
	})
}
