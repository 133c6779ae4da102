package model

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestCodeRankFollowsCodes: codeRank's switch is Codes' order.
func TestCodeRankFollowsCodes(t *testing.T) {
	for i, c := range Codes {
		if got := codeRank(c); got != i {
			t.Errorf("codeRank(%s) = %d, want %d", c, got, i)
		}
	}
	if got := codeRank("other"); got != len(Codes) {
		t.Errorf("codeRank(other) = %d", got)
	}
}

// TestPropCompareJoined: comparing account lists is comparing them joined
// with commas, commas and prefixes inside accounts included.
func TestPropCompareJoined(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		gen := rapid.SliceOfN(rapid.StringMatching(`[ab,]{0,3}`), 0, 4)
		a, b := gen.Draw(rt, "a"), gen.Draw(rt, "b")
		if got, want := compareJoined(a, b), strings.Compare(strings.Join(a, ","), strings.Join(b, ",")); got != want {
			rt.Fatalf("compareJoined(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}

// TestPropCompareStrings: the shortcut for one string is strings.Compare.
func TestPropCompareStrings(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		a := rapid.StringMatching(`[ab]{0,3}`).Draw(rt, "a")
		b := rapid.SampledFrom([]string{a, a[:len(a)/2], a + "a", strings.Clone(a)}).Draw(rt, "b")
		if got, want := compareStrings(a, b), strings.Compare(a, b); got != want {
			rt.Fatalf("compareStrings(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
