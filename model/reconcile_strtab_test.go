package model

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestPropStrTab: every string kept, copied or referred to, reads back
// unchanged after any number of others, across blocks and for strings
// longer than a block.
func TestPropStrTab(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		var tab strTab
		ss := rapid.SliceOf(rapid.OneOf(rapid.String(), rapid.Just(strings.Repeat("é", tabBlock/2+3)))).Draw(rt, "strings")
		refs := make([]strRef, len(ss))
		for i, s := range ss {
			if rapid.Bool().Draw(rt, "copy") {
				refs[i] = tab.copyIn(s)
			} else {
				refs[i] = tab.refer(s)
			}
		}
		for i, s := range ss {
			if got := tab.str(refs[i]); got != s {
				rt.Fatalf("string %d: %q, want %q", i, got, s)
			}
		}
	})
}
