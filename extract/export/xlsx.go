package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// rawCells asks excelize for cell values without number formats: dates come
// as Excel serial numbers (read by parseDate) instead of a US-style « 11-25-26 ».
var rawCells = excelize.Options{RawCellValue: true}

// readXLSX reads the sheet of a workbook that holds the export's header. The
// workbook is read into memory (at most opts.MaxBytes) and opened with
// excelize's unzip limits, so that a zip bomb is refused before it inflates.
// excelize is not hardened against hostile archives: a panic in it is
// recovered and reported as ErrUnreadable.
func readXLSX(ctx context.Context, r io.Reader, opts Options, sum *Summary, fn func(model.Habilitation) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: workbook parser failed: %v", ErrUnreadable, p)
		}
	}()
	data, err := io.ReadAll(io.LimitReader(r, opts.MaxBytes+1))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	if int64(len(data)) > opts.MaxBytes {
		return fmt.Errorf("%w: workbook larger than %d bytes", ErrTooLarge, opts.MaxBytes)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: opts.UnzipSizeLimit, UnzipXMLSizeLimit: opts.UnzipXMLSizeLimit, TmpDir: opts.TmpDir})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return fmt.Errorf("%w: %w", ErrTooLarge, err)
		}
		return fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	defer f.Close()
	data = nil // let the compressed copy go; excelize keeps its own parts

	sheet, headerRow, h, cells, err := findSheet(ctx, f)
	if err != nil {
		return err
	}
	if err := checkHeader(h); err != nil {
		return err
	}
	sum.Sheet, sum.HeaderLine = sheet, headerRow
	sum.Columns = trimCells(cells)
	sum.Missing = h.missingOptional()
	rows, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("%w: sheet %q: %w", ErrUnreadable, sheet, err)
	}
	defer rows.Close()
	conv := newConverter(sum.File, h, true)
	conv.transient = opts.Transient
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		conv.date1904 = *props.Date1904 // workbooks made on old Macs
	}
	em := &emitter{ctx: ctx, conv: conv, sum: sum, max: opts.MaxRowErrors, fn: fn}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(rawCells)
		if err != nil {
			return fmt.Errorf("%w: sheet %q row %d: %w", ErrUnreadable, sheet, n, err)
		}
		if n <= headerRow {
			continue
		}
		if err := em.row(cells, n); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("%w: sheet %q: %w", ErrUnreadable, sheet, err)
	}
	return nil
}

// findSheet scans the first rows of every sheet for the best header: the first
// sheet with every required column, else the one recognising most columns
// (whose missing columns are then the error).
func findSheet(ctx context.Context, f *excelize.File) (sheet string, row int, best header, cells []string, err error) {
	best = parseHeader(nil)
	for _, name := range f.GetSheetList() {
		if err := ctx.Err(); err != nil {
			return "", 0, best, nil, err
		}
		rows, err := f.Rows(name)
		if err != nil {
			continue // a chart sheet or a damaged part: look at the others
		}
		for n := 1; n <= headerScanRows && rows.Next(); n++ {
			c, err := rows.Columns(rawCells)
			if err != nil {
				break
			}
			if h := parseHeader(c); h.better(best) {
				sheet, row, best, cells = name, n, h, c
			}
		}
		_ = rows.Close()
		if sheet != "" && len(best.missingRequired()) == 0 {
			break
		}
	}
	return sheet, row, best, cells, nil
}
