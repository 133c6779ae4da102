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
	f, st := w.f, w.st
	if err := w.printSetup(sheet, true); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: st.header, Value: c.title}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	buf := make([]cell, 0, len(cols))
	for r := range n {
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
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(ref, vals, excelize.RowOpts{Height: min(float64(13*height+4), excelize.MaxRowHeight)}); err != nil {
			return fmt.Errorf("sheet %s row %d: %w", sheet, r+2, err)
		}
	}
	lastRow := n + 1
	end, _ := excelize.CoordinatesToCellName(len(cols), lastRow)
	if err := f.AutoFilter(sheet, "A1:"+end, nil); err != nil {
		return err
	}
	for _, c := range conds {
		if lastRow < 2 {
			break
		}
		from, _ := excelize.CoordinatesToCellName(c.col, 2)
		to, _ := excelize.CoordinatesToCellName(c.col, lastRow)
		style := c.style
		if err := f.SetConditionalFormat(sheet, from+":"+to, []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: c.criteria, Value: c.value, Format: &style}}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// printSetup: landscape, one page wide, header row repeated on every page.
func (w *workbook) printSetup(sheet string, repeatHeader bool) error {
	landscape, one, zero, fit := "landscape", 1, 0, true
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if !repeatHeader {
		return nil
	}
	return w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}
