package model_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// byCodeOf appends each batch's findings to one list per code, as a
// streamed report does, and joins the lists in code order.
func byCodeOf(r *model.Reconciler) (out []model.Finding, convs []string) {
	var per [len(model.Codes) + 1][]model.Finding
	rank := func(c model.Code) int {
		if i := slices.Index(model.Codes[:], c); i >= 0 {
			return i
		}
		return len(model.Codes)
	}
	for conv, fs := range r.FindingsByConvention() {
		convs = append(convs, conv)
		for _, f := range fs {
			per[rank(f.Code)] = append(per[rank(f.Code)], f)
		}
	}
	for _, p := range per {
		out = append(out, p...)
	}
	return out, convs
}

// TestPropFindingsByConventionMatchesFindings checks by property that the
// findings streamed convention by convention, put back per code, are the
// findings held and sorted at once, and that conventions come in order.
func TestPropFindingsByConventionMatchesFindings(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		r := model.NewReconciler(w.Records, propAsOf, model.ReconcileSettings{})
		for i := range w.Rows {
			r.Add(&w.Rows[i])
		}
		got, convs := byCodeOf(r)
		want := r.Findings()
		if len(got) != len(want) || (len(got) > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("streamed %d findings, held %d:\n%v\n%v", len(got), len(want), got, want)
		}
		if !slices.IsSorted(convs) {
			t.Fatalf("conventions out of order: %v", convs)
		}
	})
}

// TestFindingsByConventionWorkloads checks the same on generated workloads
// large enough for the parallel path, dormant- and duplicate-heavy ones
// included.
func TestFindingsByConventionWorkloads(t *testing.T) {
	for _, o := range []modeltest.Options{
		{Conventions: 300, Rows: 60_000},
		{Conventions: 200, Rows: 60_000, DormantRate: 0.65, DuplicateRate: 0.2},
		{Conventions: 7, Rows: 2_000, DormantRate: 1, DuplicateRate: 0.5},
	} {
		t.Run(fmt.Sprintf("%d-%d-%.2f-%.2f", o.Conventions, o.Rows, o.DormantRate, o.DuplicateRate), func(t *testing.T) {
			s := modeltest.NewStream(3, o)
			r := model.NewReconciler(s.Records, s.AsOf, model.ReconcileSettings{})
			for h := range s.Rows() {
				r.Add(&h)
			}
			got, _ := byCodeOf(r)
			want := r.Findings()
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("streamed %d findings, held %d", len(got), len(want))
			}
		})
	}
}
