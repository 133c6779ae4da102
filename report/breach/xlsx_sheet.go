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
// formula); numbers and dates as such.
type cell struct {
	s    string
	n    int
	date any // time.Time for kDate, nil for an empty date
}

// table writes a sheet: header row 1 (frozen, filtered), then rows; it
// returns the last row written.
func (w *workbook) table(sheet string, cols []column, rows [][]cell) (int, error) {
	f, st := w.f, w.st
	for i, c := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, name, name, c.width); err != nil {
			return 0, err
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, ref, c.title); err != nil {
			return 0, err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), 1)
	if err := f.SetCellStyle(sheet, "A1", last, st.header); err != nil {
		return 0, err
	}
	if err := f.SetRowHeight(sheet, 1, 32); err != nil {
		return 0, err
	}
	for r, row := range rows {
		y := r + 2
		height := 1
		for i, c := range cols {
			ref, _ := excelize.CoordinatesToCellName(i+1, y)
			v := row[i]
			var err error
			style := st.text
			switch c.kind {
			case kNumber:
				style = st.number
				err = f.SetCellInt(sheet, ref, int64(v.n))
			case kDate:
				style = st.date
				if v.date != nil {
					err = f.SetCellValue(sheet, ref, v.date)
				} else {
					style = st.number
					err = f.SetCellStr(sheet, ref, v.s)
				}
			case kWrap:
				style = st.wrap
				height = max(height, lines(v.s, c.width))
				err = f.SetCellStr(sheet, ref, v.s)
			default:
				err = f.SetCellStr(sheet, ref, v.s)
			}
			if err != nil {
				return 0, fmt.Errorf("sheet %s cell %s: %w", sheet, ref, err)
			}
			if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return 0, err
			}
		}
		if err := f.SetRowHeight(sheet, y, float64(15*height+2)); err != nil {
			return 0, err
		}
	}
	lastRow := len(rows) + 1
	end, _ := excelize.CoordinatesToCellName(len(cols), lastRow)
	if err := f.AutoFilter(sheet, "A1:"+end, nil); err != nil {
		return 0, err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, err
	}
	return lastRow, w.printSetup(sheet, true)
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

// highlight adds a conditional format to column col (1-based) of rows
// 2..last: criteria and value as excelize's "cell" type takes them.
func (w *workbook) highlight(sheet string, col, last int, criteria, value string, style int) error {
	if last < 2 {
		return nil
	}
	from, _ := excelize.CoordinatesToCellName(col, 2)
	to, _ := excelize.CoordinatesToCellName(col, last)
	return w.f.SetConditionalFormat(sheet, from+":"+to, []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: criteria, Value: value, Format: &style}})
}
