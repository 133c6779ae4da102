package breach_test

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
	"habilitations/model/modeltest"
	"habilitations/report/breach"
)

// TestPropHolderSpoolIsHeld checks by property that the report written with
// the breaches' accounts spooled to disk (model.SlotIndex, HolderSpool,
// placed in windows of a few bytes to a few kilobytes) is, file for file
// and byte for byte, the report written with the accounts gathered in
// memory from the rows (model.SlotHolders), whatever the sheet limit; rows
// repeating an account with other names are among the rows (the first one
// is listed).
func TestPropHolderSpoolIsHeld(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		o := modeltest.Options{
			Conventions:   rapid.IntRange(1, 20).Draw(rt, "conventions"),
			Rows:          rapid.IntRange(1, 1500).Draw(rt, "rows"),
			DormantRate:   rapid.SampledFrom([]float64{0, 0.5}).Draw(rt, "dormant"),
			DuplicateRate: rapid.SampledFrom([]float64{0, 0.3}).Draw(rt, "duplicates"),
		}
		w := modeltest.Generate(rapid.Uint64().Draw(rt, "seed"), o)
		held := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
		rows := w.Rows
		for _, i := range rapid.SliceOfN(rapid.IntRange(0, len(w.Rows)-1), 0, 20).Draw(rt, "repeated") {
			h := w.Rows[i]
			h.LastName, h.Email = "Répété", "repete@example.org"
			rows = append(rows, h)
		}
		s := spooled(t, w)
		defer s.Close()
		breach.SetHolderWindow(t, rapid.Int64Range(1, 8<<10).Draw(rt, "window"))
		hs := spoolHoldersOf(t, s, w.Records, rows)
		defer hs.Close()
		limit := rapid.SampledFrom([]int{0, 1, 7, 100}).Draw(rt, "limit")
		base := filepath.Join(t.TempDir(), fmt.Sprint(rapid.Int().Draw(rt, "dir")))
		want, err := breach.Write(context.Background(), filepath.Join(base, "held"), breach.Input{AsOf: w.AsOf, Findings: held, Records: w.Records,
			Rows: rows, SheetLimit: limit})
		if err != nil {
			rt.Fatal(err)
		}
		got, err := breach.Write(context.Background(), filepath.Join(base, "spool"), breach.Input{AsOf: w.AsOf, Spool: s, Records: w.Records,
			Holders: func() (*breach.HolderSpool, error) { return hs, nil }, SheetLimit: limit})
		if err != nil {
			rt.Fatal(err)
		}
		for _, p := range [][2]string{{want.CSV, got.CSV}, {want.AccountsCSV, got.AccountsCSV}, {want.JSON, got.JSON}} {
			if a, b := mustRead(rt, p[0]), mustRead(rt, p[1]); string(a) != string(b) {
				rt.Fatalf("%s differs from the held report's (%d vs %d bytes)", filepath.Base(p[1]), len(b), len(a))
			}
		}
		sameXLSX(rt, want.XLSX, got.XLSX)
	})
}

