package breach_test

import (
	"bytes"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
	"habilitations/model/modeltest"
	"habilitations/report/breach"
)

// TestPropSpoolWriteJSON checks by property that the findings JSON a
// spool writes, whatever it keeps, is byte for byte WriteFindingsJSON of
// the findings held and sorted at once, and that a spool keeping only the
// JSON refuses to give back findings it did not keep.
func TestPropSpoolWriteJSON(t *testing.T) {
	keeps := map[string]breach.Keep{"json": breach.KeepJSON, "findings": breach.KeepFindings,
		"both": breach.KeepFindings | breach.KeepJSON}
	rapid.Check(t, func(rt *rapid.T) {
		o := modeltest.Options{
			Conventions:   rapid.IntRange(1, 15).Draw(rt, "conventions"),
			Rows:          rapid.IntRange(1, 600).Draw(rt, "rows"), // 0 would mean the default, a million,
			DormantRate:   rapid.SampledFrom([]float64{0, 0.5, 1}).Draw(rt, "dormant"),
			DuplicateRate: rapid.SampledFrom([]float64{0, 0.4}).Draw(rt, "duplicates"),
		}
		w := modeltest.Generate(rapid.Uint64().Draw(rt, "seed"), o)
		held := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
		var want bytes.Buffer
		if err := breach.WriteFindingsJSON(&want, model.Findings{AsOf: w.AsOf, Findings: append([]model.Finding{}, held...)}); err != nil {
			rt.Fatal(err)
		}
		name := rapid.SampledFrom([]string{"json", "findings", "both"}).Draw(rt, "keep")
		s := spooledKeeping(rt, t.TempDir(), w, keeps[name])
		defer s.Close()
		var got bytes.Buffer
		if err := s.WriteJSON(&got, w.AsOf); err != nil {
			rt.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			rt.Fatalf("keep %s: JSON differs (%d vs %d bytes)", name, got.Len(), want.Len())
		}
		if name == "json" {
			for _, err := range s.All() {
				if err == nil || !strings.Contains(err.Error(), "not kept") {
					rt.Fatalf("All on a JSON-only spool: %v", err)
				}
			}
		}
	})
}

func spooledKeeping(t interface{ Fatal(...any) }, dir string, w modeltest.Workload, keep breach.Keep) *breach.Spool {
	r := model.NewReconciler(w.Records, w.AsOf, model.DefaultReconcileSettings())
	for i := range w.Rows {
		r.Add(&w.Rows[i])
	}
	s, err := breach.NewSpoolKeeping(dir, keep)
	if err != nil {
		t.Fatal(err)
	}
	for conv, fs := range r.FindingsByConvention() {
		if err := s.Add(conv, fs); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// TestSpoolWriteJSONEmpty: a spool of no finding writes an empty list, as
// WriteFindingsJSON does of an empty slice.
func TestSpoolWriteJSONEmpty(t *testing.T) {
	asOf := model.NewDate(2026, 11, 20)
	var want bytes.Buffer
	if err := breach.WriteFindingsJSON(&want, model.Findings{AsOf: asOf, Findings: []model.Finding{}}); err != nil {
		t.Fatal(err)
	}
	for name, keep := range map[string]breach.Keep{"json": breach.KeepJSON, "findings": breach.KeepFindings} {
		s, err := breach.NewSpoolKeeping(t.TempDir(), keep)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := s.WriteJSON(&got, asOf); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if got.String() != want.String() {
			t.Errorf("keep %s: %q, want %q", name, got.String(), want.String())
		}
	}
}
