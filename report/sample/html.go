package sample

import (
	"fmt"
	"html"
	"io"
	"strings"

	"habilitations/model"
	"habilitations/report/forms"
)

// HTMLOptions vary the HTML rendering of a dossier, to make PDFs from other
// producers (LibreOffice, Chromium) with other fonts and page breaks.
type HTMLOptions struct {
	// FontFamily is the CSS font-family of the body; "" means Liberation Sans.
	FontFamily string
	// SplitQuotaTables forces a page break inside every quota table (after
	// the T2 row), its header repeated, as happens in long real dossiers.
	SplitQuotaTables bool
	// HeaderFooter prints a running header (the document title) and a
	// « Page N / M » footer on every page (CSS page-margin boxes, which
	// Chromium prints and LibreOffice's HTML import ignores).
	HeaderFooter bool
	// NarrowEmailColumns gives the « Adresse mél » columns of Annexe 1 a
	// quarter less width (to the first column), so that long e-mails wrap
	// inside their cells, as in dossiers typed with tight tables.
	NarrowEmailColumns bool
	// NoRules draws the tables without any rule (and header without
	// shading), as Word documents whose table grid is hidden.
	NoRules bool
}

// WriteDossierHTML writes the dossier of r as one HTML page (A4 print CSS)
// with the same text as WriteDossierPDF.
func WriteDossierHTML(w io.Writer, r model.Record, o HTMLOptions) error {
	doc, err := DossierDocument(r)
	if err != nil {
		return fmt.Errorf("dossier %s: %w", r.Convention.Number, err)
	}
	return writeHTML(w, doc, o)
}

// WriteBulletinHTML writes the standalone bulletin b of the convention of
// dossier as one HTML page, with the same text as WriteBulletinPDF.
func WriteBulletinHTML(w io.Writer, b, dossier model.Record, o HTMLOptions) error {
	doc, err := BulletinDocument(b, dossier)
	if err != nil {
		return fmt.Errorf("bulletin %s: %w", b.Convention.Number, err)
	}
	return writeHTML(w, doc, o)
}

const htmlStyle = `@page { size: A4; margin: 20mm; }
body, h1, h2, h3, p, li, td, th { font-family: %s; }
body, p, li, td, th { font-size: 10pt; }
body { line-height: 1.35; }
h1 { font-size: 16pt; text-align: center; margin: 8mm 0 4mm; }
h2 { font-size: 11pt; margin: 5mm 0 2mm; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; }
p { margin: 0 0 1.5mm; }
p.c { text-align: center; font-weight: bold; font-size: 12pt; }
p.r { margin: 0 0 0 55%%; }
p.note { font-size: 8.5pt; color: #555; }
table { border-collapse: collapse; width: 100%%; margin: 2mm 0 4mm; }
td, th { border: 0.5pt solid #000; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #e1e8f0; }
table.sig td { border: none; width: 50%%; padding: 0 0 10mm 0; }
td.section { font-weight: bold; }
span.blank { display: inline-block; width: 60mm; border-bottom: 0.5pt dotted #777; }
.pb { page-break-before: always; break-before: page; }
table.keep { page-break-inside: avoid; break-inside: avoid; }
`

