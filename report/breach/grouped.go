package breach

import (
	"iter"
	"slices"

	"habilitations/model"
)

// grouped is the source of findings held by convention (Input.Grouped), as
// the night holds them: read in the report's orders where they are, never
// copied into one slice.
type grouped struct {
	c     *model.ConventionFindings
	quota []model.Finding
}

func newGrouped(c *model.ConventionFindings) *grouped {
	return &grouped{c: c, quota: BreachesOf(c)}
}

// BreachesOf returns the breaches among c (the findings of codes that
// hold accounts: quota_exceeded, profile_not_authorized) in the order the
// report lists them, for SlotHolders.Sort when the findings are held.
func BreachesOf(c *model.ConventionFindings) []model.Finding {
	out := c.Filter(func(f *model.Finding) bool { return codeBucket(f.Code) <= 1 })
	slices.SortStableFunc(out, compareBreaches)
	return out
}

func (g *grouped) Count(c model.Code) int { return g.c.Count(c) }

func (g *grouped) All() iter.Seq2[model.Finding, error] { return g.sorted(nil) }

func (g *grouped) breaches() iter.Seq2[model.Finding, error] { return seqOf(g.quota, nil) }

func (g *grouped) others() iter.Seq2[model.Finding, error] {
	return g.sorted(func(f *model.Finding) bool { return codeBucket(f.Code) > 1 })
}

// sorted yields the findings keep accepts (nil: all) in
// model.SortFindings order.
func (g *grouped) sorted(keep func(*model.Finding) bool) iter.Seq2[model.Finding, error] {
	return func(yield func(model.Finding, error) bool) {
		for f := range g.c.Sorted() {
			if keep != nil && !keep(f) {
				continue
			}
			if !yield(*f, nil) {
				return
			}
		}
	}
}
