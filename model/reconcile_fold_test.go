package model

import (
	"testing"

	"pgregory.net/rapid"
)

// TestFoldCacheMatchesFold: the fast paths of foldCache give exactly Fold,
// for ASCII, accented, typographic and white-space-heavy strings.
func TestFoldCacheMatchesFold(t *testing.T) {
	alphabet := []rune("aZ 09-'’–\t\néÉèçÇœŒæÆ\u00a0\u0301ıİßẞ@._ǅ")
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(rapid.String(), rapid.StringOf(rapid.SampledFrom(alphabet))).Draw(t, "s")
		f := newFoldCache()
		// Fold's ASCII fast path must agree with the full Unicode transform.
		if got, want := Fold(s), f.slowFold(s); got != want {
			t.Fatalf("Fold(%q) = %q, full transform = %q", s, got, want)
		}
		if got, want := f.fold(s), Fold(s); got != want {
			t.Fatalf("fold(%q) = %q, Fold = %q", s, got, want)
		}
		if got, want := f.fold(s), Fold(s); got != want { // cached
			t.Fatalf("cached fold(%q) = %q, Fold = %q", s, got, want)
		}
		if got, want := string(f.letters(nil, s)), Letters(s); got != want {
			t.Fatalf("letters(%q) = %q, Letters = %q", s, got, want)
		}
	})
}
