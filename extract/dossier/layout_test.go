package dossier

import (
	"context"
	"errors"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"habilitations/extract/internal/recordtest"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

var reGap = regexp.MustCompile(`\s{2,}`)

// layoutDocument turns the output of poppler's `pdftotext -layout` into a
// Document: runs of two spaces or more separate cells. It is a second,
// independent text layer: the parser must read the corpus through it too.
func layoutDocument(tb testing.TB, pdf string) (pdftext.Document, error) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		return pdftext.Document{}, err
	}
	var b strings.Builder
	for _, ln := range strings.Split(string(out), "\n") {
		pages := strings.Split(ln, "\f")
		for i, pg := range pages {
			if i > 0 {
				b.WriteString("\f")
			}
			b.WriteString(reGap.ReplaceAllString(strings.TrimSpace(pg), "\t"))
		}
		b.WriteString("\n")
	}
	return pdftext.FromText(b.String()), nil
}

// TestCorpusThroughPdftotext parses every corpus PDF that pdftotext can read
// and compares it with its truth: records field by field, rejections by
// reason (not_convention and incomplete are the parser's; the other reasons
// belong to the PDF layer and are checked by the extract package).
func TestCorpusThroughPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	cases := recordtest.CorpusCases(t)
	if len(cases) == 0 {
		t.Fatal("no corpus case found")
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			truth := recordtest.LoadTruth(t, c.Truth)
			doc, err := layoutDocument(t, c.PDF)
			if err != nil || strings.TrimSpace(doc.String()) == "" {
				if truth.Rejection == nil {
					t.Fatalf("pdftotext cannot read a PDF that has a record: %v", err)
				}
				return // a PDF-layer rejection: not the parser's case
			}
			rec, err := Parse(doc)
			if truth.Rejection != nil {
				switch truth.Rejection.Reason {
				case model.ReasonNotConvention, model.ReasonIncomplete:
					if got := model.ReasonOf(err); err == nil || got != truth.Rejection.Reason {
						t.Fatalf("got reason %q (err %v), want %q", got, err, truth.Rejection.Reason)
					}
					t.Logf("rejection: %s", model.NewRejection(c.Name, err).Message)
				}
				return
			}
			if err != nil {
				var inc *model.IncompleteError
				errors.As(err, &inc)
				t.Fatalf("Parse: %v", err)
			}
			for _, d := range recordtest.Diff(truth.Record, rec) {
				t.Error(d)
			}
		})
	}
}
