package model_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// TestPropConventionFindingsSorted checks by property that the findings
// the rules yield convention by convention, held by convention, are read
// back in the order of the findings held and sorted at once.
func TestPropConventionFindingsSorted(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := genWorld(rt)
		checkConventionFindings(rt, w.Records, w.Rows, propAsOf, rapid.Uint64().Draw(rt, "shuffle"))
	})
}

// TestConventionFindingsWorkloads checks the same on generated workloads
// of many conventions, dormant- and duplicate-heavy ones among them.
func TestConventionFindingsWorkloads(t *testing.T) {
	for i, o := range []modeltest.Options{
		{Conventions: 30, Rows: 1500},
		{Conventions: 12, Rows: 2000, DormantRate: 0.9, DuplicateRate: 0.6},
		{Conventions: 1, Rows: 800, DormantRate: 0.3, DuplicateRate: 0.2},
		// Conventions of more than spillAt findings, gathered in chunks,
		// and enough rows for the workers.
		{Conventions: 3, Rows: 60_000, DormantRate: 0.9, DuplicateRate: 0.2},
		// A convention of more accounts than the rules' state keeps
		// (shrinkAbove), and one after it for the same worker (300,000
		// rows: fewer gave no convention that many accounts).
		{Conventions: 3, Rows: 300_000, DormantRate: 0.5, DuplicateRate: 0.2},
	} {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			w := modeltest.Generate(uint64(i+1), o)
			checkConventionFindings(t, w.Records, w.Rows, w.AsOf, uint64(i))
		})
	}
}

// checkConventionFindings checks that the rules' findings of records and
// rows, added convention by convention (copied, or kept as yielded to be
// kept: a slice reused would show here), then read back (Sorted, Of,
// Count, Filter), are the findings held and sorted at once; and the same
// of GroupFindings of those sorted, or shuffled with seed.
func checkConventionFindings(t interface{ Fatalf(string, ...any) }, records []model.Record, rows []model.Habilitation, asOf model.Date, seed uint64) {
	set := model.DefaultReconcileSettings()
	held := model.Reconcile(records, rows, asOf, set)
	heldOf := map[string][]model.Finding{}
	for _, f := range held {
		heldOf[f.Convention] = append(heldOf[f.Convention], f)
	}
	r := model.NewReconciler(records, asOf, set)
	for i := range rows {
		r.Add(&rows[i])
	}
	streamed, kept := &model.ConventionFindings{}, &model.ConventionFindings{}
	for conv, fs := range r.FindingsByConvention() {
		if err := streamed.Add(conv, fs); err != nil {
			t.Fatalf("%v", err)
		}
	}
	for conv, fs := range r.FindingsByConventionToKeep() {
		if err := kept.Keep(conv, fs); err != nil {
			t.Fatalf("%v", err)
		}
	}
	shuffled := slices.Clone(held)
	rand.New(rand.NewPCG(seed, 0)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for name, c := range map[string]*model.ConventionFindings{
		"streamed": streamed, "kept": kept, "grouped": model.GroupFindings(held), "shuffled": model.GroupFindings(shuffled),
	} {
		var got []model.Finding
		for f := range c.Sorted() {
			got = append(got, *f)
		}
		if c.Len() != len(held) || len(got) != len(held) || len(held) > 0 && !reflect.DeepEqual(got, held) {
			t.Fatalf("%s: %d findings read back (Len %d), not the %d held in their order", name, len(got), c.Len(), len(held))
		}
		for _, code := range model.Codes {
			want := 0
			for _, f := range held {
				if f.Code == code {
					want++
				}
			}
			if c.Count(code) != want {
				t.Fatalf("%s: %d findings of %s, want %d", name, c.Count(code), code, want)
			}
		}
		n := 0
		for _, conv := range c.Conventions() {
			if !reflect.DeepEqual(c.Of(conv), heldOf[conv]) {
				t.Fatalf("%s: the findings of %q are not theirs, sorted", name, conv)
			}
			n += len(heldOf[conv])
		}
		if n != len(held) || !slices.IsSorted(c.Conventions()) {
			t.Fatalf("%s: conventions %q hold %d of %d findings", name, c.Conventions(), n, len(held))
		}
		dormant := c.Filter(func(f *model.Finding) bool { return f.Code == model.CodeDormantAccount })
		if len(dormant) != c.Count(model.CodeDormantAccount) || !model.FindingsSorted(dormant) {
			t.Fatalf("%s: Filter kept %d dormant accounts of %d, or out of order", name, len(dormant), c.Count(model.CodeDormantAccount))
		}
	}
}

// TestConventionFindingsAdd: a batch is copied (the rules reuse theirs),
// conventions must come in increasing order, and nil or empty hold none.
func TestConventionFindingsAdd(t *testing.T) {
	c := &model.ConventionFindings{}
	batch := []model.Finding{{Code: model.CodeDormantAccount, Convention: "2017/473", Account: "u-1"}}
	if err := c.Add("2017/473", batch); err != nil {
		t.Fatal(err)
	}
	batch[0].Account = "reused"
	if got := c.Of("2017/473")[0].Account; got != "u-1" {
		t.Errorf("the batch was kept, not copied: account %q", got)
	}
	for _, conv := range []string{"2017/473", "2016/001"} {
		if err := c.Add(conv, nil); err == nil {
			t.Errorf("%q after 2017/473: no error", conv)
		}
	}
	if err := c.Add("2018/002", nil); err != nil || len(c.Conventions()) != 1 {
		t.Errorf("a convention without findings: %v, conventions %q", err, c.Conventions())
	}
	var none *model.ConventionFindings
	if none.Len() != 0 || none.Of("x") != nil || none.Count(model.CodeDormantAccount) != 0 || len(none.Conventions()) != 0 {
		t.Error("a nil set holds findings")
	}
	for range none.Sorted() {
		t.Error("a nil set yields findings")
	}
}