// writeHTML renders doc as HTML.
func writeHTML(w io.Writer, doc forms.Document, o HTMLOptions) error {
	font := o.FontFamily
	if font == "" {
		font = "'Liberation Sans', Arial, sans-serif"
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\n<title>")
	b.WriteString(html.EscapeString(doc.Title))
	b.WriteString("</title>\n<style>\n")
	fmt.Fprintf(&b, htmlStyle, font)
	if o.NoRules {
		b.WriteString("td, th { border: none; } th { background: none; }\n")
	}
	if o.HeaderFooter {
		fmt.Fprintf(&b, "@page { @top-right { content: %q; font-size: 8pt; } @bottom-center { content: \"Page \" counter(page) \" / \" counter(pages); font-size: 8pt; } }\n",
			doc.Title)
	}
	b.WriteString("</style></head><body>\n")
	h := &htmlWriter{b: &b, o: o}
	for _, bl := range doc.Blocks {
		h.block(bl)
	}
	h.closeList()
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

type htmlWriter struct {
	b         *strings.Builder
	o         HTMLOptions
	list      int  // open list depth
	pageBreak bool // the next block starts a page
}

func esc(s string) string { return html.EscapeString(s) }

// cls returns the class attribute of the next block (page break).
func (h *htmlWriter) cls(extra string) string {
	c := extra
	if h.pageBreak {
		c = strings.TrimSpace(c + " pb")
		h.pageBreak = false
	}
	if c == "" {
		return ""
	}
	return ` class="` + c + `"`
}

func (h *htmlWriter) closeList() {
	for ; h.list > 0; h.list-- {
		h.b.WriteString("</ul>\n")
	}
}

func (h *htmlWriter) block(bl forms.Block) {
	b := h.b
	if bl.Kind != forms.KindBullet && bl.Kind != forms.KindSubBullet {
		h.closeList()
	}
	switch bl.Kind {
	case forms.KindPageBreak:
		h.pageBreak = b.Len() > 600 // not before the first page
	case forms.KindTitle:
		fmt.Fprintf(b, "<h1%s>%s</h1>\n", h.cls(""), esc(bl.Text))
	case forms.KindCentered:
		fmt.Fprintf(b, "<p%s>%s</p>\n", h.cls("c"), esc(bl.Text))
	case forms.KindHeading:
		fmt.Fprintf(b, "<h2%s>%s</h2>\n", h.cls(""), esc(bl.Text))
	case forms.KindSubheading:
		fmt.Fprintf(b, "<h3%s>%s</h3>\n", h.cls(""), esc(bl.Text))
	case forms.KindParagraph:
		fmt.Fprintf(b, "<p%s>%s</p>\n", h.cls(""), esc(bl.Text))
	case forms.KindBullet, forms.KindSubBullet:
		depth := 1
		if bl.Kind == forms.KindSubBullet {
			depth = 2
		}
		for h.list < depth {
			b.WriteString("<ul>\n")
			h.list++
		}
		for h.list > depth {
			b.WriteString("</ul>\n")
			h.list--
		}
		fmt.Fprintf(b, "<li>%s</li>\n", esc(bl.Text))
	case forms.KindTOC:
		dots := strings.Repeat(".", max(3, 95-len([]rune(bl.Text))))
		fmt.Fprintf(b, "<p%s>%s %s %s</p>\n", h.cls(""), esc(bl.Text), dots, esc(bl.Page))
	case forms.KindRight:
		fmt.Fprintf(b, "<p%s>%s</p>\n", h.cls("r"), esc(bl.Text))
	case forms.KindTable:
		h.table(bl)
	case forms.KindSignatures:
		fmt.Fprintf(b, "<table%s border=\"0\" width=\"100%%\"><tr><td>", h.cls("sig"))
		b.WriteString(strings.Join(mapEsc(bl.Left), "<br>"))
		b.WriteString("</td><td>")
		b.WriteString(strings.Join(mapEsc(bl.Right), "<br>"))
		b.WriteString("</td></tr></table>\n")
	case forms.KindField:
		v := `<span class="blank"></span>`
		if bl.Value != "" {
			v = "<b>" + esc(bl.Value) + "</b>"
		}
		fmt.Fprintf(b, "<p%s>%s %s</p>\n", h.cls(""), esc(bl.Text), v)
	case forms.KindCheck:
		box := func(a string) string {
			if bl.Value == a {
				return "☒"
			}
			return "☐"
		}
		fmt.Fprintf(b, "<p%s>%s %s oui %s non</p>\n", h.cls(""), esc(bl.Text), box("oui"), box("non"))
	case forms.KindNote:
		fmt.Fprintf(b, "<p%s>%s</p>\n", h.cls("note"), esc(bl.Text))
	}
}

func mapEsc(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = esc(s)
	}
	return out
}

func (h *htmlWriter) table(bl forms.Block) {
	b := h.b
	// The border and cellpadding attributes are for LibreOffice's HTML
	// import, which ignores most table CSS.
	keep := ""
	if bl.Keep && !h.o.SplitQuotaTables {
		keep = "keep"
	}
	border := 1
	if h.o.NoRules {
		border = 0
	}
	fmt.Fprintf(b, "<table%s border=\"%d\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%%\">\n<thead><tr>", h.cls(keep), border)
	widths := append([]float64(nil), bl.Widths...)
	for i, c := range bl.Header {
		if h.o.NarrowEmailColumns && c == "Adresse mél" && i > 0 {
			widths[0] += widths[i] / 4
			widths[i] -= widths[i] / 4
		}
	}
	for i, c := range bl.Header {
		fmt.Fprintf(b, `<th style="width:%.0f%%">%s</th>`, widths[i]*100, esc(c))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for i, row := range bl.Rows {
		attr := ""
		if h.o.SplitQuotaTables && bl.Keep && i == 2 {
			attr = ` class="pb"`
		}
		fmt.Fprintf(b, "<tr%s>", attr)
		if len(row) == 1 && len(bl.Header) > 1 {
			fmt.Fprintf(b, `<td class="section" colspan="%d">%s</td>`, len(bl.Header), esc(row[0]))
		} else {
			for _, c := range row {
				fmt.Fprintf(b, "<td>%s</td>", esc(c))
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody></table>\n")
}
