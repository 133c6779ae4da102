package pdftext

import (
	"errors"
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
	maxBadRatio   = 0.01 // share of unreadable characters
	longToken     = 30   // a word longer than this is suspect (unless e-mail, URL, path)
	maxGluedRatio = 0.15 // share of letters inside suspect long words
)

// errGarbled marks text refused for unreadable characters or glued words
// (as opposed to no text at all).
var errGarbled = errors.New("garbled text")

// checkQuality refuses a document whose text cannot be trusted, so that it
// becomes a no_text rejection rather than a wrong record.
func checkQuality(doc Document) error {
	letters, bad, glued := 0, 0, 0
	for _, l := range doc.Lines() {
		for _, c := range l.Cells {
			for _, w := range strings.Fields(c) {
				n := 0
				for _, r := range w {
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
	case letters < minLetters:
		return fmt.Errorf("only %d letters of text: %w", letters, model.ErrNoText)
	case float64(bad) > maxBadRatio*float64(letters+bad):
		return fmt.Errorf("%d unreadable characters (fonts without a Unicode map): %w: %w", bad, errGarbled, model.ErrNoText)
	case float64(glued) > maxGluedRatio*float64(letters):
		return fmt.Errorf("%d of %d letters in words glued together (spacing lost): %w: %w", glued, letters, errGarbled, model.ErrNoText)
	}
	return nil
}
