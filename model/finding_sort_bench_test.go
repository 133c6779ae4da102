package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// findingBatch is one convention's findings as the reconciliation gives
// them before sorting: accounts in first-seen order, dormant and shared
// mailbox findings interleaved, then duplicates and quota findings.
func findingBatch(rng *rand.Rand, n int) []Finding {
	conv := "CONV-2026-0042"
	var fs []Finding
	for i := range n {
		acc := fmt.Sprintf("u%06d", rng.IntN(1_000_000))
		switch rng.IntN(10) {
		case 0, 1, 2, 3, 4, 5:
			fs = append(fs, Finding{Code: CodeDormantAccount, Convention: conv, Account: acc})
		case 6:
			fs = append(fs, Finding{Code: CodeSharedMailbox, Convention: conv, Account: acc})
		case 7, 8:
			fs = append(fs, Finding{Code: CodeDuplicateAccount, Convention: conv, Accounts: []string{acc, fmt.Sprintf("u%06d", i)}})
		default:
			fs = append(fs, Finding{Code: CodeQuotaExceeded, Convention: conv, Unit: fmt.Sprintf("U%02d", rng.IntN(20)),
				Profile: Profiles[rng.IntN(len(Profiles))], Quota: 2, Count: 3})
		}
	}
	return fs
}

// BenchmarkSortFindings sorts batches of the size a findings-heavy
// convention gives (about 200 findings each).
func BenchmarkSortFindings(b *testing.B) {
	for _, n := range []int{20, 200, 5000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			src := findingBatch(rng, n)
			buf := make([]Finding, n)
			b.ResetTimer()
			for range b.N {
				copy(buf, src)
				SortFindings(buf)
			}
		})
	}
}

// TestPropSortFindingsStable: SortFindings is the stable sort by
// compareFindings, ties (same keys, other counts) kept in their order.
func TestPropSortFindingsStable(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		gen := rapid.Custom(func(rt *rapid.T) Finding {
			return Finding{
				Code:       rapid.SampledFrom(Codes[:]).Draw(rt, "code"),
				Convention: rapid.SampledFrom([]string{"C1", "C2"}).Draw(rt, "conv"),
				Unit:       rapid.SampledFrom([]string{"", "U1", "U2"}).Draw(rt, "unit"),
				Profile:    rapid.SampledFrom([]Profile{"", "T1", "T2"}).Draw(rt, "profile"),
				// Short accounts, and long ones alike in their first 8
				// bytes (the sort key's prefix), NUL bytes included (the
				// prefix pads with them).
				Account: rapid.OneOf(rapid.StringMatching(`[ab]{0,2}`), rapid.StringMatching("[ab\x00]{0,3}"),
					rapid.StringMatching(`aaaaaaa[ab]{0,3}`)).Draw(rt, "account"),
				Accounts: rapid.SliceOfN(rapid.StringMatching(`[ab]{0,2}`), 0, 2).Draw(rt, "accounts"),
				Count:    rapid.IntRange(0, 1000).Draw(rt, "count"), // not a key: tells ties apart
			}
		})
		fs := rapid.SliceOfN(gen, 0, 300).Draw(rt, "findings")
		if rapid.Bool().Draw(rt, "sorted") { // FindingsSorted's true side, drawn often enough
			slices.SortStableFunc(fs, func(a, b Finding) int { return compareFindings(&a, &b) })
		}
		orig, already := slices.Clone(fs), FindingsSorted(fs)
		want := slices.Clone(fs)
		slices.SortStableFunc(want, func(a, b Finding) int { return compareFindings(&a, &b) })
		SortFindings(fs)
		for i := range fs {
			if fs[i].Count != want[i].Count || compareFindings(&fs[i], &want[i]) != 0 {
				rt.Fatalf("at %d: %+v, want %+v", i, fs[i], want[i])
			}
		}
		if !FindingsSorted(fs) {
			rt.Fatalf("FindingsSorted false after SortFindings")
		}
		if sortedAlready := slices.EqualFunc(orig, fs, func(a, b Finding) bool { return a.Count == b.Count && compareFindings(&a, &b) == 0 }); already != sortedAlready {
			rt.Fatalf("FindingsSorted %v, but sorting left the order unchanged: %v", already, sortedAlready)
		}
	})
}
