package pdftext

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// classFixtures are the files of testdata/classes (made by make.sh), one
// per class of PDF the text layer refused though it is readable (issue
// #11), with the pages the quality gate must drop (1-based).
var classFixtures = []struct {
	name    string
	dropped []int
}{
	{"figure-bad-tounicode", []int{2}}, // one figure with a wrong ToUnicode: its page only
	{"type3-zero-tounicode", nil},      // Type 3, ToUnicode to <0000>: glyph names
	{"type1c-builtin-encoding", nil},   // CFF with its own encoding, no /Encoding
	{"suffixed-differences", nil},      // zero.os, uniFB01, f_i in /Differences
	{"winansi-undefined", nil},         // codes WinAnsi leaves undefined, named by the font
	{"cid-truetype-no-tounicode", nil}, // composite TrueType: the font's cmap
	{"deep-page-tree", nil},            // a chain of 39 /Pages nodes
	{"predictor-1", nil},               // /DecodeParms << /Predictor 1 >>
	{"aes256-iv-only", nil},            // AES-256, an empty stream written as its IV alone
}

// TestClasses: each fixture is read, in process and through a worker, and
// the text of its kept pages equals the reference modulo spacing (and NFKC:
// pdftotext keeps ligature characters that the text layer splits).
func TestClasses(t *testing.T) {
	extractors := modes(t, DefaultLimits())
	for _, fx := range classFixtures {
		data, err := os.ReadFile("testdata/classes/" + fx.name + ".pdf")
		if err != nil {
			t.Fatal(err)
		}
		want := classReference(t, fx.name)
		for how, extract := range extractors {
			t.Run(fx.name+"/"+how, func(t *testing.T) {
				doc, err := extract(context.Background(), data)
				if err != nil {
					t.Fatal(err)
				}
				var dropped []int
				for _, p := range doc.Pages {
					if p.Quality != PageRead {
						dropped = append(dropped, p.Number)
						if len(p.Lines) > 0 && p.Quality == PageGarbled {
							t.Errorf("page %d dropped as %v but keeps %d lines", p.Number, p.Quality, len(p.Lines))
						}
						continue
					}
					if p.Number > len(want) {
						t.Fatalf("page %d: reference has %d pages", p.Number, len(want))
					}
					if got, w := spacing(pageText(p)), spacing(want[p.Number-1]); got != w {
						t.Errorf("page %d:\n got %q\nwant %q", p.Number, got, w)
					}
				}
				if !slices.Equal(dropped, fx.dropped) {
					t.Errorf("dropped pages %v, want %v", dropped, fx.dropped)
				}
			})
		}
	}
}

// classReference returns the reference text of a fixture, page by page:
// NAME.want.txt where pdftotext misreads it (make.py says why), else
// pdftotext's text, read now when poppler is installed and from NAME.txt
// otherwise.
func classReference(tb testing.TB, name string) []string {
	tb.Helper()
	base := "testdata/classes/" + name
	if b, err := os.ReadFile(base + ".want.txt"); err == nil {
		return strings.Split(string(b), "\f")
	}
	var b []byte
	var err error
	if _, lerr := exec.LookPath("pdftotext"); lerr == nil {
		b, err = exec.Command("pdftotext", "-enc", "UTF-8", base+".pdf", "-").Output()
	} else {
		b, err = os.ReadFile(base + ".txt")
	}
	if err != nil {
		tb.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\f"), "\f")
}

func pageText(p Page) string {
	var b strings.Builder
	for _, l := range p.Lines {
		b.WriteString(l.Text())
		b.WriteByte('\n')
	}
	return b.String()
}

// spacing folds s to NFKC with runs of white space made one space.
func spacing(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}
