package pdftext

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/charmap"
)

// maxFontBytes bounds the font program read from a PDF (an embedded
// subset is tens of KB; whole CJK fonts reach a few MB).
const maxFontBytes = 8 << 20

// bullet is what the PDF specification (Annex D, note 5 of the encoding
// tables) makes of the codes WinAnsiEncoding leaves undefined.
const bullet = "\u2022"

// winAnsiUndefined are those codes; the reading library gives them as
// control characters, which the quality gate counts as garbage.
var winAnsiUndefined = []byte{0x7f, 0x81, 0x8d, 0x8f, 0x90, 0x9d}

// simpleOverrides returns the text that a simple font's glyph names give
// its codes, where the reading library gives none or a wrong one (nil when
// there is none): the library reads /Differences names through a table
// without the Adobe Glyph List rules (zero.os, uniFB01, f_i), ignores a
// /BaseEncoding, and knows nothing of the encoding built into an embedded
// font program, which a font without /Encoding uses and which names the
// codes WinAnsiEncoding leaves undefined.
func simpleOverrides(v pdf.Value) *[256]string {
	var over [256]string
	set := false
	put := func(c int, text string) {
		if c >= 0 && c < 256 && text != "" {
			over[c] = text
			set = true
		}
	}
	builtin, hasBuiltin := builtinEncoding(v.Key("FontDescriptor"))
	enc := v.Key("Encoding")
	base := enc.Name()
	if enc.Kind() == pdf.Dict {
		base = enc.Key("BaseEncoding").Name()
	}
	switch {
	case base == "" && hasBuiltin && (enc.Kind() == pdf.Null || enc.Kind() == pdf.Dict):
		// No base encoding: the font program's own (PDF 32000-1, 9.6.6.2).
		for c, n := range builtin {
			if t, ok := glyphText(n); ok {
				put(c, t)
			}
		}
	case base == "WinAnsiEncoding":
		for _, c := range winAnsiUndefined {
			t := bullet
			if n := builtin[c]; hasBuiltin && n != "" {
				if s, ok := glyphText(n); ok {
					t = s
				}
			}
			put(int(c), t)
		}
	}
	if enc.Kind() == pdf.Dict { // the library reads the upper half as PDFDocEncoding
		var cm *charmap.Charmap
		switch base {
		case "WinAnsiEncoding":
			cm = charmap.Windows1252
		case "MacRomanEncoding":
			cm = charmap.Macintosh
		}
		for c := 0x80; cm != nil && c < 0x100; c++ {
			if over[c] == "" {
				if r := cm.DecodeByte(byte(c)); r >= 0xa0 && r != utf8.RuneError {
					put(c, string(r))
				}
			}
		}
	}
	diffs := enc.Key("Differences")
	code := -1
	for i := 0; i < diffs.Len() && i < 4096; i++ {
		switch x := diffs.Index(i); x.Kind() {
		case pdf.Integer:
			code = int(x.Int64())
		case pdf.Name:
			if t, ok := glyphText(x.Name()); ok && code >= 0 {
				put(code, t)
			}
			code++
		}
	}
	if !set {
		return nil
	}
	return &over
}

// builtinEncoding returns the glyph names of the encoding built into the
// embedded font program of a font descriptor: a compact font (FontFile3
// /Type1C) or a Type 1 font (FontFile, whose clear-text part lists it).
func builtinEncoding(desc pdf.Value) (names [256]string, ok bool) {
	if ff := desc.Key("FontFile3"); ff.Kind() == pdf.Stream && ff.Key("Subtype").Name() == "Type1C" {
		return cffBuiltinEncoding(readFontProgram(ff, maxFontBytes))
	}
	if ff := desc.Key("FontFile"); ff.Kind() == pdf.Stream {
		n := ff.Key("Length1").Int64()
		if n <= 0 || n > maxFontBytes {
			n = maxFontBytes
		}
		return type1Encoding(readFontProgram(ff, n))
	}
	return names, false
}

func readFontProgram(ff pdf.Value, limit int64) []byte {
	rc := ff.Reader()
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, limit))
	return b
}

// type1Dup matches the entries of a Type 1 font's encoding array.
var type1Dup = regexp.MustCompile(`dup\s+(\d{1,3})\s*/([^\s/\[\]{}()<>%]{1,64})\s+put`)

// type1Encoding reads the « dup code /name put » entries of a Type 1
// font's clear-text part; StandardEncoding fonts have none.
func type1Encoding(b []byte) (names [256]string, ok bool) {
	if i := bytes.Index(b, []byte("eexec")); i >= 0 {
		b = b[:i]
	}
	for _, m := range type1Dup.FindAllSubmatch(b, 512) {
		if c, err := strconv.Atoi(string(m[1])); err == nil && c < 256 {
			names[c] = string(m[2])
			ok = true
		}
	}
	return names, ok
}
