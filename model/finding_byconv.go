package model

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"
)

// ConventionFindings are a run's findings held convention by convention,
// each convention's sorted (SortFindings), as
// Reconciler.FindingsByConvention yields them. Held so, the night's
// findings are made, saved and read without being gathered into one
// slice: each convention's batch is copied once, at its size, where one
// slice of a million findings grew by doubling and was then sorted whole.
// The zero value is empty; a nil *ConventionFindings too.
type ConventionFindings struct {
	convs  []string // in increasing order
	of     map[string][]Finding
	n      int
	byCode map[Code]int
	last   string // the convention added last, to check the order
	added  bool
}

// GroupFindings holds fs, in any order, by convention. fs is left as given.
func GroupFindings(fs []Finding) *ConventionFindings {
	byConv := map[string][]Finding{}
	for _, f := range fs {
		byConv[f.Convention] = append(byConv[f.Convention], f)
	}
	c := &ConventionFindings{}
	for _, k := range slices.Sorted(maps.Keys(byConv)) {
		SortFindings(byConv[k])
		c.keep(k, byConv[k])
	}
	return c
}

// Add keeps a copy of the findings of convention conv ("" for those
// without one), sorted with SortFindings; conventions come in increasing
// order, each once, as Reconciler.FindingsByConvention yields them. The
// caller may reuse fs afterwards.
func (c *ConventionFindings) Add(conv string, fs []Finding) error {
	return c.add(conv, fs, true)
}

// Keep is Add keeping fs itself, not a copy: the batches of
// Reconciler.FindingsByConventionToKeep, each a slice of its own.
func (c *ConventionFindings) Keep(conv string, fs []Finding) error {
	return c.add(conv, fs, false)
}

func (c *ConventionFindings) add(conv string, fs []Finding, clone bool) error {
	if c.added && conv <= c.last {
		return fmt.Errorf("findings of convention %q after those of %q", conv, c.last)
	}
	c.added, c.last = true, conv
	if len(fs) == 0 { // a convention without findings is not listed
		return nil
	}
	if clone {
		fs = slices.Clone(fs)
	}
	c.keep(conv, fs)
	return nil
}

func (c *ConventionFindings) keep(conv string, fs []Finding) {
	if c.of == nil {
		c.of, c.byCode = map[string][]Finding{}, map[Code]int{}
	}
	c.convs = append(c.convs, conv)
	c.of[conv] = fs
	c.n += len(fs)
	for i := range fs {
		c.byCode[fs[i].Code]++
	}
}

// Len is the number of findings.
func (c *ConventionFindings) Len() int {
	if c == nil {
		return 0
	}
	return c.n
}

// Count is the number of findings of code code.
func (c *ConventionFindings) Count(code Code) int {
	if c == nil {
		return 0
	}
	return c.byCode[code]
}

// Conventions are the conventions with findings, in increasing order.
func (c *ConventionFindings) Conventions() []string {
	if c == nil {
		return nil
	}
	return c.convs
}

// Of returns the findings of convention conv, sorted; they are shared, not
// to be modified.
func (c *ConventionFindings) Of(conv string) []Finding {
	if c == nil {
		return nil
	}
	return c.of[conv]
}

// Sorted yields every finding in SortFindings order: code after code, and
// for each code the conventions in order. A convention's findings are
// sorted by code first, so each code's are one run of them, found by
// binary search.
func (c *ConventionFindings) Sorted() iter.Seq[*Finding] {
	return func(yield func(*Finding) bool) {
		if c == nil {
			return
		}
		for rank := 0; rank <= len(Codes); rank++ {
			for _, conv := range c.convs {
				fs := c.of[conv]
				from := sort.Search(len(fs), func(i int) bool { return codeRank(fs[i].Code) >= rank })
				for i := from; i < len(fs) && codeRank(fs[i].Code) == rank; i++ {
					if !yield(&fs[i]) {
						return
					}
				}
			}
		}
	}
}

// Filter returns a copy of the findings keep says to keep, in SortFindings
// order.
func (c *ConventionFindings) Filter(keep func(*Finding) bool) []Finding {
	var out []Finding
	for f := range c.Sorted() {
		if keep(f) {
			out = append(out, *f)
		}
	}
	return out
}
