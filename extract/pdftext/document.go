// Package pdftext turns the bytes of a PDF into its text, rebuilt in reading
// order: lines, word spaces, and table rows kept cell by cell.
package pdftext

import "strings"

// Document is the text of a PDF, page by page.
type Document struct {
	Pages []Page
}

// Page is the text of one page, top to bottom.
type Page struct {
	Number int // 1-based
	Lines  []Line
	// Furniture holds the lines removed from Lines as page furniture:
	// headers and footers repeated across pages, and page numbers. They are
	// kept for callers that want them (e.g. a convention number printed in
	// the header); String and Lines leave them out.
	Furniture []Line `json:",omitempty"`
	// Quality is the quality gate's verdict on the page. The gate judges
	// each page on its own, so that one figure whose font lies about its
	// characters costs its page, not the document: a PageGarbled page has
	// no Lines, a PageNoText page keeps its few; a later pass (OCR) can
	// pick the pages that are not PageRead.
	Quality PageQuality `json:",omitempty"`
}

// PageQuality is the quality gate's verdict on one page.
type PageQuality uint8

const (
	// PageRead: the page's text was read and kept.
	PageRead PageQuality = iota
	// PageNoText: too few characters for a text layer (a scanned page, a
	// blank one, a figure without text); its lines, if any, are kept.
	PageNoText
	// PageGarbled: the page draws text whose characters cannot be trusted
	// (fonts without a usable Unicode map, words glued together); its
	// lines are dropped.
	PageGarbled
)

// String names the verdict, for messages and tests.
func (q PageQuality) String() string {
	switch q {
	case PageRead:
		return "read"
	case PageNoText:
		return "no text"
	case PageGarbled:
		return "garbled"
	}
	return "unknown"
}

// Line is one line of text. A line of running text has one cell; a table row
// has one cell per column (an empty cell is "").
type Line struct {
	Cells []string
}

// Text returns the line with its cells joined by tabs, as the seed text shows
// table rows.
func (l Line) Text() string { return strings.Join(l.Cells, "\t") }

// Lines returns every line of the document in reading order.
func (d Document) Lines() []Line {
	var out []Line
	for _, p := range d.Pages {
		out = append(out, p.Lines...)
	}
	return out
}

// String returns the document as text: one line per Line, cells separated by
// tabs, pages separated by a form feed.
func (d Document) String() string {
	var b strings.Builder
	for i, p := range d.Pages {
		if i > 0 {
			b.WriteString("\f")
		}
		for _, l := range p.Lines {
			b.WriteString(l.Text())
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// FromText builds a Document from text in the form String writes (and the
// seed dossier uses): lines split on newlines, cells on tabs, pages on form
// feeds. Blank lines are dropped. Tests use it to feed parsers without a PDF.
func FromText(s string) Document {
	var d Document
	for i, pg := range strings.Split(s, "\f") {
		p := Page{Number: i + 1}
		for _, ln := range strings.Split(pg, "\n") {
			ln = strings.TrimRight(ln, "\r")
			if strings.TrimSpace(ln) == "" {
				continue
			}
			p.Lines = append(p.Lines, Line{Cells: strings.Split(ln, "\t")})
		}
		d.Pages = append(d.Pages, p)
	}
	return d
}
