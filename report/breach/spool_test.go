package breach_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
	"habilitations/model/modeltest"
	"habilitations/report/breach"
)

// spooled reconciles w's rows with a Reconciler and spools its findings
// convention by convention, as `reconcile --records` does.
func spooled(t testing.TB, w modeltest.Workload) *breach.Spool {
	r := model.NewReconciler(w.Records, w.AsOf, model.DefaultReconcileSettings())
	for i := range w.Rows {
		r.Add(&w.Rows[i])
	}
	s, err := breach.NewSpool(t.TempDir())
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

// TestPropSpooledReportIsHeldReport checks by property, over generated
// workloads (dormant- and duplicate-heavy ones among them), with or without
// a previous run, that the report written from findings spooled convention
// by convention, or held by convention, is, file for file and byte for
// byte, the report written from the findings held and sorted at once; and
// that the spool gives back the held findings in their order.
func TestPropSpooledReportIsHeldReport(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		o := modeltest.Options{
			Conventions:   rapid.IntRange(1, 30).Draw(rt, "conventions"),
			Rows:          rapid.IntRange(1, 2000).Draw(rt, "rows"),
			DormantRate:   rapid.SampledFrom([]float64{0, 0.3, 0.9}).Draw(rt, "dormant"),
			DuplicateRate: rapid.SampledFrom([]float64{0, 0.2, 0.6}).Draw(rt, "duplicates"),
		}
		w := modeltest.Generate(rapid.Uint64().Draw(rt, "seed"), o)
		held := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
		s := spooled(t, w)
		defer s.Close()
		i := 0
		for f, err := range s.All() {
			if err != nil {
				rt.Fatal(err)
			}
			if i >= len(held) || fmt.Sprint(f) != fmt.Sprint(held[i]) {
				rt.Fatalf("finding %d: %+v", i, f)
			}
			i++
		}
		if i != len(held) || s.Len() != len(held) {
			rt.Fatalf("spooled %d findings (Len %d), held %d", i, s.Len(), len(held))
		}
		base := filepath.Join(t.TempDir(), fmt.Sprint(rapid.Int().Draw(rt, "dir")))
		// A previous run, or none: some findings new, some resolved.
		prev := breach.Input{AsOf: w.AsOf, Records: w.Records, Rows: w.Rows}
		if prev.HasPrevious = rapid.Bool().Draw(rt, "previous"); prev.HasPrevious {
			keys := map[string]bool{}
			for i := range held {
				if rapid.Bool().Draw(rt, "keyed") {
					keys[held[i].Key()] = true
				}
				if i%7 == 3 {
					gone := held[i]
					gone.Account += "-gone"
					prev.Resolved = append(prev.Resolved, gone)
				}
			}
			prev.New = model.NewWithKeys(keys)
			if rapid.Bool().Draw(rt, "except") {
				prev.New = model.NewExceptKeys(keys)
			}
		}
		write := func(name string, set func(*breach.Input)) breach.Paths {
			in := prev
			set(&in)
			p, err := breach.Write(context.Background(), filepath.Join(base, name), in)
			if err != nil {
				rt.Fatal(err)
			}
			return p
		}
		want := write("held", func(in *breach.Input) { in.Findings = held })
		got := write("spool", func(in *breach.Input) { in.Spool = s })
		// Findings out of order give the same report, and are left as given
		// (Write sorts a copy of them; those in order are not copied).
		shuffled := rapid.Permutation(held).Draw(rt, "shuffled")
		given := slices.Clone(shuffled)
		other := write("shuffled", func(in *breach.Input) { in.Findings = shuffled })
		if fmt.Sprint(shuffled) != fmt.Sprint(given) {
			rt.Fatalf("Write changed the findings it was given")
		}
		// Held by convention, as the night holds them.
		byConv := write("grouped", func(in *breach.Input) { in.Grouped = model.GroupFindings(shuffled) })
		for _, r := range []breach.Paths{got, other, byConv} {
			for _, p := range [][2]string{{want.CSV, r.CSV}, {want.AccountsCSV, r.AccountsCSV}, {want.JSON, r.JSON}} {
				if a, b := mustRead(rt, p[0]), mustRead(rt, p[1]); !bytes.Equal(a, b) {
					rt.Fatalf("%s differs from the held report's (%d vs %d bytes)", p[1], len(b), len(a))
				}
			}
			sameXLSX(rt, want.XLSX, r.XLSX)
		}
	})
}

func mustRead(t interface{ Fatal(...any) }, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameXLSX compares two workbooks part by part (the zip container's
// timestamps aside).
func sameXLSX(t interface{ Fatalf(string, ...any) }, a, b string) {
	parts := func(p string) map[string][]byte {
		z, err := zip.OpenReader(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		defer z.Close()
		m := map[string][]byte{}
		for _, f := range z.File {
			r, err := f.Open()
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			m[f.Name], _ = io.ReadAll(r)
			r.Close()
		}
		return m
	}
	pa, pb := parts(a), parts(b)
	if len(pa) != len(pb) {
		t.Fatalf("workbooks have %d and %d parts", len(pa), len(pb))
	}
	for name, x := range pa {
		if !bytes.Equal(x, pb[name]) {
			t.Fatalf("workbook part %s differs", name)
		}
	}
}

// TestSpoolOrderAndCleanup: conventions must come in increasing order (a
// batch out of order would break the report's order), the files are
// owner-only, and Close removes them.
func TestSpoolOrderAndCleanup(t *testing.T) {
	dir := t.TempDir()
	s, err := breach.NewSpool(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := func(conv string) []model.Finding {
		return []model.Finding{{Code: model.CodeDormantAccount, Convention: conv, Account: "u-1"}}
	}
	for _, tc := range []struct {
		conv    string
		wantErr bool
	}{{"", false}, {"01/2020", false}, {"02/2020", false}, {"02/2020", true}, {"01/2021", true}} {
		t.Run(tc.conv, func(t *testing.T) {
			if err := s.Add(tc.conv, f(tc.conv)); (err != nil) != tc.wantErr {
				t.Fatalf("Add(%q): %v", tc.conv, err)
			}
		})
	}
	if s.Len() != 3 || s.Count(model.CodeDormantAccount) != 3 {
		t.Fatalf("Len %d, Count %d, want 3", s.Len(), s.Count(model.CodeDormantAccount))
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("%d entries in the spool's parent, want its one folder", len(ents))
	}
	if fi, err := os.Stat(filepath.Join(dir, ents[0].Name())); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("spool folder: %v %v", fi.Mode(), err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("Close left %d entries", len(ents))
	}
}
