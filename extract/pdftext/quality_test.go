package pdftext

import (
	"errors"
	"strings"
	"testing"

	"habilitations/model"
)

// TestCheckQualityPerPage: each page gets its own verdict; a garbled page
// loses its lines, a page with little text keeps them, and the document is
// refused only when the pages kept hold too few letters.
func TestCheckQualityPerPage(t *testing.T) {
	good := "Le service social général traite les dossiers reçus chaque semaine.\n"
	short := "Signature\n"
	garbled := strings.Repeat("\uE041\uE042\uE043 ", 20) + "\n"
	tests := []struct {
		name    string
		pages   []string
		want    []PageQuality
		err     error // nil: accepted
		garbled bool  // the error says the text is unreadable
	}{
		{"one bad page of three", []string{good, garbled, good}, []PageQuality{PageRead, PageGarbled, PageRead}, nil, false},
		{"short page kept", []string{good, short}, []PageQuality{PageRead, PageNoText}, nil, false},
		{"short pages add up", []string{good[:30], good[30:]}, []PageQuality{PageNoText, PageNoText}, nil, false},
		{"all garbled", []string{garbled, garbled}, []PageQuality{PageGarbled, PageGarbled}, model.ErrNoText, true},
		{"garbled and empty", []string{garbled, short}, []PageQuality{PageGarbled, PageNoText}, model.ErrNoText, true},
		{"empty", []string{short, ""}, []PageQuality{PageNoText, PageNoText}, model.ErrNoText, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := FromText(strings.Join(tt.pages, "\f"))
			err := checkQuality(&doc)
			if tt.err == nil && err != nil || tt.err != nil && !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if errors.Is(err, model.ErrGarbledText) != tt.garbled {
				t.Errorf("err = %v, garbled %v", err, tt.garbled)
			}
			for i, p := range doc.Pages {
				if p.Quality != tt.want[i] {
					t.Errorf("page %d: %v, want %v", p.Number, p.Quality, tt.want[i])
				}
				if p.Quality == PageGarbled && len(p.Lines) > 0 || p.Quality == PageNoText && tt.pages[i] != "" && len(p.Lines) == 0 {
					t.Errorf("page %d (%v) has %d lines", p.Number, p.Quality, len(p.Lines))
				}
			}
		})
	}
}

// TestForeignPredictor: only the PNG « up » predictor is the library's own.
func TestForeignPredictor(t *testing.T) {
	for _, tt := range []struct {
		dict string
		want bool
	}{
		{"/DecodeParms << /Predictor 12 /Columns 5 >>", false},
		{"/DecodeParms << /Predictor 1 >>", true},
		{"/DecodeParms << /Predictor 2 /Colors 3 >>", true},
		{"/DecodeParms << /Predictor 15 /Columns 4 >>", true},
		{"/Filter /FlateDecode", false},
	} {
		t.Run(tt.dict, func(t *testing.T) {
			if got := foreignFilters([]byte("1 0 obj << " + tt.dict + " >> stream")); got != tt.want {
				t.Errorf("foreignFilters = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestBlankShortCiphertexts: a stream shorter than an IV and a block is
// blanked in place (offsets kept); longer streams, cross-reference streams
// and indirect lengths are left alone.
func TestBlankShortCiphertexts(t *testing.T) {
	iv := strings.Repeat("\x8a", 16)
	tests := []struct {
		name, in string
		blanked  int
	}{
		{"iv only", "4 0 obj\n<< /Length 16 >>\nstream\n" + iv + "\nendstream\nendobj\n", 1},
		{"iv and a block", "4 0 obj\n<< /Length 32 >>\nstream\n" + iv + iv + "\nendstream\nendobj\n", 0},
		{"xref stream", "4 0 obj\n<< /Type /XRef /Length 16 >>\nstream\n" + iv + "\nendstream\nendobj\n", 0},
		{"indirect length", "4 0 obj\n<< /Length 5 0 R >>\nstream\n" + iv + "\nendstream\nendobj\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, n := blankShortCiphertexts([]byte(tt.in))
			if n != tt.blanked || len(out) != len(tt.in) {
				t.Fatalf("blanked %d (want %d), %d bytes for %d", n, tt.blanked, len(out), len(tt.in))
			}
			if n > 0 && (!strings.Contains(string(out), "/Length 0  >>") || strings.Contains(string(out), iv)) {
				t.Errorf("not blanked: %q", out)
			}
		})
	}
}

// TestType1Encoding reads the encoding array of a Type 1 font's clear-text
// part, and nothing past eexec.
func TestType1Encoding(t *testing.T) {
	prog := "%!PS-AdobeFont-1.0: Test\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n" +
		"dup 65 /A put\ndup 129 /f_i put\ndup 200 /eacute.sc put\nreadonly def\ncurrentfile eexec\ndup 66 /B put"
	names, ok := type1Encoding([]byte(prog))
	if !ok || names[65] != "A" || names[129] != "f_i" || names[200] != "eacute.sc" || names[66] != "" {
		t.Errorf("names = %q %q %q %q, ok %v", names[65], names[129], names[200], names[66], ok)
	}
}