// spoolHoldersOf spools the accounts of s's breaches found in rows, as
// `reconcile --out` does reading the exports: every slot-holding row with
// its slot, then the breaches once known.
func spoolHoldersOf(t testing.TB, s *breach.Spool, records []model.Record, rows []model.Habilitation) *breach.HolderSpool {
	var quota []model.Finding
	for f, err := range s.Breaches() {
		if err != nil {
			t.Fatal(err)
		}
		quota = append(quota, f)
	}
	hs, err := breach.NewHolderSpool(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	x := model.NewSlotIndex(records)
	for i := range rows {
		if slot, ok := x.Slot(&rows[i]); ok {
			if err := hs.Add(slot, &rows[i]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := hs.SetBreaches(quota, x.Breaches(quota)); err != nil {
		t.Fatal(err)
	}
	return hs
}

// TestHolderSpoolMisuse: accounts added once the breaches are given or
// to no slot, breaches given twice, missing or not covering every slot,
// and a report whose breaches are not the spool's, are errors, never a
// report listing wrong accounts; the spool's files are owner-only and
// Close removes them.
func TestHolderSpoolMisuse(t *testing.T) {
	in := MustCorpusInput(t)
	var quota []model.Finding
	for _, f := range in.Findings {
		if f.Code == model.CodeQuotaExceeded || f.Code == model.CodeProfileNotAuthorized {
			quota = append(quota, f)
		}
	}
	// The breaches sheet's order: by convention, unit, service, profile.
	slices.SortStableFunc(quota, func(a, b model.Finding) int {
		return cmp.Or(cmp.Compare(a.Convention, b.Convention), cmp.Compare(a.Unit, b.Unit),
			cmp.Compare(a.Service, b.Service), cmp.Compare(a.Profile, b.Profile))
	})
	x := model.NewSlotIndex(in.Records)
	var slotted []int32 // the slots of in.Rows, -1 for none
	for i := range in.Rows {
		slot, _ := x.Slot(&in.Rows[i])
		slotted = append(slotted, slot)
	}
	all := func(s *breach.HolderSpool) error {
		for i, slot := range slotted {
			if slot >= 0 {
				if err := s.Add(slot, &in.Rows[i]); err != nil {
					return err
				}
			}
		}
		return nil
	}
	h := &in.Rows[0]
	set := func(breaches []model.Finding) func(*breach.HolderSpool) error {
		return func(s *breach.HolderSpool) error {
			if err := all(s); err != nil {
				return err
			}
			return s.SetBreaches(breaches, x.Breaches(breaches))
		}
	}
	for _, tc := range []struct {
		name    string
		fill    func(*breach.HolderSpool) error
		wantErr bool
	}{
		{"made for the report's breaches", set(quota), false},
		{"negative slot", func(s *breach.HolderSpool) error { return s.Add(-1, h) }, true},
		{"breaches not given", all, true},
		{"breaches given twice", func(s *breach.HolderSpool) error {
			if err := set(quota)(s); err != nil {
				return err
			}
			return s.SetBreaches(quota, x.Breaches(quota))
		}, true},
		{"slots not all mapped", func(s *breach.HolderSpool) error {
			if err := all(s); err != nil {
				return err
			}
			return s.SetBreaches(quota, nil)
		}, true},
		{"slot mapped past the breaches", func(s *breach.HolderSpool) error {
			if err := all(s); err != nil {
				return err
			}
			m := x.Breaches(quota)
			m[0] = int32(len(quota))
			return s.SetBreaches(quota, m)
		}, true},
		{"other breaches", set(quota[:1]), true},
		{"breaches reversed", set([]model.Finding{quota[1], quota[0]}), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := breach.NewHolderSpool(dir)
			if err != nil {
				t.Fatal(err)
			}
			err = tc.fill(s)
			if err == nil {
				in := in
				in.Holders = func() (*breach.HolderSpool, error) { return s, nil }
				_, err = breach.Write(context.Background(), filepath.Join(t.TempDir(), "r"), in)
			}
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, want one: %v", err, tc.wantErr)
			}
			if err == nil {
				if err := s.Add(0, h); err == nil {
					t.Error("an account added once the report was written was taken")
				}
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 1 {
				t.Fatalf("%d entries in the spool's parent, want its one folder", len(ents))
			}
			folder := filepath.Join(dir, ents[0].Name())
			files, _ := os.ReadDir(folder)
			for _, f := range files {
				if fi, _ := f.Info(); fi.Mode().Perm() != 0o600 {
					t.Errorf("%s: mode %v, want 0600", f.Name(), fi.Mode().Perm())
				}
			}
			if fi, _ := os.Stat(folder); fi.Mode().Perm() != 0o700 {
				t.Errorf("folder mode %v, want 0700", fi.Mode().Perm())
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Fatalf("Close left %d entries", len(ents))
			}
		})
	}
}
