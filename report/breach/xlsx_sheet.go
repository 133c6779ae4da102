package breach

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// column is one column of a table sheet.
type column struct {
	title string
	width float64
	kind  cellKind
}

type cellKind int

const (
	kText cellKind = iota
	kWrap
	kNumber
	kDate
)

// cell is one value: text is always written as a string (never a
// formula); numbers and dates as such. style, when set, replaces the
// column's style (e.g. a decision to act on).
type cell struct {
	s     string
	n     int
	date  any // time.Time for kDate, nil for an empty date
	style int
}

// cond is a conditional format of one column: criteria and value as
// excelize's "cell" type takes them.
type cond struct {
	col             int // 1-based
	criteria, value string
	style           int
}

// table writes a sheet with a stream writer (a report can list tens of
// thousands of accounts): header row 1 (frozen, filtered), then the n rows
// that row appends to dst, one at a time (they are never all in memory).
// Page setup, filter and conditional formats are set before Flush, which
// writes them with the sheet.
func (w *workbook) table(sheet string, cols []column, n int, row func(i int, dst []cell) []cell, conds ...cond) error {
	return w.tableWithNote(sheet, "", cols, n, row, conds...)
}

// tableWithNote is table with, when note is not empty, the note across
// row 1 above the header (then row 2).
func (w *workbook) tableWithNote(sheet, note string, cols []column, n int, row func(i int, dst []cell) []cell, conds ...cond) error {
	f, st := w.f, w.st
	top := 0 // rows above the header
	if note != "" {
		top = 1
	}
	if err := w.printSetup(sheet, 1+top); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	width := 0.0
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
		width += c.width
	}
	topLeft, _ := excelize.CoordinatesToCellName(1, 2+top)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1 + top, TopLeftCell: topLeft, ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if note != "" {
		if err := w.noteRow(sw, note, len(cols), width); err != nil {
			return err
		}
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: st.header, Value: c.title}
	}
	headRef, _ := excelize.CoordinatesToCellName(1, 1+top)
	if err := sw.SetRow(headRef, head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	buf := make([]cell, 0, len(cols))
	for r := range n {
		if r%checkEvery == 0 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
		}
		row := row(r, buf[:0])
		height := 1
		for i, c := range cols {
			v := row[i]
			var cv excelize.Cell
			switch c.kind {
			case kNumber:
				cv = excelize.Cell{StyleID: st.number, Value: v.n}
			case kDate:
				cv = excelize.Cell{StyleID: st.date, Value: v.date}
				if v.date == nil {
					cv = excelize.Cell{StyleID: st.number, Value: v.s}
				}
			case kWrap:
				height = max(height, lines(v.s, c.width))
				cv = excelize.Cell{StyleID: st.wrap, Value: v.s}
			default:
				cv = excelize.Cell{StyleID: st.text, Value: v.s}
			}
			if v.style != 0 {
				cv.StyleID = v.style
			}
			vals[i] = cv
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2+top)
		if r+2+top > maxSheetRows {
			return fmt.Errorf("sheet %s row %d: %w", sheet, r+2+top, excelize.ErrMaxRows)
		}
		if err := sw.SetRow(ref, vals, excelize.RowOpts{Height: min(float64(13*height+4), excelize.MaxRowHeight)}); err != nil {
			return fmt.Errorf("sheet %s row %d: %w", sheet, r+2+top, err)
		}
	}
	lastRow := n + 1 + top
	end, _ := excelize.CoordinatesToCellName(len(cols), lastRow)
	if err := f.AutoFilter(sheet, headRef+":"+end, nil); err != nil {
		return err
	}
	for _, c := range conds {
		if lastRow < 2+top {
			break
		}
		from, _ := excelize.CoordinatesToCellName(c.col, 2+top)
		to, _ := excelize.CoordinatesToCellName(c.col, lastRow)
		style := c.style
		if err := f.SetConditionalFormat(sheet, from+":"+to, []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: c.criteria, Value: c.value, Format: &style}}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// printSetup: landscape, one page wide, header row (1-based; 0: none)
// repeated on every page.
func (w *workbook) printSetup(sheet string, header int) error {
	landscape, one, zero, fit := "landscape", 1, 0, true
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if header == 0 {
		return nil
	}
	rows := fmt.Sprintf("$%d:$%d", header, header)
	return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!" + rows, Scope: sheet})
}
