package model

// ConventionRows indexes export rows by the partners of records, by the rule
// of RowsOfConvention, in one pass over the rows: asking RowsOfConvention of
// every convention in turn reads every row once per convention, which at
// 10,000 conventions and 270,000 rows was most of a night's time.
//
// Rows are grouped in classes, the rows printing one SIRET and one folded
// Organisme: which partners a row belongs to depends on nothing else. A
// partner takes whole classes, and one class may go to many partners (the
// thirty conventions of a hospital printing no SIRET, every convention of
// a SIRET under its different names), so what is counted per class (the
// rows, the slots held) is counted once, not once per partner.
//
// Built from rows streamed in (NewConventionRowsKeeping), the index keeps
// whole only the classes of the partners it is asked to keep: of the
// others it keeps the counts, the slots held and the administrator rows.
// A night needs the rows of the few conventions falling due, and every
// convention's counts; holding every row of a million-row export (232
// bytes and ten pointers each) was most of the night's memory and of its
// collector's work.
type ConventionRows struct {
	rows    []Habilitation
	fc      reviewFolds
	classes map[partnerID][]int32 // a partner's classes; present for every indexed partner
	members [][]int32             // each class's rows kept (indexes in rows), in export order
	counts  []int                 // each class's rows, kept or not
	tallies [][]slotTally         // each class's slot-holding rows, counted
	whole   []bool                // each class's rows are all kept

	// keep is nil when every row is kept (NewConventionRows); else the
	// partners whose classes are kept whole.
	keep map[partnerID]bool
	b    classBuilder
}

// partnerID is what RowsOfConvention matches a row on: the SIRET when both
// sides print one, else the folded name.
type partnerID struct{ siret, name string }

// slotTally is the number of rows holding a slot with one Structure,
// Service and profile, as the export writes them.
type slotTally struct {
	unit, service string
	profile       Profile
	n             int
}

// classBuilder is what adding a row needs to find its class.
type classBuilder struct {
	bySIRET      map[string][]partnerID // SIRET → partners printing it
	withSIRET    map[string][]partnerID // folded name → partners with a SIRET (rows without one)
	withoutSIRET map[string][]partnerID // folded name → partners without SIRET (any row)
	classOf      map[[2]string]int32
	tallyAt      map[tallyKey]int
	lastOrg      string
	lastFold     string
	started      bool
}

type tallyKey struct {
	class         int32
	unit, service string
	profile       Profile
}

// NewConventionRows indexes rows by the partners of records. The rows are
// the caller's: they are not copied.
func NewConventionRows(records []Record, rows []Habilitation) *ConventionRows {
	x := newConventionRows(records, nil)
	x.rows = rows
	for i := range rows {
		x.add(&rows[i], int32(i))
	}
	return x
}

// NewConventionRowsKeeping returns an empty index of the partners of
// records, for rows given one at a time with Add. It keeps whole the rows
// of the records keep selects (and of every partner sharing a class with
// them); Rows answers for those (Complete), Len, Quotas and AdminRows for
// every record indexed.
func NewConventionRowsKeeping(records []Record, keep func(Record) bool) *ConventionRows {
	x := newConventionRows(records, keep)
	if x.keep == nil {
		x.keep = map[partnerID]bool{}
	}
	return x
}

func newConventionRows(records []Record, keep func(Record) bool) *ConventionRows {
	x := &ConventionRows{fc: reviewFolds{}, classes: map[partnerID][]int32{}, b: classBuilder{
		bySIRET: map[string][]partnerID{}, withSIRET: map[string][]partnerID{}, withoutSIRET: map[string][]partnerID{},
		classOf: map[[2]string]int32{}, tallyAt: map[tallyKey]int{}}}
	if keep != nil {
		x.keep = map[partnerID]bool{}
	}
	for _, r := range records {
		id := x.id(r)
		if keep != nil && keep(r) {
			x.keep[id] = true
		}
		if _, ok := x.classes[id]; ok {
			continue
		}
		x.classes[id] = nil
		if id.siret != "" {
			x.b.bySIRET[id.siret] = append(x.b.bySIRET[id.siret], id)
			x.b.withSIRET[id.name] = append(x.b.withSIRET[id.name], id)
		} else {
			x.b.withoutSIRET[id.name] = append(x.b.withoutSIRET[id.name], id)
		}
	}
	return x
}

// Add takes one more export row (after those added before, in export
// order) into an index made by NewConventionRowsKeeping; h is copied when
// kept.
func (x *ConventionRows) Add(h *Habilitation) {
	x.add(h, -1)
}

// add files h in its class; i is its index in x.rows when the rows are the
// caller's, -1 when streamed (then h is appended when kept).
func (x *ConventionRows) add(h *Habilitation, i int32) {
	b := &x.b
	if !b.started || h.Organisme != b.lastOrg {
		b.lastOrg, b.lastFold, b.started = h.Organisme, x.fc.fold(h.Organisme), true
	}
	c, ok := b.classOf[[2]string{h.SIRET, b.lastFold}]
	if !ok {
		c = x.newClass(h.SIRET, b.lastFold)
	}
	x.counts[c]++
	if i >= 0 {
		x.members[c] = append(x.members[c], i)
	} else if x.whole[c] || h.IsAdmin() {
		x.members[c] = append(x.members[c], int32(len(x.rows)))
		x.rows = append(x.rows, *h)
	}
	if h.HoldsSlot() {
		k := tallyKey{c, h.Unit, h.Service, h.Profile}
		t, ok := b.tallyAt[k]
		if !ok {
			t = len(x.tallies[c])
			b.tallyAt[k] = t
			x.tallies[c] = append(x.tallies[c], slotTally{unit: h.Unit, service: h.Service, profile: h.Profile})
		}
		x.tallies[c][t].n++
	}
}

// newClass opens the class of the rows printing siret and the folded
// name fold, and gives it to its partners.
func (x *ConventionRows) newClass(siret, fold string) int32 {
	b := &x.b
	c := int32(len(x.members))
	b.classOf[[2]string{siret, fold}] = c
	x.members = append(x.members, nil)
	x.tallies = append(x.tallies, nil)
	x.counts = append(x.counts, 0)
	whole := x.keep == nil
	ids := b.withSIRET[fold]
	if siret != "" {
		ids = b.bySIRET[siret]
	}
	for _, ids := range [][]partnerID{ids, b.withoutSIRET[fold]} {
		for _, id := range ids {
			x.classes[id] = append(x.classes[id], c)
			whole = whole || x.keep[id]
		}
	}
	x.whole = append(x.whole, whole)
	return c
}

func (x *ConventionRows) id(r Record) partnerID {
	return partnerID{r.Convention.Partner.SIRET, x.fc.fold(r.Convention.Partner.Name)}
}
