package pdftext

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// glyphlistText is the Adobe Glyph List (names of PostScript glyphs and
// their Unicode characters), with Adobe's licence in its header;
// gentables.py writes it.
//
//go:embed glyphlist.txt
var glyphlistText string

// glyphList parses glyphlistText once, on first use: most documents have
// ToUnicode maps and never need it.
var glyphList = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 4400)
	for _, line := range strings.Split(glyphlistText, "\n") {
		name, codes, ok := strings.Cut(line, ";")
		if !ok || strings.HasPrefix(name, "#") {
			continue
		}
		var b strings.Builder
		for _, h := range strings.Fields(codes) {
			r, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				b.Reset()
				break
			}
			b.WriteRune(rune(r))
		}
		if b.Len() > 0 {
			m[name] = b.String()
		}
	}
	return m
})

// glyphText returns the text of a glyph name by the rules of the Adobe
// Glyph List specification: the part before the first period (zero.os,
// one.sc: variants of a character), components joined by underscores
// (f_i: a ligature), each component a name of the list, uniXXXX (one or
// more groups of four upper-case hexadecimal digits) or uXXXX to uXXXXXX.
// Names that say nothing (g12, cid34, glyph5) give ok false.
func glyphText(name string) (text string, ok bool) {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	if name == "" || len(name) > 128 {
		return "", false
	}
	list := glyphList()
	var b strings.Builder
	for _, part := range strings.Split(name, "_") {
		if s, ok := list[part]; ok {
			b.WriteString(s)
			continue
		}
		s, ok := hexGlyphName(part)
		if !ok {
			return "", false
		}
		b.WriteString(s)
	}
	return b.String(), b.Len() > 0
}

// hexGlyphName reads the uniXXXX[XXXX…] and uXXXX[X[X]] forms.
func hexGlyphName(part string) (string, bool) {
	var digits []string
	switch {
	case strings.HasPrefix(part, "uni") && len(part) > 3 && (len(part)-3)%4 == 0:
		for i := 3; i < len(part); i += 4 {
			digits = append(digits, part[i:i+4])
		}
	case strings.HasPrefix(part, "u") && len(part) >= 5 && len(part) <= 7:
		digits = []string{part[1:]}
	default:
		return "", false
	}
	var b strings.Builder
	for _, d := range digits {
		if strings.ToUpper(d) != d {
			return "", false
		}
		r, err := strconv.ParseUint(d, 16, 32)
		if err != nil || r >= 0xD800 && r <= 0xDFFF || r > utf8.MaxRune {
			return "", false
		}
		b.WriteRune(rune(r))
	}
	return b.String(), true
}
