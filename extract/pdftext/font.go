package pdftext

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// font is what the text layer needs of a PDF font: how to split a string into
// codes, each code's text and advance width. The library's own Font decodes
// whole strings (so positions cannot be given per glyph), prefers /Encoding
// over /ToUnicode, and knows no widths for composite (Type0) fonts; these are
// the reasons this type exists.
type font struct {
	twoByte  bool               // composite font: 2-byte codes (Identity-H and the like)
	toUni    *cmap              // from /ToUnicode, nil when absent
	enc      pdf.TextEncoding   // simple fonts without /ToUnicode
	first    int                // simple fonts: /FirstChar
	widths   []float64          // simple fonts: /Widths
	cidW     map[uint32]float64 // composite fonts: /W of the descendant
	dw       float64            // default width (composite /DW, or an estimate)
	scale    float64            // glyph space to text space (1/1000, or Type3 /FontMatrix)
	unmapped bool               // no way to Unicode: every glyph decodes to U+FFFD
	over     *[256]string       // simple fonts: text from glyph names (simpleOverrides), "" for none
	simple   pdf.Value          // simple fonts: the dictionary, until over is read
	overRead bool               // over has been read (on the first code it may be needed for)
	cidText  map[uint32]string  // composite TrueType without /ToUnicode: text from the font's cmap
}

// loadFont reads what the text layer needs of the font dictionary v; g, when
// not nil, is checked during the longer reads (a font program's cmap).
func loadFont(v pdf.Value, g *guard) *font {
	f := &font{scale: 0.001, dw: 1000}
	sub := v.Key("Subtype").Name()
	if sub == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() >= 1 && m.Index(0).Float64() != 0 {
			f.scale = m.Index(0).Float64()
		}
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUni = readToUnicode(tu)
	}
	if sub == "Type0" {
		f.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if x := d.Key("DW"); x.Kind() == pdf.Integer || x.Kind() == pdf.Real {
			f.dw = x.Float64()
		}
		f.cidW = readCIDWidths(d.Key("W"))
		if f.toUni == nil {
			f.unmapped = !strings.Contains(v.Key("Encoding").Name(), "UCS2")
			if !f.unmapped {
				f.enc = (&pdf.Font{V: v}).Encoder()
			} else if f.cidText = cidTrueTypeText(d, g); f.cidText != nil {
				f.unmapped = false
			}
		}
		return f
	}
	f.first = int(v.Key("FirstChar").Int64())
	w := v.Key("Widths")
	n := w.Len()
	if n > 256 {
		n = 256
	}
	f.widths = make([]float64, n)
	for i := 0; i < n; i++ {
		f.widths[i] = w.Index(i).Float64()
	}
	f.dw = estimateWidth(v)
	f.simple = v // over is read on first need: a font with a full ToUnicode never needs its program
	if f.toUni == nil {
		// Only without /ToUnicode: the library would otherwise parse the CMap
		// with its own interpreter, which can loop forever on a truncated one.
		f.enc = (&pdf.Font{V: v}).Encoder()
	}
	return f
}

// estimateWidth is the width used for codes outside /Widths: /MissingWidth,
// or the average width of the standard fonts when a producer relied on them
// and gave no widths at all (words would otherwise be glued together).
func estimateWidth(v pdf.Value) float64 {
	if mw := v.Key("FontDescriptor").Key("MissingWidth"); mw.Float64() > 0 {
		return mw.Float64()
	}
	if v.Key("Widths").Len() > 0 {
		return 0
	}
	base := v.Key("BaseFont").Name()
	if strings.Contains(base, "Courier") {
		return 600
	}
	return 500
}

func readCIDWidths(w pdf.Value) map[uint32]float64 {
	out := map[uint32]float64{}
	n := w.Len()
	for i := 0; i < n && len(out) < maxCmapEntries; {
		c := w.Index(i)
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && len(out) < maxCmapEntries; j++ {
				out[uint32(c.Int64())+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		lo, hi, wd := c.Int64(), next.Int64(), w.Index(i+2).Float64()
		for k := lo; k <= hi && k-lo < maxCmapEntries && len(out) < maxCmapEntries; k++ {
			out[uint32(k)] = wd
		}
		i += 3
	}
	return out
}

// code is one character code of a shown string and its text.
type code struct {
	c    uint32
	text string
}

// decode splits raw into codes and maps each to Unicode text, appending to
// out.
func (f *font) decode(raw []byte, out []code) []code {
	step := 1
	if f.twoByte {
		step = 2
	}
	for i := 0; i+step <= len(raw); i += step {
		c := uint32(raw[i])
		if step == 2 {
			c = c<<8 | uint32(raw[i+1])
		}
		out = append(out, code{c, f.text(c, raw[i:i+step])})
	}
	return out
}

func (f *font) text(c uint32, raw []byte) string {
	if f.toUni != nil {
		// A code mapped to U+0000 is mapped to nothing: Chrome's Skia
		// writes that for the glyphs of its Type 3 fonts, whose names
		// still say the text.
		if s, ok := f.toUni.lookup(c); ok && s != "\x00" {
			return s
		}
	}
	if !f.twoByte && !f.overRead {
		f.over, f.overRead, f.simple = simpleOverrides(f.simple), true, pdf.Value{}
	}
	if f.over != nil && c < 256 {
		if s := f.over[c]; s != "" {
			return s
		}
	}
	if f.cidText != nil {
		if s, ok := f.cidText[c]; ok {
			return s
		}
		return "\uFFFD"
	}
	if f.unmapped || f.enc == nil {
		return "\uFFFD"
	}
	return f.enc.Decode(string(raw))
}

// width returns the advance of code c in glyph space units.
func (f *font) width(c uint32) float64 {
	if f.twoByte {
		if w, ok := f.cidW[c]; ok {
			return w
		}
		return f.dw
	}
	i := int(c) - f.first
	if i >= 0 && i < len(f.widths) {
		return f.widths[i]
	}
	return f.dw
}
