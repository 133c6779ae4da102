package review

import (
	"strconv"

	"github.com/xuri/excelize/v2"
)

// sheetWriter writes cells of a small sheet in normal (non-streaming) mode
// and keeps the first error, so that layout code reads as a list of cells.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	width int // number of columns a merged line spans (default 8)
	err   error
}

func (w *sheetWriter) do(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func (w *sheetWriter) span() int {
	if w.width == 0 {
		return 8
	}
	return w.width
}

// merged writes text across the sheet's width on row, with a row height.
func (w *sheetWriter) merged(row int, text string, style int, height float64) {
	a, b := cell(1, row), cell(w.span(), row)
	w.do(w.f.SetCellStr(w.sheet, a, text))
	w.do(w.f.MergeCell(w.sheet, a, b))
	w.do(w.f.SetCellStyle(w.sheet, a, b, style))
	w.do(w.f.SetRowHeight(w.sheet, row, height))
}

// pair writes a label in column A and its value across the other columns.
func (w *sheetWriter) pair(row int, label, value string, labelStyle, valueStyle int) {
	w.do(w.f.SetCellStr(w.sheet, cell(1, row), label))
	w.do(w.f.SetCellStyle(w.sheet, cell(1, row), cell(1, row), labelStyle))
	a, b := cell(2, row), cell(w.span(), row)
	w.do(w.f.SetCellStr(w.sheet, a, value))
	w.do(w.f.MergeCell(w.sheet, a, b))
	w.do(w.f.SetCellStyle(w.sheet, a, b, valueStyle))
}

// input writes a label and an empty, unlocked cell for the reviewer.
func (w *sheetWriter) input(row int, label string, labelStyle, inputStyle int) {
	w.pair(row, label, "", labelStyle, inputStyle)
	w.do(w.f.SetRowHeight(w.sheet, row, 22))
}

// header writes a header row.
func (w *sheetWriter) header(row int, titles []string, style int) {
	for i, t := range titles {
		w.do(w.f.SetCellStr(w.sheet, cell(i+1, row), t))
	}
	w.do(w.f.SetCellStyle(w.sheet, cell(1, row), cell(len(titles), row), style))
	w.do(w.f.SetRowHeight(w.sheet, row, 30))
}

// row writes values with one style per cell.
func (w *sheetWriter) row(row int, values []any, styles []int) {
	for i, v := range values {
		c := cell(i+1, row)
		w.do(w.f.SetCellValue(w.sheet, c, v))
		if i < len(styles) {
			w.do(w.f.SetCellStyle(w.sheet, c, c, styles[i]))
		}
	}
}

// colName returns the letters of column n (1-based).
func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }
