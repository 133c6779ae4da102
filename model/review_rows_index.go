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
type ConventionRows struct {
	rows    []Habilitation
	fc      reviewFolds
	classes map[partnerID][]int32 // a partner's classes; present for every indexed partner
	members [][]int32             // each class's rows' indexes, in export order
	tallies [][]slotTally         // each class's slot-holding rows, counted
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

// NewConventionRows indexes rows by the partners of records.
func NewConventionRows(records []Record, rows []Habilitation) *ConventionRows {
	x := &ConventionRows{rows: rows, fc: reviewFolds{}, classes: map[partnerID][]int32{}}
	bySIRET := map[string][]partnerID{}      // SIRET → partners printing it
	withSIRET := map[string][]partnerID{}    // folded name → partners with a SIRET (rows without one)
	withoutSIRET := map[string][]partnerID{} // folded name → partners without SIRET (any row)
	for _, r := range records {
		id := x.id(r)
		if _, ok := x.classes[id]; ok {
			continue
		}
		x.classes[id] = nil
		if id.siret != "" {
			bySIRET[id.siret] = append(bySIRET[id.siret], id)
			withSIRET[id.name] = append(withSIRET[id.name], id)
		} else {
			withoutSIRET[id.name] = append(withoutSIRET[id.name], id)
		}
	}
	classOf := map[[2]string]int32{}
	type tallyKey struct {
		class         int32
		unit, service string
		profile       Profile
	}
	tallyAt := map[tallyKey]int{}
	var lastOrg, lastFold string
	for i := range rows {
		h := &rows[i]
		if i == 0 || h.Organisme != lastOrg {
			lastOrg, lastFold = h.Organisme, x.fc.fold(h.Organisme)
		}
		c, ok := classOf[[2]string{h.SIRET, lastFold}]
		if !ok {
			c = int32(len(x.members))
			classOf[[2]string{h.SIRET, lastFold}] = c
			x.members = append(x.members, nil)
			x.tallies = append(x.tallies, nil)
			ids := withSIRET[lastFold]
			if h.SIRET != "" {
				ids = bySIRET[h.SIRET]
			}
			for _, ids := range [][]partnerID{ids, withoutSIRET[lastFold]} {
				for _, id := range ids {
					x.classes[id] = append(x.classes[id], c)
				}
			}
		}
		x.members[c] = append(x.members[c], int32(i))
		if h.HoldsSlot() {
			k := tallyKey{c, h.Unit, h.Service, h.Profile}
			t, ok := tallyAt[k]
			if !ok {
				t = len(x.tallies[c])
				tallyAt[k] = t
				x.tallies[c] = append(x.tallies[c], slotTally{unit: h.Unit, service: h.Service, profile: h.Profile})
			}
			x.tallies[c][t].n++
		}
	}
	return x
}

func (x *ConventionRows) id(r Record) partnerID {
	return partnerID{r.Convention.Partner.SIRET, x.fc.fold(r.Convention.Partner.Name)}
}
