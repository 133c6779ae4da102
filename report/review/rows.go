package review

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// rowWidths are the widths of the « Habilitations » columns (model.ReviewColumns).
var rowWidths = [len(model.ReviewColumns)]float64{
	12, 16, 14, 30, 24, 8, 7, 16, 10, 11, 12, 24, 16, 48, 20, 10, 32, 26, 18, 64,
}

// writeRows streams « Habilitations »: one row per habilitation, the reviewer's
// columns unlocked with drop-down lists, the rest protected, the key and
// control columns hidden.
func writeRows(ctx context.Context, f *excelize.File, st *styles, rv model.Review, workbookID string, seal *model.ReviewSealer) error {
	sh := model.ReviewSheetRows
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	if err := pageSetup(f, sh, "landscape"); err != nil { // before streaming: sheetPr is written first
		return err
	}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for i, wd := range rowWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetColVisible(model.ReviewColKey+1, model.ReviewColControl+1, false); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "O2", ActiveCell: "O2", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	head := make([]any, len(model.ReviewColumns))
	for i, h := range model.ReviewColumns {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	// One set of cells is reused for every row: SetRow takes *Cell values,
	// so no cell is boxed per row.
	var buf [len(model.ReviewColumns)]excelize.Cell
	vals := make([]any, len(buf))
	for i := range buf {
		vals[i] = &buf[i]
	}
	for i, r := range rv.Rows {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		cells := model.ReviewCells(r, rowFindings(r.Findings))
		for c := range model.ReviewProtectedCount {
			style := st.text
			if wrapped[c] {
				style = st.wrap
			}
			buf[c] = excelize.Cell{StyleID: style, Value: cells[c]}
		}
		buf[model.ReviewColCreated] = dateCell(st, r.Created)
		buf[model.ReviewColLastLogin] = dateCell(st, r.LastLogin)
		buf[model.ReviewColVerdict] = excelize.Cell{StyleID: st.verdict[r.Verdict], Value: string(r.Verdict)}
		for c := model.ReviewColDecision; c <= model.ReviewColComment; c++ {
			buf[c] = excelize.Cell{StyleID: st.input}
		}
		buf[model.ReviewColKey] = excelize.Cell{StyleID: st.text, Value: r.Key}
		buf[model.ReviewColControl] = excelize.Cell{StyleID: st.text, Value: seal.Control(workbookID, r.Key, cells)}
		if err := sw.SetRow(cell(1, i+2), vals, excelize.RowOpts{Height: rowHeight(cells)}); err != nil {
			return fmt.Errorf("row %d: %w", i+2, err)
		}
	}
	last := len(rv.Rows) + 1
	if last < 2 {
		last = 2 // an empty review still gets its drop-downs on one row
	}
	if err := f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", colName(model.ReviewColComment+1), last), nil); err != nil {
		return err
	}
	if err := addDropDowns(f, sh, last); err != nil {
		return err
	}
	if err := readOnly(f, sh); err != nil { // the reviewer's columns are unlocked cells
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: "'" + sh + "'!$1:$1"}); err != nil {
		return err
	}
	return sw.Flush()
}

// wrapped marks the generated columns whose text wraps: structure, role,
// findings and the recommendation's reason.
var wrapped = [model.ReviewProtectedCount]bool{4: true, 7: true, 11: true, 13: true}

// rowHeight estimates the height a row needs for its wrapped cells. Neither
// LibreOffice nor Excel fits the height of streamed rows on opening, so the
// writer sets it: lines per cell from the column width (about one character
// per width unit, conservatively), 15 points a line.
func rowHeight(cells [model.ReviewProtectedCount]string) float64 {
	lines := 1
	for c, w := range wrapped {
		if !w || cells[c] == "" {
			continue
		}
		n := 0
		for _, part := range strings.Split(cells[c], "\n") {
			per := int(rowWidths[c] * 1.15)
			n += (utf8.RuneCountInString(part) + per - 1) / per
		}
		lines = max(lines, n)
	}
	return min(float64(15*lines+2), maxRowHeight)
}

// dateCell is a date cell, or « jamais » for a zero date (never logged in).
func dateCell(st *styles, d model.Date) excelize.Cell {
	if d.IsZero() {
		return excelize.Cell{StyleID: st.number, Value: model.ReviewNever}
	}
	return excelize.Cell{StyleID: st.date, Value: d.Time()}
}

// rowFindings names a row's findings, one per line.
func rowFindings(fs []model.Finding) string {
	if len(fs) == 0 {
		return ""
	}
	names := make([]string, 0, len(fs))
	for _, f := range fs {
		t := f.Title()
		if f.Code == model.CodeQuotaExceeded || f.Code == model.CodeProfileNotAuthorized {
			t += " (" + string(f.Profile) + ")"
		}
		names = append(names, t)
	}
	return strings.Join(names, "\n")
}

// addDropDowns adds the lists of the Décision and Nouveau profil columns.
func addDropDowns(f *excelize.File, sh string, last int) error {
	decisions := make([]string, len(model.Decisions))
	for i, d := range model.Decisions {
		decisions[i] = string(d)
	}
	profiles := make([]string, len(model.Profiles))
	for i, p := range model.Profiles {
		profiles[i] = string(p)
	}
	for _, l := range []struct {
		col    int
		values []string
		title  string
		msg    string
	}{
		{model.ReviewColDecision, decisions, "Décision", "Choisir : " + strings.Join(decisions, ", ") + "."},
		{model.ReviewColNewProfile, profiles, "Nouveau profil", "Seulement pour « Modifier le profil » : choisir le nouveau profil."},
	} {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", colName(l.col+1), colName(l.col+1), last)
		if err := dv.SetDropList(l.values); err != nil {
			return err
		}
		dv.SetInput(l.title, l.msg)
		dv.SetError(excelize.DataValidationErrorStyleStop, l.title, "Valeur non prévue. "+l.msg)
		if err := f.AddDataValidation(sh, dv); err != nil {
			return err
		}
	}
	return nil
}
