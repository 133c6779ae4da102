package pdftext

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"habilitations/model"
)

// TestGarbledTextSaid: a PDF whose text layer cannot be read (fonts without
// their Unicode map after a PostScript round trip, testdata/garbled/make.sh)
// is a no_text rejection that says the text is unreadable, not that the
// document is a scan, in process and through a worker; a page without any
// text stays a plain no_text.
func TestGarbledTextSaid(t *testing.T) {
	garbled, err := os.ReadFile("testdata/garbled/postscript-roundtrip.pdf")
	if err != nil {
		t.Fatal(err)
	}
	extractors := modes(t, DefaultLimits())
	for how, extract := range extractors {
		t.Run(how, func(t *testing.T) {
			_, err := extract(context.Background(), garbled)
			if !errors.Is(err, model.ErrNoText) || !errors.Is(err, model.ErrGarbledText) {
				t.Fatalf("err = %v, want ErrNoText and ErrGarbledText", err)
			}
			if r := model.NewRejection("x.pdf", err); r.Reason != model.ReasonNoText || !strings.Contains(r.Message, "illisible") {
				t.Errorf("rejection = %+v", r)
			}
			_, err = extract(context.Background(), onePage(""))
			if !errors.Is(err, model.ErrNoText) || errors.Is(err, model.ErrGarbledText) {
				t.Fatalf("empty page: err = %v, want ErrNoText only", err)
			}
		})
	}
}
