package forms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// fieldBox is where the renderer left room for a form field: page (1-based)
// and rectangle in millimetres from the page's top-left corner.
type fieldBox struct {
	name, value string
	check       bool // a check box (value: checked)
	checked     bool
	page        int
	x, y, w, h  float64
	size        float64 // font size, points (0: fieldFontSize)
	grey        bool    // the grey of a note
	readOnly    bool
}

// inlineField prints a one-line block whose value is a field: its text,
// then the field right after it, in the block's size. It reports false,
// printing nothing, when b is not such a block or the form is not
// fillable.
func (r *renderer) inlineField(b Block, size, h float64) bool {
	if !r.fillable || b.Name == "" || b.Value == "" {
		return false
	}
	p := r.pdf
	p.Write(h, b.Text)
	w := p.GetStringWidth(b.Value)*1.15 + 2 // Helvetica is a little wider than DejaVu
	r.addBox(fieldBox{name: b.Name, value: b.Value, x: p.GetX() - 0.2, y: p.GetY() - 0.7, w: w, h: h,
		size: size, grey: b.Kind == KindNote})
	p.Ln(h)
	return true
}

// addBox records a field at the current page.
func (r *renderer) addBox(b fieldBox) {
	b.page = r.pdf.PageNo()
	r.boxes = append(r.boxes, b)
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// fieldFontSize is the size of the values typed in the fields, in points:
// the body size of the printed form.
const fieldFontSize = 10

// WriteFillablePDF renders doc as WritePDF does, then lays an AcroForm
// field over each named field block (pdfcpu's form support: no PDF object
// is assembled here), pre-filled with the block's value, the fields named in
// readOnly locked. The page keeps its printed look: blank lines to fill by
// hand under the fields, the printed boxes under the check boxes.
func WriteFillablePDF(w io.Writer, doc Document, readOnly map[string]bool) error {
	var base bytes.Buffer
	boxes, err := render(&base, doc, true)
	if err != nil {
		return err
	}
	for i := range boxes {
		boxes[i].readOnly = readOnly[boxes[i].name]
	}
	spec, err := formJSON(boxes)
	if err != nil {
		return err
	}
	conf := pdfmodel.NewDefaultConfiguration()
	conf.ValidationMode = pdfmodel.ValidationRelaxed
	if err := api.Create(bytes.NewReader(base.Bytes()), bytes.NewReader(spec), w, conf); err != nil {
		return fmt.Errorf("add form fields: %w", err)
	}
	return nil
}

// A4 height in points: pdfcpu places fields from the lower-left corner.
const a4HeightPt = 841.89

func pt(mm float64) float64 { return math.Round(mm*72/25.4*100) / 100 }

// formJSON is pdfcpu's page-content description of the fields (the JSON of
// `pdfcpu create`), page by page.
func formJSON(boxes []fieldBox) ([]byte, error) {
	type font struct {
		Name string  `json:"name"`
		Size float64 `json:"size"`
		Col  string  `json:"col,omitempty"`
	}
	type textField struct {
		ID     string     `json:"id"`
		Value  string     `json:"value"`
		Pos    [2]float64 `json:"pos"`
		Width  float64    `json:"width"`
		Height float64    `json:"height"`
		Font   *font      `json:"font,omitempty"`
		Align  string     `json:"align"`
		Locked bool       `json:"locked"`
		Tab    int        `json:"tab"`
	}
	type checkBox struct {
		ID    string     `json:"id"`
		Value bool       `json:"value"`
		Pos   [2]float64 `json:"pos"`
		Width float64    `json:"width"`
		Tab   int        `json:"tab"`
	}
	type content struct {
		TextField []textField `json:"textfield,omitempty"`
		CheckBox  []checkBox  `json:"checkbox,omitempty"`
	}
	type page struct {
		Content content `json:"content"`
	}
	pages := map[string]*page{}
	for i, b := range boxes {
		key := fmt.Sprint(max(b.page, 1))
		pg := pages[key]
		if pg == nil {
			pg = &page{}
			pages[key] = pg
		}
		// pdfcpu's position is the field's lower-left corner.
		pos := [2]float64{pt(b.x), math.Round((a4HeightPt-pt(b.y+b.h))*100) / 100}
		if b.check {
			pg.Content.CheckBox = append(pg.Content.CheckBox, checkBox{ID: b.name, Value: b.checked, Pos: pos, Width: pt(b.w), Tab: i + 1})
			continue
		}
		fnt := &font{Name: "Helvetica", Size: fieldFontSize, Col: "#000000"}
		if b.size > 0 {
			fnt.Size = b.size
		}
		if b.grey {
			fnt.Col = "#505050"
		}
		pg.Content.TextField = append(pg.Content.TextField, textField{ID: b.name, Value: b.value, Pos: pos, Width: pt(b.w),
			Height: pt(b.h), Font: fnt, Align: "left", Locked: b.readOnly, Tab: i + 1})
	}
	return json.Marshal(map[string]any{"paper": "A4P", "origin": "LowerLeft", "pages": pages})
}
