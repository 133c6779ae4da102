package pdftext

import (
	"context"
	"errors"
	"fmt"
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

// TestUnmappedCIDSaid: a composite font without ToUnicode whose program is
// not embedded (so no cmap table to read either) draws glyphs that no one
// can read; the rejection says the text is unreadable (« illisible »), not
// that the document is a scan (« numérisé »), as it used to.
func TestUnmappedCIDSaid(t *testing.T) {
	var codes strings.Builder
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&codes, "%04X", 3+i%40)
	}
	data := buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream([]byte("BT /F1 11 Tf 72 700 Td <"+codes.String()+"> Tj ET"), ""),
		"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Arial /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Arial /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /CIDToGIDMap /Identity >>",
	)
	_, err := Extract(context.Background(), data, DefaultLimits())
	if !errors.Is(err, model.ErrNoText) || !errors.Is(err, model.ErrGarbledText) {
		t.Fatalf("err = %v, want ErrNoText and ErrGarbledText", err)
	}
	if r := model.NewRejection("x.pdf", err); !strings.Contains(r.Message, "illisible") || strings.Contains(r.Message, "numérisé") {
		t.Errorf("message %q", r.Message)
	}
}
