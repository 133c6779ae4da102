// Package review writes the annual review workbooks of « Mon Compte
// Partenaire » conventions (contrat de service art. 2.2.2): one workbook per
// convention for the partner's reviewer, in French, with the decisions to
// fill in; the Caf's consolidated workbook; and the actions to apply once the
// decisions are back. The layout shared with the reader (extract/review) is
// in model/review_layout.go.
package review

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
	"habilitations/report/xlsxout"
)

// Manifest describes a generated workbook, for the store and the import.
type Manifest struct {
	WorkbookID string
	Convention string
	AsOf, Due  model.Date
	Rows       int
	Keys       []string // row keys, in sheet order
}

// ErrNoKey is returned by Write without a sealing key.
var ErrNoKey = errors.New("review workbook: no sealing key")

// Write writes the review workbook of rv to w; ctx stops a long one. followUp, when not empty, is
// the check of the previous review's actions against the current export and
// adds the « Suivi des actions » sheet. key is the data directory's secret
// that seals the rows (model.NewReviewSealer): the reader needs the same.
func Write(ctx context.Context, w io.Writer, rv model.Review, followUp []model.ActionResult, key []byte) (Manifest, error) {
	if len(key) == 0 {
		return Manifest{}, ErrNoKey
	}
	keys := make([]string, len(rv.Rows))
	for i, r := range rv.Rows {
		keys[i] = r.Key
	}
	m := Manifest{Convention: rv.Record.Convention.Number, AsOf: rv.AsOf, Due: rv.Due, Rows: len(rv.Rows), Keys: keys,
		WorkbookID: model.ReviewWorkbookID(rv.Record.Convention.Number, rv.AsOf, keys)}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return m, fmt.Errorf("review workbook styles: %w", err)
	}
	if err := f.SetSheetName("Sheet1", model.ReviewSheetSummary); err != nil {
		return m, err
	}
	// Every sheet is created, and the tabs set, before any is streamed:
	// SetSheetVisible and SetActiveSheet read every worksheet, and would
	// parse the streamed sheets back into memory.
	sheets := []string{model.ReviewSheetRows, model.ReviewSheetFindings, model.ReviewSheetAdmins}
	if len(followUp) > 0 {
		sheets = append(sheets, model.ReviewSheetFollowUp)
	}
	for _, sh := range append(sheets, model.ReviewSheetMeta) {
		if _, err := f.NewSheet(sh); err != nil {
			return m, err
		}
	}
	if err := writeMeta(f, m); err != nil {
		return m, fmt.Errorf("review workbook %s, sheet %s: %w", m.Convention, model.ReviewSheetMeta, err)
	}
	f.SetActiveSheet(0)
	steps := []struct {
		name string
		fn   func() error
	}{
		{model.ReviewSheetSummary, func() error { return writeSummary(f, st, rv) }},
		{model.ReviewSheetRows, func() error { return writeRows(ctx, f, st, rv, m.WorkbookID, model.NewReviewSealer(key)) }},
		{model.ReviewSheetFindings, func() error { return writeFindings(f, st, rv) }},
		{model.ReviewSheetAdmins, func() error { return writeAdmins(f, st, rv) }},
		{model.ReviewSheetFollowUp, func() error {
			if len(followUp) == 0 {
				return nil
			}
			return WriteFollowUpSheet(f, model.ReviewSheetFollowUp, followUp)
		}},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return m, fmt.Errorf("review workbook %s, sheet %s: %w", m.Convention, s.name, err)
		}
	}
	if err := f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}); err != nil {
		return m, err
	}
	// The zip goes straight to w (xlsxout), not assembled in memory.
	if err := xlsxout.Write(f, w); err != nil {
		return m, fmt.Errorf("review workbook %s: %w", m.Convention, err)
	}
	return m, nil
}

// writeMeta writes the very hidden sheet the reader checks first.
func writeMeta(f *excelize.File, m Manifest) error {
	if _, err := f.NewSheet(model.ReviewSheetMeta); err != nil {
		return err
	}
	rows := [][]any{
		{"format", model.ReviewFormat},
		{"convention", m.Convention},
		{"as_of", m.AsOf.String()},
		{"workbook_id", m.WorkbookID},
		{"rows", m.Rows},
	}
	for i, r := range rows {
		if err := f.SetSheetRow(model.ReviewSheetMeta, fmt.Sprintf("A%d", i+1), &r); err != nil {
			return err
		}
	}
	if err := f.ProtectSheet(model.ReviewSheetMeta, &excelize.SheetProtectionOptions{}); err != nil {
		return err
	}
	return f.SetSheetVisible(model.ReviewSheetMeta, false, true)
}

// readOnly protects a sheet the reviewer only reads (or, on « Synthèse »,
// fills in its unlocked cells); filters and column widths stay usable.
func readOnly(f *excelize.File, sheet string) error {
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{AutoFilter: true, FormatColumns: true, FormatRows: true,
		SelectLockedCells: true, SelectUnlockedCells: true})
}

// cell returns the A1 name of column col (1-based) and row.
func cell(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// pageSetup sets a sheet to print on A4 in the given orientation, fitted to
// the page width (as many pages tall as needed).
func pageSetup(f *excelize.File, sheet, orientation string) error {
	return pageSetupOn(f, sheet, orientation, 9, 1)
}

// pageSetupOn sets a sheet to print on paper size (9: A4, 8: A3) in the
// given orientation, fitted to wide pages across.
func pageSetupOn(f *excelize.File, sheet, orientation string, size, wide int) error {
	fit, tall := true, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orientation, Size: &size, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	m := 0.4
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}); err != nil {
		return err
	}
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}
