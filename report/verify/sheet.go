package verify

import (
	"bytes"
	"image/png"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// sheet writes cells of one sheet, keeping the first error.
type sheet struct {
	f    *excelize.File
	name string
	err  error
}

func (s *sheet) do(err error) {
	if s.err == nil {
		s.err = err
	}
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// set writes a value and its style at (col, row), 1-based.
func (s *sheet) set(col, row int, v any, style int) {
	c := cellName(col, row)
	s.do(s.f.SetCellValue(s.name, c, v))
	s.do(s.f.SetCellStyle(s.name, c, c, style))
}

// merged writes text across columns from..to of a row.
func (s *sheet) merged(row, from, to int, text string, style int) {
	a, b := cellName(from, row), cellName(to, row)
	s.do(s.f.MergeCell(s.name, a, b))
	s.do(s.f.SetCellValue(s.name, a, text))
	s.do(s.f.SetCellStyle(s.name, a, b, style))
}

// pictureWidth is the width, in pixels, a picture is shown at: the
// « Extrait du scan » column's.
const pictureWidth = 440

// picture puts a PNG in the cell at (col, row), scaled to the column, and
// returns the row height it needs, in points (0 when there is none).
func (s *sheet) picture(col, row int, data []byte, alt string) float64 {
	if len(data) == 0 {
		return 0
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width == 0 {
		return 0
	}
	scale := min(1, float64(pictureWidth)/float64(cfg.Width))
	locked, print := true, true
	s.do(s.f.AddPictureFromBytes(s.name, cellName(col, row), &excelize.Picture{Extension: ".png", File: data,
		Format: &excelize.GraphicOptions{AltText: alt, ScaleX: scale, ScaleY: scale, OffsetX: 3, OffsetY: 3,
			Positioning: "oneCell", Locked: &locked, PrintObject: &print}}))
	return float64(cfg.Height)*scale*0.75 + 6
}

// styles of the verification workbook.
type styles struct {
	title, label, value, header, text, wrap, input, note int
}

const (
	colHeader = "1F4E78"
	colInput  = "FFF2CC"
	colGrey   = "F2F2F2"
)

func newStyles(f *excelize.File) (*styles, error) {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	var b []excelize.Border
	for _, t := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: t, Color: "BFBFBF", Style: 1})
	}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	text := "@" // typed values stay text: a SIRET is not a number
	st := &styles{
		title:  mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: colHeader}}),
		label:  mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill(colGrey), Border: b, Alignment: top}),
		value:  mk(&excelize.Style{Border: b, Alignment: top}),
		header: mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill(colHeader), Border: b, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true}}),
		text:   mk(&excelize.Style{Border: b, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}),
		wrap:   mk(&excelize.Style{Border: b, Alignment: top}),
		input:  mk(&excelize.Style{Border: b, Fill: fill(colInput), Alignment: top, CustomNumFmt: &text, Protection: &excelize.Protection{Locked: false}}),
		note:   mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "404040"}, Alignment: top}),
	}
	return st, err
}

// widths of the columns of model.VerificationColumns.
var widths = []float64{5, 34, 30, 7, 11, 26, 64, 30, 28, 30, 30}

// itemAlt is a picture's alternative text: what it shows, no value.
func itemAlt(rec model.Record, v model.ToVerify) string {
	return "Extrait du scan : " + model.VerifyFieldLabel(rec, v.Field)
}
