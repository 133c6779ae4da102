package model

// RowsOfConvention returns the export rows that belong to the effective
// record rec, by the matching rule of records.md §4: the partner SIRET when
// both the row and the record have one, otherwise the folded partner name.
// The review step uses it to give each convention's workbook its rows;
// reconciliation itself matches all conventions at once.
func RowsOfConvention(rec Record, rows []Habilitation) []Habilitation {
	fc := reviewFolds{}
	name := fc.fold(rec.Convention.Partner.Name)
	siret := rec.Convention.Partner.SIRET
	ours := func(h *Habilitation) bool {
		if siret != "" && h.SIRET != "" {
			return h.SIRET == siret
		}
		return fc.fold(h.Organisme) == name
	}
	// Counted first, then copied once: growing the copy by appending
	// allocated about twice the rows of a large export (at 192 bytes a row,
	// the peak of a 50,000-row review's preparation).
	n := 0
	for i := range rows {
		if ours(&rows[i]) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Habilitation, 0, n)
	for i := range rows {
		if ours(&rows[i]) {
			out = append(out, rows[i])
		}
	}
	return out
}

// unitIndex resolves the Structure of an export row to the Annexe 2 unit of
// a record: folded labels are compared, and a record with a single unit takes
// rows whose Structure is empty.
type unitIndex struct {
	byFold map[string]string
	single string
	fc     reviewFolds
}

func newUnitIndex(rec Record, fc reviewFolds) unitIndex {
	x := unitIndex{byFold: map[string]string{}, fc: fc}
	for _, s := range rec.Services {
		x.byFold[fc.fold(s.Unit)] = s.Unit
	}
	if len(x.byFold) == 1 {
		for _, u := range x.byFold {
			x.single = u
		}
	}
	return x
}

// unit returns the Annexe 2 label of the row's unit, or "" when unknown.
func (x unitIndex) unit(structure string) string {
	if structure == "" {
		return x.single
	}
	return x.byFold[x.fc.fold(structure)]
}
