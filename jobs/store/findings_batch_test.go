package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
)

// benchFindings are n findings of a dormant-heavy night: mostly dormant
// accounts over 100 conventions, some duplicates.
func benchFindings(n int) []model.Finding {
	fs := make([]model.Finding, n)
	for i := range fs {
		conv := fmt.Sprintf("%02d/20%02d", i%100, 10+i%15)
		if i%10 == 9 {
			fs[i] = model.Finding{Code: model.CodeDuplicateAccount, Convention: conv, Accounts: []string{fmt.Sprintf("u-%d", i), fmt.Sprintf("u-%d", i+1)}}
			continue
		}
		fs[i] = model.Finding{Code: model.CodeDormantAccount, Convention: conv, Account: fmt.Sprintf("u-%d", i)}
	}
	model.SortFindings(fs)
	return fs
}

// BenchmarkSaveFindings: the store's writes of a night's findings (saved
// under the run, then aged for the campaign), 100,000 findings.
func BenchmarkSaveFindings(b *testing.B) {
	fs := benchFindings(100_000)
	ctx := context.Background()
	s := MustOpen(b)
	b.Run("save", func(b *testing.B) {
		for b.Loop() {
			run, err := s.StartRun(ctx, "run", "2026-11-26")
			if err != nil {
				b.Fatal(err)
			}
			if err := s.SaveFindings(ctx, run, fs); err != nil {
				b.Fatal(err)
			}
		}
	})
	run, err := s.StartRun(ctx, "run", "2026-11-26")
	if err != nil {
		b.Fatal(err)
	}
	if err := s.SaveFindings(ctx, run, fs); err != nil {
		b.Fatal(err)
	}
	b.Run("ages", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.UpdateFindingAges(ctx, "2026-11-26", run); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestFindingsBatched: findings are saved, read back and aged whole
// whatever their number against the batches of batchInsert (none, a
// partial batch, full ones, full ones and a partial one).
func TestFindingsBatched(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	for _, n := range []int{0, 1, batchRows - 1, batchRows, batchRows + 1, 2*batchRows + 50} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			fs := benchFindings(n)
			run, err := s.StartRun(ctx, "run", "2026-11-26")
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SaveFindings(ctx, run, fs); err != nil {
				t.Fatal(err)
			}
			got, err := s.Findings(ctx, run)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, fs) && !(len(got) == 0 && len(fs) == 0) {
				t.Errorf("read back %d findings, want the %d saved", len(got), len(fs))
			}
			if _, err := s.UpdateFindingAges(ctx, "2026-11-26", run); err != nil {
				t.Fatal(err)
			}
			ages := allAges(t, s)
			if len(ages) != n {
				t.Errorf("%d findings aged, want %d", len(ages), n)
			}
			for _, f := range fs {
				if ages[f.Key()] != "2026-11-26" {
					t.Fatalf("%s: first seen %q", f.Key(), ages[f.Key()])
				}
			}
		})
	}
}

// TestPropSaveFindingsSeqIsSaveFindings checks by property that findings
// saved in batches of any sizes (a convention's at a time, in the night)
// read back as the same findings saved at once, each batch's slice reused
// once the next is asked for as the rules reuse theirs.
func TestPropSaveFindingsSeqIsSaveFindings(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	rapid.Check(t, func(rt *rapid.T) {
		fs := benchFindings(rapid.IntRange(0, 3*batchRows).Draw(rt, "n"))
		run, err := s.StartRun(ctx, "run", "2026-11-26")
		if err != nil {
			rt.Fatal(err)
		}
		// Drawn before the save: a draw rapid rejects panics, and must not
		// do so inside the transaction.
		var sizes []int
		for left := len(fs); left > 0; {
			k := rapid.IntRange(1, left).Draw(rt, "batch")
			sizes = append(sizes, k)
			left -= k
		}
		var buf []model.Finding
		seq := func(yield func([]model.Finding, error) bool) {
			rest := fs
			for _, k := range sizes {
				buf = append(buf[:0], rest[:k]...)
				if !yield(buf, nil) {
					return
				}
				clear(buf) // reused: what was saved must not point into it
				rest = rest[k:]
			}
		}
		n, err := s.SaveFindingsSeq(ctx, run, seq)
		if err != nil {
			rt.Fatal(err)
		}
		got, err := s.Findings(ctx, run)
		if err != nil {
			rt.Fatal(err)
		}
		if n != len(fs) || !reflect.DeepEqual(got, fs) && !(len(got) == 0 && len(fs) == 0) {
			rt.Fatalf("saved %d, read back %d findings, want the %d given", n, len(got), len(fs))
		}
	})
}

// TestSaveFindingsSeqErrorUndoes: an error of the batches' source (the
// night's spool could not be written) leaves the run without findings,
// not with part of them.
func TestSaveFindingsSeqErrorUndoes(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	run, err := s.StartRun(ctx, "run", "2026-11-26")
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("spool full")
	fs := benchFindings(2*batchRows + 3)
	_, err = s.SaveFindingsSeq(ctx, run, func(yield func([]model.Finding, error) bool) {
		if yield(fs, nil) {
			yield(nil, boom)
		}
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
	got, err := s.Findings(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("%d findings kept after the error", len(got))
	}
	if _, _, err := s.PreviousFindings(ctx, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("the run is marked as having findings: %v", err)
	}
}
