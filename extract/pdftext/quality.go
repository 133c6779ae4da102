package pdftext

import (
	"fmt"
	"strings"
	"unicode"

	"habilitations/model"
)

// Quality gate thresholds. A genuine dossier has thousands of letters, no
// replacement characters and words of ordinary length; a scan has no text,
// and a PDF whose fonts lack a Unicode map gives U+FFFD or private-use
// characters, or words glued into long runs when spacing is lost.
const (
	minLetters    = 40   // fewer letters than this: no text layer (scan)
	minGlyphs     = 400  // … unless this many other characters are drawn: unreadable text
	maxBadRatio   = 0.01 // share of unreadable characters
	longToken     = 30   // a word longer than this is suspect (unless e-mail, URL, path)
	maxGluedRatio = 0.15 // share of letters inside suspect long words
)

// errGarbled marks text refused for unreadable characters, glued words or
// glyphs that map to no letter (as opposed to no text at all): the
// rejection says so (model.ErrGarbledText).
var errGarbled = model.ErrGarbledText

// minBad is how many unreadable characters make a page with hardly a
// letter garbled rather than empty: a composite font without any Unicode
// map draws its whole text as U+FFFD, which is no scan.
const minBad = 10

// pageStats counts the characters of one page for the gate.
type pageStats struct{ letters, bad, glued, chars int }

func statsOf(lines []Line) pageStats {
	var s pageStats
	for _, l := range lines {
		for _, c := range l.Cells {
			for _, w := range strings.Fields(c) {
				n := 0
				for _, r := range w {
					s.chars++
					switch {
					case r == unicode.ReplacementChar || unicode.In(r, unicode.Co) || unicode.IsControl(r):
						s.bad++
					case unicode.IsLetter(r):
						n++
					}
				}
				s.letters += n
				if len([]rune(w)) > longToken && !strings.ContainsAny(w, "@/\\_.=") {
					s.glued += n
				}
			}
		}
	}
	return s
}

// verdict judges one page; the error says why a page is not PageRead.
func (s pageStats) verdict() (PageQuality, error) {
	switch {
	case s.letters < minLetters && s.chars >= minGlyphs:
		// Glyphs aplenty but hardly a letter among them: fonts re-encoded
		// without their Unicode map (a PostScript round trip, as some
		// virtual printers make), not a scan.
		return PageGarbled, fmt.Errorf("%d characters but only %d letters: %w: %w", s.chars, s.letters, errGarbled, model.ErrNoText)
	case s.letters < minLetters && s.bad >= minBad && s.bad > s.letters:
		return PageGarbled, fmt.Errorf("%d unreadable characters and %d letters (fonts without a Unicode map): %w: %w", s.bad, s.letters, errGarbled, model.ErrNoText)
	case s.letters < minLetters:
		return PageNoText, fmt.Errorf("only %d letters of text: %w", s.letters, model.ErrNoText)
	case float64(s.bad) > maxBadRatio*float64(s.letters+s.bad):
		return PageGarbled, fmt.Errorf("%d unreadable characters (fonts without a Unicode map): %w: %w", s.bad, errGarbled, model.ErrNoText)
	case float64(s.glued) > maxGluedRatio*float64(s.letters):
		return PageGarbled, fmt.Errorf("%d of %d letters in words glued together (spacing lost): %w: %w", s.glued, s.letters, errGarbled, model.ErrNoText)
	}
	return PageRead, nil
}

// checkQuality judges doc page by page, so that a page whose text cannot be
// trusted (one figure drawn with a font that lies) costs that page only:
// each page gets its Quality, and a PageGarbled page loses its lines. The
// document is refused, as a no_text rejection rather than a wrong record,
// when the pages kept hold fewer than minLetters letters in all; the error
// says the text is unreadable when a page was garbled.
func checkQuality(doc *Document) error {
	letters := 0
	var garbled error
	for i := range doc.Pages {
		p := &doc.Pages[i]
		s := statsOf(p.Lines)
		q, err := s.verdict()
		p.Quality = q
		switch q {
		case PageGarbled:
			if garbled == nil {
				garbled = fmt.Errorf("page %d: %w", p.Number, err)
			}
			p.Lines = nil
		default:
			letters += s.letters
		}
	}
	switch {
	case letters >= minLetters:
		return nil
	case garbled != nil:
		return garbled
	}
	return fmt.Errorf("only %d letters of text: %w", letters, model.ErrNoText)
}
