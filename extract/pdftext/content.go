package pdftext

import "math"

// glyph is one shown character with its position in page space (points,
// origin bottom left).
type glyph struct {
	x, y  float64 // baseline origin
	w     float64 // advance width
	size  float64 // font size in page space
	rise  float64 // text rise (superscripts), page space
	text  string  // decoded Unicode text, may be several runes or empty
	space bool    // a word space glyph
	rot   uint8   // quarter turns of the text direction (0: left to right, 1: bottom to top…)
}

// rule is a horizontal or vertical line segment drawn on the page (table
// borders), in page space.
type rule struct {
	x0, y0, x1, y1 float64
	// fillEdge: the edge of a filled area (cell background): a row boundary
	// but not a column boundary, since highlights behind words would split
	// lines into false cells.
	fillEdge bool
}

func (r rule) horizontal() bool { return math.Abs(r.y1-r.y0) < 1.5 && r.x1-r.x0 > 2 }
func (r rule) vertical() bool   { return math.Abs(r.x1-r.x0) < 1.5 && r.y1-r.y0 > 2 }

type matrix [6]float64 // a b c d e f

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

type gstate struct {
	ctm                 matrix
	tc, tw, th, tl, tfs float64
	rise                float64
	font                *font
}

// pageContent is what the interpreter collects from one page.
type pageContent struct {
	glyphs []glyph
	rules  []rule
	images int
}

// Per-page bounds: a real page holds a few thousand glyphs.
const (
	maxGlyphsPerPage = 200000
	maxRulesPerPage  = 20000
	maxFormDepth     = 8
	maxStateDepth    = 256
)

func matrixOf(args []operand) (matrix, bool) {
	if len(args) != 6 {
		return matrix{}, false
	}
	var m matrix
	for i := range m {
		m[i] = args[i].float()
		if math.IsNaN(m[i]) || math.IsInf(m[i], 0) {
			return matrix{}, false
		}
	}
	return m, true
}

func floats(args []operand, n int) ([]float64, bool) {
	if len(args) != n {
		return nil, false
	}
	out := make([]float64, n)
	for i, a := range args {
		out[i] = a.float()
		if math.IsNaN(out[i]) || math.IsInf(out[i], 0) {
			return nil, false
		}
	}
	return out, true
}
