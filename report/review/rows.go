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

// writeRows lays out « Habilitations » in normal mode: header, widths,
// frozen panes, filters, drop-down lists, the reviewer's columns unlocked and
// the rest protected, the key and control columns hidden. Its rows are
// written by habilitationRows while the workbook is compressed (streamZip).
func writeRows(f *excelize.File, st *styles, rows int) error {
	sh := model.ReviewSheetRows
	w := &sheetWriter{f: f, sheet: sh}
	w.setWidths(rowWidths[:])
	w.do(f.SetColVisible(sh, colName(model.ReviewColKey+1)+":"+colName(model.ReviewColControl+1), false))
	w.do(f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "O2", ActiveCell: "O2", Pane: "bottomRight"}}}))
	w.header(1, model.ReviewColumns[:], st.header)
	w.do(f.SetRowHeight(sh, 1, 32))
	last := max(rows+1, 2) // an empty review still gets its drop-downs on one row
	w.do(f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", colName(model.ReviewColComment+1), last), nil))
	w.do(addDropDowns(f, sh, last))
	w.do(readOnly(f, sh)) // the reviewer's columns are unlocked cells
	w.do(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: "'" + sh + "'!$1:$1"}))
	w.do(f.SetSheetDimension(sh, fmt.Sprintf("A1:%s%d", colName(len(model.ReviewColumns)), rows+1)))
	w.do(pageSetup(f, sh, "landscape"))
	return w.err
}

// habilitationRows writes one row of « Habilitations » per habilitation,
// from row 2: the generated cells, the reviewer's empty unlocked cells, the
// key and the control.
func habilitationRows(ctx context.Context, st *styles, rv model.Review, workbookID string) sheetRows {
	return func(e *rowEncoder) error {
		var names strings.Builder
		for i, r := range rv.Rows {
			if i%4096 == 0 {
				if err := e.check(ctx); err != nil {
					return err
				}
			}
			cells := model.ReviewCells(r, rowFindings(&names, r.Findings))
			e.startRow(i+2, rowHeight(&cells))
			for c := range model.ReviewProtectedCount {
				switch {
				case c == model.ReviewColCreated:
					dateCell(e, st, c, r.Created)
				case c == model.ReviewColLastLogin:
					dateCell(e, st, c, r.LastLogin)
				case c == model.ReviewColVerdict:
					e.text(c, st.verdict[r.Verdict], string(r.Verdict))
				case wrapped[c]:
					e.text(c, st.wrap, cells[c])
				default:
					e.text(c, st.text, cells[c])
				}
			}
			for c := model.ReviewColDecision; c <= model.ReviewColComment; c++ {
				e.blank(c, st.input)
			}
			e.text(model.ReviewColKey, st.text, r.Key)
			e.text(model.ReviewColControl, st.text, model.ReviewControl(workbookID, r.Key, cells))
			e.endRow()
		}
		return nil
	}
}

// wrapped marks the generated columns whose text wraps: structure, role,
// findings and the recommendation's reason.
var wrapped = [model.ReviewProtectedCount]bool{4: true, 7: true, 11: true, 13: true}

// rowHeight estimates the height a row needs for its wrapped cells. Neither
// LibreOffice nor Excel fits the height of generated rows on opening, so the
// writer sets it: lines per cell from the column width (about one character
// per width unit, conservatively), 15 points a line.
func rowHeight(cells *[model.ReviewProtectedCount]string) float64 {
	lines := 1
	for c, w := range wrapped {
		if !w || cells[c] == "" {
			continue
		}
		n := 0
		per := int(rowWidths[c] * 1.15)
		for part := range strings.SplitSeq(cells[c], "\n") {
			n += (utf8.RuneCountInString(part) + per - 1) / per
		}
		lines = max(lines, n)
	}
	return float64(15*lines + 2)
}

// dateCell writes a date, or « jamais » for a zero date (never logged in).
func dateCell(e *rowEncoder, st *styles, col int, d model.Date) {
	if d.IsZero() {
		e.text(col, st.number, model.ReviewNever)
		return
	}
	e.date(col, st.date, d)
}

// rowFindings names a row's findings, one per line, built in b.
func rowFindings(b *strings.Builder, fs []model.Finding) string {
	if len(fs) == 0 {
		return ""
	}
	b.Reset()
	for i, f := range fs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.Title())
		if f.Code == model.CodeQuotaExceeded || f.Code == model.CodeProfileNotAuthorized {
			b.WriteString(" (" + string(f.Profile) + ")")
		}
	}
	return b.String()
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
