package pdftext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// assemble runs the document-wide passes over the laid-out pages and builds
// the Document: drop repeated headers and footers, page numbers and
// footnotes, drop table headers repeated after a page break, and normalise
// the text of every cell.
func assemble(pages []rawPage) Document {
	for i := range pages {
		for _, l := range pages[i].lines {
			for j := range l.cells {
				l.cells[j].text = normalize(l.cells[j].text)
			}
		}
	}
	furniture := markFurniture(pages)
	bodies := make([][]*tline, len(pages))
	for i, rp := range pages {
		for _, l := range dropFootnotes(rp.lines, furniture[i]) {
			if !furniture[i][l] {
				bodies[i] = append(bodies[i], l)
			}
		}
	}
	repeated := joinPageBreaks(bodies)
	var doc Document
	for i, rp := range pages {
		p := Page{Number: rp.number}
		for _, l := range rp.lines {
			if furniture[i][l] || repeated[l] {
				p.Furniture = append(p.Furniture, toLine(l))
			}
		}
		for _, l := range bodies[i] {
			p.Lines = append(p.Lines, toLine(l))
		}
		doc.Pages = append(doc.Pages, p)
	}
	return doc
}

func toLine(l *tline) Line {
	cells := make([]string, len(l.cells))
	for i, c := range l.cells {
		cells[i] = c.text
	}
	return Line{Cells: cells}
}

// cleaner removes the characters that carry no text: soft hyphens, zero-width
// spaces and joiners, byte order marks.
var cleaner = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u200c", "", "\u200d", "", "\u2060", "", "\ufeff", "")

// normalize returns s in NFKC (ligatures split, no-break and thin spaces made
// plain spaces, full-width forms folded) with white space made plain spaces, control characters
// (unmapped glyphs) made U+FFFD, and runs of spaces collapsed. NFKC keeps accents, typographic
// apostrophes and guillemets as printed.
func normalize(s string) string {
	s = cleaner.Replace(s)
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r): // an unmapped glyph: left for the quality gate to count
			return '\uFFFD'
		case r >= 0xF000 && r <= 0xF0FF: // Symbol/Wingdings glyphs in the private use area: list bullets
			return '•'
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
