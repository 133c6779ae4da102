package model

// NewFindings tells which findings of a run are new: absent from the
// previous run, by key (Finding.Key). The zero value has none new.
//
// It holds the keys of the smaller side: those of the new findings when
// few are new, as most nights, or those of the findings kept when most are
// new, as the night a partner's export of a million rows first comes. A
// list of the new findings themselves was a copy of nearly all of that
// night's 740,000 findings, and the report's set of their keys another.
type NewFindings struct {
	all  bool            // every finding is new (no previous run)
	keys map[string]bool // the keys of the new findings, or of those kept
	kept bool            // keys are those of the findings kept
}

// AllNew is every finding new: the first reconciliation.
func AllNew() NewFindings { return NewFindings{all: true} }

// NewWithKeys is the findings of the given keys new, the others not.
func NewWithKeys(keys map[string]bool) NewFindings { return NewFindings{keys: keys} }

// NewExceptKeys is every finding new but those of the given keys.
func NewExceptKeys(keys map[string]bool) NewFindings { return NewFindings{keys: keys, kept: true} }

// None reports whether no finding is new, without looking at any.
func (n NewFindings) None() bool { return !n.all && !n.kept && len(n.keys) == 0 }

// Has reports whether f is new.
func (n NewFindings) Has(f *Finding) bool {
	switch {
	case n.all:
		return true
	case n.None():
		return false // without building the key of each of a million findings
	}
	return n.keys[f.Key()] != n.kept
}
