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

// checkQuality refuses a document whose text cannot be trusted, so that it
// becomes a no_text rejection rather than a wrong record.
func checkQuality(doc Document) error {
	letters, bad, glued, chars := 0, 0, 0, 0
	for _, l := range doc.Lines() {
		for _, c := range l.Cells {
			for _, w := range strings.Fields(c) {
				n := 0
				for _, r := range w {
					chars++
					switch {
					case r == unicode.ReplacementChar || unicode.In(r, unicode.Co) || unicode.IsControl(r):
						bad++
					case unicode.IsLetter(r):
						n++
					}
				}
				letters += n
				if len([]rune(w)) > longToken && !strings.ContainsAny(w, "@/\\_.=") {
					glued += n
				}
			}
		}
	}
	switch {
	case letters < minLetters && chars >= minGlyphs:
		// Glyphs aplenty but hardly a letter among them: fonts re-encoded
		// without their Unicode map (a PostScript round trip, as some
		// virtual printers make), not a scan.
		return fmt.Errorf("%d characters but only %d letters: %w: %w", chars, letters, errGarbled, model.ErrNoText)
	case letters < minLetters:
		return fmt.Errorf("only %d letters of text: %w", letters, model.ErrNoText)
	case float64(bad) > maxBadRatio*float64(letters+bad):
		return fmt.Errorf("%d unreadable characters (fonts without a Unicode map): %w: %w", bad, errGarbled, model.ErrNoText)
	case float64(glued) > maxGluedRatio*float64(letters):
		return fmt.Errorf("%d of %d letters in words glued together (spacing lost): %w: %w", glued, letters, errGarbled, model.ErrNoText)
	}
	return nil
}
