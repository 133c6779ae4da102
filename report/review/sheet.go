package review

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sheetWriter writes cells of a small sheet in normal (non-streaming) mode
// and keeps the first error, so that layout code reads as a list of cells.
type sheetWriter struct {
	f         *excelize.File
	sheet     string
	width     int       // number of columns a merged line spans (default 8)
	labelCols int       // columns a pair's label spans (default 1)
	widths    []float64 // column widths, set with setWidths, to size wrapped rows
	err       error
}

// setWidths sets the column widths and remembers them for row heights.
func (w *sheetWriter) setWidths(widths []float64) {
	w.widths = widths
	for i, wd := range widths {
		w.do(w.f.SetColWidth(w.sheet, colName(i+1), colName(i+1), wd))
	}
}

// lines estimates the lines text takes in a column width wide once wrapped
// (about 1.15 characters per width unit).
func lines(text string, width float64) int {
	per := max(1, int(width*1.15))
	n := 0
	for _, part := range strings.Split(text, "\n") {
		n += max(1, (utf8.RuneCountInString(part)+per-1)/per)
	}
	return n
}

// maxRowHeight is the tallest row a spreadsheet accepts (points); a longer
// cell scrolls within it.
const maxRowHeight = 409

// fit raises the height of row to show n lines; LibreOffice and Excel do not
// fit generated rows on opening.
func (w *sheetWriter) fit(row, n int, min float64) {
	h := float64(15*n + 3)
	if h < min {
		h = min
	}
	h = math.Min(h, maxRowHeight)
	w.do(w.f.SetRowHeight(w.sheet, row, h))
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
	total := 0.0
	for i := 0; i < w.span() && i < len(w.widths); i++ {
		total += w.widths[i]
	}
	if total > 0 {
		w.fit(row, lines(text, total), height)
	} else {
		w.do(w.f.SetRowHeight(w.sheet, row, height))
	}
}

// pair writes a label in the first labelCols columns and its value across
// the other columns.
func (w *sheetWriter) pair(row int, label, value string, labelStyle, valueStyle int) {
	lc := max(1, w.labelCols)
	w.do(w.f.SetCellStr(w.sheet, cell(1, row), label))
	if lc > 1 {
		w.do(w.f.MergeCell(w.sheet, cell(1, row), cell(lc, row)))
	}
	w.do(w.f.SetCellStyle(w.sheet, cell(1, row), cell(lc, row), labelStyle))
	a, b := cell(lc+1, row), cell(w.span(), row)
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

// row writes values with one style per cell, and fits the row's height to
// its longest text.
func (w *sheetWriter) row(row int, values []any, styles []int) {
	n := 1
	for i, v := range values {
		if s, ok := v.(string); ok && i < len(w.widths) {
			n = max(n, lines(s, w.widths[i]))
		}
	}
	if n > 1 {
		w.fit(row, n, 0)
	}
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
