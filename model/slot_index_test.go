package model_test

import (
	"reflect"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// TestPropSlotIndexIsSlotHolders checks by property that the rows whose
// slot (SlotIndex, numbered before the findings are known) is counted by a
// quota finding (SlotIndex.Breaches), each account's first row kept and
// sorted with CompareSlotHolders, are SlotHolders' rows for that finding:
// the breach report's accounts spooled to disk are those it gathers in
// memory.
func TestPropSlotIndexIsSlotHolders(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := modeltest.Generate(rapid.Uint64().Draw(rt, "seed"), modeltest.Options{
			Conventions:   rapid.IntRange(1, 20).Draw(rt, "conventions"),
			Rows:          rapid.IntRange(1, 1500).Draw(rt, "rows"),
			DuplicateRate: rapid.SampledFrom([]float64{0, 0.3}).Draw(rt, "duplicates"),
		})
		fs := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
		rows := append(slices.Clone(w.Rows), w.Rows[:rapid.IntRange(0, len(w.Rows)).Draw(rt, "repeated")]...)
		want := model.SlotHolders(w.Records, rows, fs)
		x := model.NewSlotIndex(w.Records)
		slots := make([]int32, len(rows))
		for i := range rows {
			slots[i], _ = x.Slot(&rows[i])
		}
		breachOf := x.Breaches(fs)
		got := map[string][]model.Habilitation{}
		seen := map[[2]string]bool{}
		for i := range rows {
			if slots[i] < 0 || breachOf[slots[i]] < 0 {
				continue
			}
			k := fs[breachOf[slots[i]]].Key()
			if !seen[[2]string{k, rows[i].Account}] {
				seen[[2]string{k, rows[i].Account}] = true
				got[k] = append(got[k], rows[i])
			}
		}
		for _, hs := range got {
			slices.SortFunc(hs, model.CompareSlotHolders)
		}
		if !reflect.DeepEqual(got, want) {
			rt.Fatalf("matched rows of %d findings, SlotHolders %d", len(got), len(want))
		}
	})
}

// BenchmarkSlotIndex numbers the slots of a million generated rows (the
// work `reconcile --out` adds to its reading of the export).
func BenchmarkSlotIndex(b *testing.B) {
	w := modeltest.Generate(1, modeltest.Options{})
	b.ResetTimer()
	for b.Loop() {
		x := model.NewSlotIndex(w.Records)
		n := 0
		for i := range w.Rows {
			if _, ok := x.Slot(&w.Rows[i]); ok {
				n++
			}
		}
		b.ReportMetric(float64(n), "slotted")
	}
}
