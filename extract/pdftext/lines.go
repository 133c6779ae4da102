package pdftext

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// tline is a visual line of a page while the layout is rebuilt.
type tline struct {
	y      float64 // baseline of the main glyphs
	size   float64 // main font size
	glyphs []glyph
	cells  []tcell
	cols   []float64  // x of the table's vertical rules crossing the line; nil outside tables
	band   [2]float64 // table row band: y of the rules above and below
}

// tcell is a run of words on a line, separated from its neighbours by a
// column rule or a wide gap.
type tcell struct {
	x0, x1 float64
	text   string
}

// groupLines clusters glyphs into visual lines by baseline. A glyph joins the
// current line when its baseline is within half a font size of the line's
// main baseline, which keeps raised footnote marks and superscripts with
// their line; the main baseline follows the largest glyph.
func groupLines(gs []glyph) []*tline {
	sort.SliceStable(gs, func(i, j int) bool {
		if gs[i].y != gs[j].y {
			return gs[i].y > gs[j].y
		}
		return gs[i].x < gs[j].x
	})
	// Lines are runs of the sorted glyphs: each line's glyphs are a subslice.
	var lines []*tline
	var cur *tline
	for i := range gs {
		g := &gs[i]
		if g.size <= 0 {
			g.size = 1
		}
		if cur != nil && math.Abs(g.y-cur.y) <= 0.45*math.Max(cur.size, g.size) {
			cur.glyphs = gs[i-len(cur.glyphs) : i+1]
			if g.size > cur.size*1.05 && !g.space && strings.TrimSpace(g.text) != "" {
				cur.y, cur.size = g.y, g.size
			}
			continue
		}
		cur = &tline{y: g.y, size: g.size, glyphs: gs[i : i+1 : i+1]}
		lines = append(lines, cur)
	}
	for _, l := range lines {
		sort.SliceStable(l.glyphs, func(i, j int) bool { return l.glyphs[i].x < l.glyphs[j].x })
		l.glyphs = dedupe(l.glyphs)
		l.size = mainSize(l.glyphs, l.size)
	}
	return lines
}

// dedupe drops glyphs drawn twice at (almost) the same place, as producers
// do for fake bold or shadows.
func dedupe(gs []glyph) []glyph {
	out := gs[:0]
	for _, g := range gs {
		if n := len(out); n > 0 {
			p := out[n-1]
			if p.text == g.text && math.Abs(p.x-g.x) < 0.3*math.Max(p.w, 0.5) && math.Abs(p.y-g.y) < 0.5 {
				continue
			}
		}
		out = append(out, g)
	}
	return out
}

// mainSize is the font size most characters of the line use.
func mainSize(gs []glyph, def float64) float64 {
	count := map[float64]int{}
	best, bestN := def, 0
	for _, g := range gs {
		if g.space {
			continue
		}
		s := math.Round(g.size*2) / 2
		count[s]++
		if count[s] > bestN || count[s] == bestN && s > best {
			best, bestN = s, count[s]
		}
	}
	return best
}

// raised reports whether g is a superscript on line l: smaller and above the
// line's baseline.
func raised(g glyph, l *tline) bool {
	return g.size < 0.9*l.size && g.y-l.y > 0.2*l.size
}

// isFootnoteMark reports whether g is a footnote call: a raised digit or
// asterisk, or a Unicode superscript digit.
func isFootnoteMark(g glyph, l *tline) bool {
	t := strings.TrimSpace(g.text)
	if t == "" {
		return false
	}
	if raised(g, l) {
		for _, r := range t {
			if !unicode.IsDigit(r) && r != '*' {
				return false
			}
		}
		return true
	}
	for _, r := range t {
		if !strings.ContainsRune("¹²³⁴⁵⁶⁷⁸⁹⁰", r) {
			return false
		}
	}
	return true
}
