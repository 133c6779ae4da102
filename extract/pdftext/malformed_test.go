package pdftext

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"habilitations/model"
)

// helloPage is a page of running text long enough to pass the quality gate.
const helloPage = "BT /F1 11 Tf 72 700 Td (Convention d'acces a Mon Compte Partenaire entre la Caisse et le partenaire) Tj " +
	"0 -14 Td [(Le service est mis a disposition) -250 (de)] TJ ET"

// malformed are small broken PDFs, each aimed at a known fault of the PDF
// library or of the text layer, with the rejection expected (nil: the text
// must come out).
func malformed() []struct {
	name string
	data []byte
	want error
} {
	good := onePage(helloPage)
	pages := func(kids string) []byte {
		return buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids ["+kids+"] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>",
			stream([]byte(helloPage+" /X Do"), ""),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
			stream([]byte("/X Do"), "/Type /XObject /Subtype /Form /BBox [0 0 10 10]"),
		)
	}
	return []struct {
		name string
		data []byte
		want error
	}{
		{"good", good, nil},
		{"junk before header", append([]byte("From: scanner@example.org\r\n\r\n"), good...), nil},
		{"junk after EOF", append(append([]byte(nil), good...), []byte("\r\n--boundary--\r\n")...), nil},
		{"pdf 2.0 header", bytes.Replace(good, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1), nil},
		{"text file", []byte("Convention d'accès\n"), model.ErrNotPDF},
		{"empty", nil, model.ErrCorrupt},
		{"header only", []byte("%PDF-1.4\n"), model.ErrCorrupt},
		{"truncated", good[:len(good)/2], model.ErrCorrupt},
		{"bad startxref (repaired)", bytes.Replace(good, []byte("startxref\n"), []byte("startxref\n9"), 1), nil},
		{"shifted offsets (repaired)", bytes.Replace(good, []byte("%PDF-1.4\n"), []byte("%PDF-1.4\n% a line added by an editor\n"), 1), nil},
		{"no catalog", bytes.Replace(bytes.Replace(good, []byte("/Root"), []byte("/Xoot"), 1), []byte("startxref\n"), []byte("startxref\n9"), 1), model.ErrCorrupt},
		{"huge xref start", bytes.Replace(good, []byte("xref\n0 6\n"), []byte("xref\n1999999994 6\n"), 1), model.ErrCorrupt},
		{"huge xref stream size", bytes.Replace(good, []byte("/Size 6"), []byte("/Size 2000000000"), 1), model.ErrCorrupt},
		{"huge predictor columns", onePageFiltered("/FlateDecode /DecodeParms << /Predictor 12 /Columns 4000000000 >>"), model.ErrCorrupt},
		{"huge xref field width", bytes.Replace(spinPDF(false), []byte("/W [1 4 2]"), []byte("/W [1 4000000000 2]"), 1), model.ErrCorrupt},
		{"font widths are not xref fields", bytes.Replace(good, []byte("/Encoding /WinAnsiEncoding"), []byte("/Encoding /WinAnsiEncoding /W [1 100 500]"), 1), nil},
		{"object stream ending in a hex string", spinPDF(false), model.ErrCorrupt},
		// Its /Length still ends it inside the string, but its endstream is
		// lost: the next one found is the xref stream's (fuzz seed d9d8ae6c).
		{"object stream ending in a hex string, endstream lost", bytes.Replace(spinPDF(false), []byte("[<0\nendstream"), []byte("[<0\n\x00\x00dstream"), 1), model.ErrCorrupt},
		{"lzw filter", onePageFiltered("/LZWDecode"), model.ErrCorrupt},
		{"runlength filter", onePageFiltered("/RunLengthDecode"), model.ErrCorrupt},
		{"cyclic page tree", pageTreeCycle(), model.ErrCorrupt},
		{"self-drawing form", pages("3 0 R"), nil},
		{"aes-256 encrypted", encryptedTrailer(good), model.ErrEncrypted},
		{"no text", onePage("0 0 m 100 100 l S"), model.ErrNoText},
		{"unmapped glyphs", onePage("BT /F1 11 Tf 72 700 Td (" + strings.Repeat("\x01\x02\x03 ", 40) + ") Tj ET"), model.ErrNoText},
		{"glued words", onePage("BT /F1 11 Tf 72 700 Td (" + strings.Repeat("Conventiondaccesamoncomptepartenaire", 6) + ") Tj ET"), model.ErrNoText},
		{"sideways page", onePage("q 0 1 -1 0 800 0 cm " + helloPage + " Q"), nil},
		{"upside down page", onePage("q -1 0 0 -1 595 842 cm " + helloPage + " Q"), nil},
		{"text off the page", onePage(helloPage + " BT /F1 11 Tf -2000 700 Td (Texte hors de la page) Tj ET"), nil},
		{"media box off the origin", bytes.Replace(onePage("q 1 0 0 1 -300 -421 cm "+helloPage+" Q"), []byte("/MediaBox [0 0 595 842]"), []byte("/MediaBox [-300 -421 295 421]"), 1), nil},
		{"letter-spaced", onePage("BT /F1 11 Tf 3 Tc 72 720 Td (Convention d'acces) Tj 0 Tc ET " + helloPage), nil},
		{"bad operands", onePage("BT /F1 Tf 1 2 3 Td (x) 5 Tj [1 (a) /N] TJ 1 0 0 cm q q Q Q Q Q ET " + helloPage), nil},
	}
}

func onePageFiltered(filter string) []byte {
	return buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream([]byte("\x80\x00\x01garbage"), "/Filter "+filter),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
}

func pageTreeCycle() []byte {
	return buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
		"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
	)
}

// encryptedTrailer adds an AES-256 /Encrypt dictionary to the trailer, as
// the library refuses (« malformed »).
func encryptedTrailer(pdf []byte) []byte {
	enc := "/Encrypt << /Filter /Standard /V 5 /R 6 /Length 256 /O <00> /U <00> /P -4 >> /Root"
	return bytes.Replace(pdf, []byte("/Root"), []byte(enc), 1)
}

func TestMalformed(t *testing.T) {
	for _, tt := range malformed() {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), tt.data, DefaultLimits())
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Extract: %v", err)
				}
				if !strings.Contains(doc.String(), "Le service est mis a disposition de") ||
					tt.name == "letter-spaced" && !hasLine(doc, "Convention d'acces") ||
					strings.Contains(doc.String(), "hors de la page") {
					t.Errorf("text = %q", doc.String())
				}
				return
			}
			t.Log(err)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
