package pdftext

import (
	"github.com/ledongthuc/pdf"
	"golang.org/x/image/font/sfnt"
)

// maxCIDToGID bounds a /CIDToGIDMap stream: two bytes for each of at most
// 65 536 CIDs.
const maxCIDToGID = 2 << 16

// cidTrueTypeText maps the CIDs of a composite TrueType font without
// /ToUnicode to text through the cmap table of its embedded font program,
// as a font without a Unicode map still has one for its own use: the
// characters of each glyph are found by looking every character of the
// Basic Multilingual Plane up once (sfnt offers the lookup in that
// direction only), the lowest character winning when glyphs are shared.
// It returns nil when the font is not TrueType, not embedded or has no
// usable cmap; its glyphs then stay unreadable (U+FFFD), which the quality
// gate reports as garbled text, not as a scan.
func cidTrueTypeText(descendant pdf.Value, g *guard) map[uint32]string {
	if descendant.Key("Subtype").Name() != "CIDFontType2" {
		return nil
	}
	ff := descendant.Key("FontDescriptor").Key("FontFile2")
	if ff.Kind() != pdf.Stream {
		return nil
	}
	font, err := sfnt.Parse(readFontProgram(ff, maxFontBytes))
	if err != nil {
		return nil
	}
	var buf sfnt.Buffer
	byGlyph := map[sfnt.GlyphIndex]rune{}
	for r := rune(0x20); r <= 0xffff; r++ {
		if r&0xfff == 0 && g != nil {
			g.check()
		}
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		gi, err := font.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			continue
		}
		if _, seen := byGlyph[gi]; !seen {
			byGlyph[gi] = r
		}
	}
	if len(byGlyph) == 0 {
		return nil
	}
	out := make(map[uint32]string, len(byGlyph))
	if m := descendant.Key("CIDToGIDMap"); m.Kind() == pdf.Stream {
		b := readFontProgram(m, maxCIDToGID)
		for cid := 0; 2*cid+1 < len(b); cid++ {
			if r, ok := byGlyph[sfnt.GlyphIndex(b[2*cid])<<8|sfnt.GlyphIndex(b[2*cid+1])]; ok {
				out[uint32(cid)] = string(r)
			}
		}
		return out
	}
	for gi, r := range byGlyph { // /Identity, the default: CID = glyph index
		out[uint32(gi)] = string(r)
	}
	return out
}
