package pdftext

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/ledongthuc/pdf"
)

// TestGlyphText: glyph names by the Adobe Glyph List rules.
func TestGlyphText(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"eacute", "é", true},
		{"zero.os", "0", true},
		{"one.sc", "1", true},
		{"a.sc.alt", "a", true},
		{"uniFB01", "\ufb01", true},
		{"uni00660069", "fi", true},
		{"u1F600", "\U0001F600", true},
		{"u00E0", "à", true},
		{"f_i", "fi", true},
		{"f_f_l.alt", "ffl", true},
		{"uni00e9", "", false}, // lower-case digits are no uni name
		{"uniD800", "", false}, // a surrogate
		{"g12", "", false},
		{"cid34", "", false},
		{".notdef", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := glyphText(tt.name)
			if got != tt.want || ok != tt.ok {
				t.Errorf("glyphText(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestCFFBuiltinEncoding reads the encoding of the fixture's CFF program,
// and every truncation or single-byte corruption of it returns without a
// panic.
func TestCFFBuiltinEncoding(t *testing.T) {
	prog := fixtureFontProgram(t, "testdata/classes/type1c-builtin-encoding.pdf")
	names, ok := cffBuiltinEncoding(prog)
	if !ok {
		t.Fatal("no encoding read")
	}
	n := 0
	for _, s := range names {
		if s != "" {
			n++
		}
	}
	if n < 20 || names[0x21] == "" {
		t.Errorf("%d codes named, code 0x21 %q", n, names[0x21])
	}
	for i := 0; i < len(prog); i++ {
		cffBuiltinEncoding(prog[:i])
		bad := bytes.Clone(prog)
		bad[i] ^= 0xff
		cffBuiltinEncoding(bad)
	}
}

// fixtureFontProgram returns the FontFile3 of the first font of page 1.
func fixtureFontProgram(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	g := newGuard(context.Background(), DefaultLimits())
	rd, err := open(data, g)
	if err != nil {
		tb.Fatal(err)
	}
	fonts := pageList(rd, 10, g)[0].Key("Resources").Key("Font")
	ff := fonts.Key(fonts.Keys()[0]).Key("FontDescriptor").Key("FontFile3")
	if ff.Kind() != pdf.Stream {
		tb.Fatal("no FontFile3")
	}
	return readFontProgram(ff, maxFontBytes)
}
