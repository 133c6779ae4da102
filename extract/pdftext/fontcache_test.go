package pdftext

import (
	"context"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// interpretAll runs the content of every page of data through one interp,
// as extractPages does, and returns it with the text shown on each page.
func interpretAll(tb testing.TB, data []byte) (*interp, []string) {
	tb.Helper()
	g := newGuard(context.Background(), DefaultLimits())
	data, err := prepare(data)
	if err != nil {
		tb.Fatal(err)
	}
	rd, err := open(data, g)
	if err != nil {
		tb.Fatal(err)
	}
	in := &interp{g: g, fonts: newFontCache(g), intern: map[string]string{}}
	var texts []string
	for i, kid := range pageList(rd, 1000, g) {
		err := guarded(g, i+1, func() {
			in.out = pageContent{}
			in.run(kid.Key("Contents"), inherited(kid, "Resources"), identity, 0)
		})
		if err != nil {
			tb.Fatal(err)
		}
		var b strings.Builder
		for _, gl := range in.out.glyphs {
			b.WriteString(gl.text)
		}
		texts = append(texts, b.String())
	}
	return in, texts
}

// fontObjects counts the distinct font objects that the pages' resources
// refer to.
func fontObjects(tb testing.TB, data []byte) int {
	tb.Helper()
	rd, err := pdf.NewReader(strings.NewReader(string(data)), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	seen := map[objRef]bool{}
	for _, kid := range pageList(rd, 1000, newGuard(context.Background(), DefaultLimits())) {
		fonts := inherited(kid, "Resources").Key("Font")
		for _, name := range fonts.Keys() {
			if ref, ok := objectRef(fonts.Key(name)); ok {
				seen[ref] = true
			}
		}
	}
	return len(seen)
}

// TestFontCacheByObject: a font object shared by pages is loaded once per
// document, whatever its name (fpdf writes no subset tag); a font written
// directly in a page's resources is not mistaken for another of the same
// resource name.
func TestFontCacheByObject(t *testing.T) {
	helv := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	synthetic := buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 9 0 R /Resources << /Font << /F1 7 0 R /F2 "+helv+" >> >> >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Courier /ToUnicode 8 0 R >> >> >> >>",
		stream([]byte("BT /F1 12 Tf 72 700 Td (AB) Tj ET"), ""),
		helv,
		stream([]byte("begincmap 1 beginbfrange <41> <42> <005A> endbfrange endcmap"), ""),
		stream([]byte("BT /F1 12 Tf 72 700 Td (AB) Tj /F2 12 Tf (AB) Tj ET"), ""),
	)
	fpdf, pages := producerFixture(t, "fpdf.pdf")
	tests := []struct {
		name      string
		data      []byte
		loads     int
		wantTexts []string // nil: not checked
	}{
		// pages 1 and 2 share object 7; page 2's direct /F2 and page 3's
		// direct /F1 (another font under the same name) are loaded apart.
		{"synthetic", synthetic, 3, []string{"AB", "ABAB", "Z["}},
		{"fpdf", fpdf, fontObjects(t, fpdf), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, texts := interpretAll(t, tt.data)
			if in.fonts.loads != tt.loads {
				t.Errorf("fonts loaded %d times, want %d", in.fonts.loads, tt.loads)
			}
			if tt.wantTexts != nil && strings.Join(texts, "|") != strings.Join(tt.wantTexts, "|") {
				t.Errorf("texts %q, want %q", texts, tt.wantTexts)
			}
		})
	}
	if n := fontObjects(t, fpdf); n == 0 || n >= pages {
		t.Errorf("fpdf fixture: %d font objects over %d pages; the test needs fonts shared by pages", n, pages)
	}
}

// TestFpdfBoundedWork: the fpdf dossier (untagged fonts, identity CMaps
// over 65,536 codes) costs no more allocations than its LibreOffice twin
// give or take; expanding the CMaps of each font on each page made it
// 5.8 million allocations against 34,000.
func TestFpdfBoundedWork(t *testing.T) {
	fpdf, _ := producerFixture(t, "fpdf.pdf")
	lo, _ := producerFixture(t, "libreoffice.pdf")
	allocs := func(data []byte) float64 {
		return testing.AllocsPerRun(2, func() {
			if _, err := Extract(context.Background(), data, DefaultLimits()); err != nil {
				t.Fatal(err)
			}
		})
	}
	f, l := allocs(fpdf), allocs(lo)
	if f > 2*l {
		t.Errorf("fpdf dossier: %.0f allocations, more than twice its LibreOffice twin's %.0f", f, l)
	}
}
