package pdftext

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/filter"

	"habilitations/model"
)

// filteredPage is helloPage's one-page PDF with its content stream encoded
// by the filters named (applied last to first, as a PDF pipeline reads
// them first to last) through pdfcpu's encoders.
func filteredPage(tb testing.TB, dict string, names []string, parms map[string]int) []byte {
	tb.Helper()
	data := []byte(helloPage)
	for i := len(names) - 1; i >= 0; i-- {
		f, err := filter.NewFilter(names[i], parms)
		if err != nil {
			tb.Fatal(err)
		}
		r, err := f.Encode(bytes.NewReader(data))
		if err != nil {
			tb.Fatal(err)
		}
		if data, err = io.ReadAll(r); err != nil {
			tb.Fatal(err)
		}
	}
	return buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream(data, dict),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
}

// TestForeignFilters: page contents compressed with the filters the reading
// library lacks (LZW with either code-width change, RunLength, hexadecimal,
// chained) are read through a copy that pdfcpu re-encodes, in process and
// through a worker; a stream of such a filter that does not decode stays a
// damaged file.
func TestForeignFilters(t *testing.T) {
	want, err := Extract(context.Background(), onePage(helloPage), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	extractors := modes(t, DefaultLimits())
	for _, tc := range []struct {
		name  string
		data  []byte
		valid bool
	}{
		{"lzw", filteredPage(t, "/Filter /LZWDecode", []string{filter.LZW}, nil), true},
		{"lzw early change 0", filteredPage(t, "/Filter /LZWDecode /DecodeParms << /EarlyChange 0 >>",
			[]string{filter.LZW}, map[string]int{"EarlyChange": 0}), true},
		{"runlength", filteredPage(t, "/Filter /RunLengthDecode", []string{filter.RunLength}, nil), true},
		{"hex then lzw", filteredPage(t, "/Filter [/ASCIIHexDecode /LZWDecode]", []string{filter.ASCIIHex, filter.LZW}, nil), true},
		{"lzw garbage", onePageFiltered("/LZWDecode"), false},
	} {
		for how, extract := range extractors {
			t.Run(tc.name+"/"+how, func(t *testing.T) {
				doc, err := extract(context.Background(), tc.data)
				if !tc.valid {
					if !errors.Is(err, model.ErrCorrupt) {
						t.Fatalf("err = %v, want ErrCorrupt", err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if doc.String() != want.String() {
					t.Errorf("text differs from the unfiltered page:\n%s\nwant\n%s", doc, want)
				}
			})
		}
	}
}
