// Package verify writes the verification workbook of a document read from a
// scan (records.md §2b): one row per value a person must check, with the
// value read, where, how sure the recognition was, and a picture of the
// region of the scan it was read from; the person types the value as
// printed in « Valeur vérifiée ». The reader is extract/verify; the layout
// they share is model/verification.go.
package verify

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
	"habilitations/report/xlsxout"
)

// ErrNoKey is returned by Write without a sealing key.
var ErrNoKey = errors.New("verification workbook: no sealing key")

// Write writes the verification workbook of v to w. key is the data
// directory's secret that seals the rows (the review workbook's).
func Write(w io.Writer, v model.Verification, key []byte) error {
	if len(key) == 0 {
		return ErrNoKey
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("verification workbook styles: %w", err)
	}
	sh := model.VerificationSheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	if err := writeMeta(f, v); err != nil {
		return fmt.Errorf("verification workbook %s: %w", v.WorkbookID, err)
	}
	sw := &sheet{f: f, name: sh}
	writeHead(sw, st, v)
	writeItems(sw, st, v, model.NewReviewSealer(key))
	if sw.err != nil {
		return fmt.Errorf("verification workbook %s: %w", v.WorkbookID, sw.err)
	}
	if err := finish(f, sh, len(v.Items)); err != nil {
		return fmt.Errorf("verification workbook %s: %w", v.WorkbookID, err)
	}
	f.SetActiveSheet(0)
	if err := f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true}); err != nil {
		return err
	}
	if err := xlsxout.Write(f, w); err != nil {
		return fmt.Errorf("verification workbook %s: %w", v.WorkbookID, err)
	}
	return nil
}

// writeMeta writes the very hidden sheet the reader checks first.
func writeMeta(f *excelize.File, v model.Verification) error {
	if _, err := f.NewSheet(model.VerificationSheetMeta); err != nil {
		return err
	}
	rows := [][]any{
		{"format", model.VerificationFormat},
		{"workbook_id", v.WorkbookID},
		{"document_sha256", v.DocumentSHA},
		{"convention", v.Record.Convention.Number},
		{"rows", len(v.Items)},
	}
	for i, r := range rows {
		if err := f.SetSheetRow(model.VerificationSheetMeta, fmt.Sprintf("A%d", i+1), &r); err != nil {
			return err
		}
	}
	if err := f.ProtectSheet(model.VerificationSheetMeta, &excelize.SheetProtectionOptions{}); err != nil {
		return err
	}
	return f.SetSheetVisible(model.VerificationSheetMeta, false, true)
}

// finish hides the machine columns, protects the sheet (only the cells to
// fill stay editable; pictures cannot be moved) and sets it to print on A4
// landscape, one page wide, the titles repeated on every page.
func finish(f *excelize.File, sh string, n int) error {
	first, _ := excelize.ColumnNumberToName(model.VerifColField + 1)
	last, _ := excelize.ColumnNumberToName(model.VerifColControl + 1)
	if err := f.SetColVisible(sh, first+":"+last, false); err != nil {
		return err
	}
	if err := f.ProtectSheet(sh, &excelize.SheetProtectionOptions{FormatColumns: true, FormatRows: true,
		SelectLockedCells: true, SelectUnlockedCells: true}); err != nil {
		return err
	}
	orient, size, wide, tall, fit := "landscape", 9, 1, 0, true
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	titles := fmt.Sprintf("$%d:$%d", model.VerificationHeaderRow, model.VerificationHeaderRow)
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sh + "'!" + titles, Scope: sh}); err != nil {
		return err
	}
	lastCol, _ := excelize.ColumnNumberToName(model.VerifColNote + 1)
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sh, lastCol, model.VerificationHeaderRow+n)})
}
