package forms

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"habilitations/report/forms/fonts"
)

// Page geometry in millimetres (A4 portrait) and type sizes in points.
const (
	margin     = 20.0
	lineHeight = 5.0
	bodySize   = 10.0
)

// fixedDate is the creation date written in every PDF, so that the same
// document gives the same bytes (golden files, content hashes).
var fixedDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// WritePDF renders doc as an A4 PDF with the embedded DejaVu Sans font.
func WritePDF(w io.Writer, doc Document) error {
	_, err := render(w, doc, false)
	return err
}

// render writes doc; with fillable, the named fields' values are left out
// of the page (blank lines are drawn) and their places returned, for the
// AcroForm fields laid over them (fillable.go).
func render(w io.Writer, doc Document, fillable bool) ([]fieldBox, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.SetCreationDate(fixedDate)
	pdf.SetModificationDate(fixedDate)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	if doc.Title != "" {
		pdf.SetTitle(printable(doc.Title), true)
	}
	pdf.SetCreator("habilitations", true)
	fonts.Register(pdf)
	r := &renderer{pdf: pdf, fillable: fillable}
	pdf.AddPage()
	r.font("", bodySize)
	for i, b := range doc.Blocks {
		r.block(printableBlock(b), i == 0)
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("render block %d: %w", i, err)
		}
	}
	if err := pdf.Output(w); err != nil {
		return nil, fmt.Errorf("write pdf: %w", err)
	}
	return r.boxes, nil
}

type renderer struct {
	pdf      *fpdf.Fpdf
	fillable bool       // named fields become AcroForm fields (boxes)
	boxes    []fieldBox // where they go
}

func (r *renderer) font(style string, size float64) {
	r.pdf.SetFont(fonts.Family, style, size)
}

// width is the width of the text area.
func (r *renderer) width() float64 {
	w, _ := r.pdf.GetPageSize()
	return w - 2*margin
}

// room reports whether h millimetres fit before the bottom margin.
func (r *renderer) room(h float64) bool {
	_, ph := r.pdf.GetPageSize()
	return r.pdf.GetY()+h <= ph-margin
}

func (r *renderer) block(b Block, first bool) {
	p := r.pdf
	switch b.Kind {
	case KindPageBreak:
		if !first && p.GetY() > margin+0.1 {
			p.AddPage()
		}
	case KindTitle:
		r.font("B", 16)
		p.Ln(4)
		p.MultiCell(0, 8, b.Text, "", "C", false)
		p.Ln(4)
	case KindCentered:
		r.font("B", 12)
		p.MultiCell(0, 6.5, b.Text, "", "C", false)
		p.Ln(2)
	case KindHeading:
		r.keepWithNext(24)
		r.font("B", 11)
		p.Ln(3)
		p.MultiCell(0, 5.5, b.Text, "", "L", false)
		p.Ln(1.5)
	case KindSubheading:
		r.keepWithNext(20)
		r.font("B", bodySize)
		p.Ln(2)
		p.MultiCell(0, lineHeight, b.Text, "", "L", false)
		p.Ln(1)
	case KindParagraph:
		r.font("", bodySize)
		if strings.HasPrefix(b.Text, "- ") { // a form's dashed line, aligned with the fields
			p.SetX(margin + 4)
		}
		if r.inlineField(b, bodySize, lineHeight) {
			p.Ln(1.5)
			break
		}
		p.MultiCell(0, lineHeight, b.Text+b.Value, "", "L", false)
		p.Ln(1.5)
	case KindBullet, KindSubBullet:
		r.bullet(b)
	case KindTOC:
		r.toc(b)
	case KindRight:
		r.font("", bodySize)
		p.SetX(margin + r.width()*0.55)
		p.MultiCell(r.width()*0.45, lineHeight, b.Text, "", "L", false)
	case KindTable:
		r.table(b)
	case KindSignatures:
		r.signatures(b)
	case KindField:
		r.field(b)
	case KindCheck:
		r.check(b)
	case KindNote:
		r.font("", 8.5)
		p.SetTextColor(80, 80, 80)
		if !r.inlineField(b, 8.5, 4.2) {
			p.MultiCell(0, 4.2, b.Text+b.Value, "", "L", false)
		}
		p.SetTextColor(0, 0, 0)
		p.Ln(2)
		r.font("", bodySize)
	}
}

// keepWithNext starts a new page when a heading would be the last thing on it.
func (r *renderer) keepWithNext(h float64) {
	if !r.room(h) {
		r.pdf.AddPage()
	}
}

func (r *renderer) bullet(b Block) {
	p := r.pdf
	indent, mark := 5.0, "•"
	if b.Kind == KindSubBullet {
		indent, mark = 12.0, "◦"
	}
	r.font("", bodySize)
	if !r.room(lineHeight) {
		p.AddPage()
	}
	p.SetX(margin + indent)
	p.CellFormat(5, lineHeight, mark, "", 0, "L", false, 0, "")
	p.MultiCell(r.width()-indent-5, lineHeight, b.Text, "", "L", false)
	p.Ln(1)
}

// toc prints « Article 1 – Objet ......... 2 » with a dot leader.
func (r *renderer) toc(b Block) {
	p := r.pdf
	r.font("", bodySize)
	indent := 0.0
	if strings.Count(strings.SplitN(b.Text+" ", " ", 3)[1], ".") > 0 {
		indent = 4 // sub-articles (« Article 5.1 ») are indented
	}
	pageW := 8.0
	avail := r.width() - indent - pageW
	text := b.Text
	tw := p.GetStringWidth(text)
	long := tw >= avail-2
	if !long {
		dot := p.GetStringWidth(".")
		n := int((avail - tw - p.GetStringWidth(" ") - 1.5) / dot)
		if n > 0 {
			text += " " + strings.Repeat(".", n)
		}
	}
	if !r.room(2 * lineHeight) {
		p.AddPage()
	}
	p.SetX(margin + indent)
	if long {
		// A long title wraps; its page number goes on its last line.
		p.MultiCell(avail, lineHeight, text, "", "L", false)
		p.SetXY(margin+indent+avail, p.GetY()-lineHeight)
	} else {
		p.CellFormat(avail, lineHeight, text, "", 0, "L", false, 0, "")
	}
	p.CellFormat(pageW, lineHeight, b.Page, "", 1, "R", false, 0, "")
}
