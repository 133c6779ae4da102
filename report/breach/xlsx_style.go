package breach

import (
	"math"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// fontFamily is set on every style: a style with a font but no family is
// shown in a serif fallback by LibreOffice.
const fontFamily = "Calibri"

// styles are the workbook's cell styles, created once per file.
type styles struct {
	header, text, wrap, number, date, title, subtitle, total int
	act                                                      int // a decision to act on (bold dark red)
	red, orange                                              int // conditional formats
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	top := &excelize.Alignment{Vertical: "top"}
	note := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt := "dd/mm/yyyy"
	body := &excelize.Font{Family: fontFamily, Size: 10}
	defs := []struct {
		dst *int
		st  *excelize.Style
	}{
		{&s.header, &excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Color: "FFFFFF"}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E78"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.text, &excelize.Style{Font: body, Border: border, Alignment: top}},
		{&s.wrap, &excelize.Style{Font: body, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.number, &excelize.Style{Font: body, Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&s.date, &excelize.Style{Font: body, Border: border, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&s.title, &excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true, Size: 14, Color: "1F4E78"}}},
		{&s.subtitle, &excelize.Style{Font: &excelize.Font{Family: fontFamily, Italic: true, Color: "595959"}, Alignment: note}},
		{&s.act, &excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 10, Bold: true, Color: "9C0006"}, Border: border, Alignment: top}},
		{&s.total, &excelize.Style{Font: &excelize.Font{Family: fontFamily, Bold: true}, Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Alignment: &excelize.Alignment{Horizontal: "center"}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(d.st)
		if err != nil {
			return s, err
		}
		*d.dst = id
	}
	var err error
	if s.red, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Color: "9C0006", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}}); err != nil {
		return s, err
	}
	s.orange, err = f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Color: "9C5700"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}})
	return s, err
}

// lines estimates how many lines text takes in a wrapped column of width w
// (in characters), so that rows are tall enough in every spreadsheet.
func lines(text string, w float64) int {
	n := 0
	for _, para := range splitLines(text) {
		// A column of width w holds about 1.2 w characters of the 10-point
		// body font; a partial line still takes a line.
		per := w * 1.2
		n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(para))/per)))
	}
	return max(n, 1)
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
