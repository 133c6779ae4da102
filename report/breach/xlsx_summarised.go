package breach

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// DefaultSheetLimit is the most rows a detail sheet lists before it is
// summarised. A sheet holds 1,048,576 rows, but a list past some tens of
// thousands of lines is no longer read, only filtered, which the CSV file
// does as well; and the national night (10,000 partners: about 52,000
// other findings and 62,000 accounts of breaches) must stay complete.
const DefaultSheetLimit = 100_000

// maxSheetRows is the most rows a sheet holds (excelize fails past it);
// a variable so that a test can make it small.
var maxSheetRows = excelize.TotalRows

// sheetLimit is the limit given (0: the default), never more than a sheet
// holds below its note and header rows.
func sheetLimit(n int) int {
	if n <= 0 {
		n = DefaultSheetLimit
	}
	return min(n, maxSheetRows-2)
}

// accountsSummary writes « Comptes au-delà du quota » as one row per
// convention and finding, when the accounts are more than the limit.
func (w *workbook) accountsSummary(t tables) error {
	cols := []column{{"Constat", 20, kWrap}, {"Convention", 12, kText}, {"Partenaire", 34, kWrap}, {"Dépassements", 14, kNumber},
		{"Comptes", 10, kNumber}, {"À supprimer ou à régulariser", 15, kNumber}, {"À faire", 70, kWrap}}
	row := func(i int, dst []cell) []cell {
		g := w.acc.groups[i]
		return append(dst, cell{s: g.title()}, cell{s: g.conv}, cell{s: t.partners[g.conv]}, cell{n: g.findings},
			cell{n: g.accounts}, cell{n: g.flagged}, cell{s: accountsTodo(g, t.accountsCSV)})
	}
	note := summarisedNote(t.limit, w.acc.n, "comptes", "compte par compte", t.accountsCSV, "la colonne « Convention »")
	return w.tableWithNote(sheetAccounts, note, cols, len(w.acc.groups), row, cond{6, ">", "0", w.st.red})
}

// othersSummary writes « Autres constats » as one row per finding and
// convention, when the findings are more than the limit.
func (w *workbook) othersSummary(t tables) error {
	groups := w.otherGroups
	cols := []column{{"Constat", 24, kWrap}, {"Convention", 12, kText}, {"Partenaire", 34, kWrap}, {"Constats", 10, kNumber},
		{"dont nouveaux", 11, kNumber}, {"À faire", 80, kWrap}}
	row := func(i int, dst []cell) []cell {
		g := groups[i]
		return append(dst, cell{s: g.title()}, cell{s: g.conv}, cell{s: t.partners[g.conv]}, cell{n: g.findings},
			cell{n: g.flagged}, cell{s: othersTodo(g, t.findingsCSV)})
	}
	note := summarisedNote(t.limit, t.nOthers, "constats", "constat par constat", t.findingsCSV,
		"les colonnes « Convention » et « Constat »")
	return w.tableWithNote(sheetOthers, note, cols, len(groups), row, cond{5, ">", "0", w.st.orange})
}

// summarisedNote is the sentence above a summarised sheet.
func summarisedNote(limit, n int, what, each, file, filter string) string {
	return fr(fmt.Sprintf("Liste résumée, car elle dépasserait %s (%s %s) : une ligne par convention et par constat. "+
		"La liste complète, %s avec ce qu'il faut faire, est dans le fichier %s ; l'ouvrir dans un tableur et filtrer %s.",
		plural(limit, "1 ligne", "%s lignes"), frInt(n), what, each, file, filter))
}

// summarisedSheetNote is the Synthèse's sentence on a summarised sheet
// (where: a sentence with %s for the CSV file).
func summarisedSheetNote(sheet string, limit, n int, what, file, where string) string {
	return fr(fmt.Sprintf("Feuille « %s » : résumée, une ligne par convention et par constat, car elle dépasserait %s (%s %s) ; ",
		sheet, plural(limit, "1 ligne", "%s lignes"), frInt(n), what) +
		fmt.Sprintf(where, file))
}

// noteRow writes the note across the n columns of row 1, wrapped (width:
// the columns' total, to size the row).
func (w *workbook) noteRow(sw *excelize.StreamWriter, note string, n int, width float64) error {
	style, err := w.noticeStyle()
	if err != nil {
		return err
	}
	cells := make([]any, n)
	cells[0] = excelize.Cell{StyleID: style, Value: note}
	for i := 1; i < n; i++ {
		cells[i] = excelize.Cell{StyleID: style}
	}
	if err := sw.SetRow("A1", cells, excelize.RowOpts{Height: float64(15*lines(note, width) + 6)}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(n, 1)
	return sw.MergeCell("A1", end)
}

// noticeStyle is made only for a summarised sheet, so that a workbook below
// the limit keeps the styles it always had.
func (w *workbook) noticeStyle() (int, error) {
	if w.notice != 0 {
		return w.notice, nil
	}
	id, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Color: "9C5700"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return 0, err
	}
	w.notice = id
	return id, nil
}

// resolvedSummary writes « Résolus depuis dernier passage » as one row per
// convention and finding with its count, when the resolved findings are
// more than the limit. No file lists them one by one: they ask for nothing
// (the previous run's findings file, if kept, has them).
func (w *workbook) resolvedSummary(t tables) error {
	var groups []groupRow
	for _, o := range t.resolved { // in model.SortFindings order
		groups = countInGroups(groups, o.f)
	}
	cols := []column{{"Constat", 24, kWrap}, {"Convention", 12, kText}, {"Partenaire", 34, kWrap}, {"Constats résolus", 12, kNumber}}
	row := func(i int, dst []cell) []cell {
		g := groups[i]
		return append(dst, cell{s: g.title()}, cell{s: g.conv}, cell{s: t.partners[g.conv]}, cell{n: g.findings})
	}
	note := fr(fmt.Sprintf("Liste résumée, car elle dépasserait %s (%s constats) : une ligne par convention et par constat. "+
		"Ces constats du passage précédent ne sont plus relevés ; il n'y a rien à faire.",
		plural(t.limit, "1 ligne", "%s lignes"), frInt(len(t.resolved))))
	return w.tableWithNote(sheetResolved, note, cols, len(groups), row)
}
