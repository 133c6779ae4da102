package pdftext

import (
	"math"
	"sort"
	"strings"
)

// Gaps, in units of the line's font size. A word space in the fonts seen is
// 0.22–0.28 em; producers that position words instead of writing spaces
// leave about the same gap. A cell gap is far wider than any stretched
// justified space.
const (
	wordGap = 0.15
	cellGap = 2.5
)

// tableCols returns the x of the vertical rules that cross line l (a table
// row), or nil when fewer than two do.
func tableCols(l *tline, vrules []rule) []float64 {
	top, bottom := l.y+0.6*l.size, l.y
	var xs []float64
	for _, r := range vrules {
		if r.y0 <= bottom+0.5 && r.y1 >= top-0.5 {
			xs = append(xs, r.x0)
		}
	}
	if len(xs) < 2 {
		return nil
	}
	sort.Float64s(xs)
	out := xs[:1]
	for _, x := range xs[1:] {
		if x-out[len(out)-1] > 2 {
			out = append(out, x)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// buildCells splits the glyphs of l into words and cells. In a table row the
// cells are the column intervals between rules (an empty column gives an
// empty cell); elsewhere a wide gap starts a new cell.
func buildCells(l *tline) {
	// Letter-spaced text (Tc) has a gap after every glyph: word and cell gaps
	// are measured above the line's usual gap between letters.
	base := letterGap(l)
	var cells []tcell
	var b strings.Builder
	cur := tcell{x0: math.NaN()}
	prevEnd := math.NaN()
	col := -1
	dropped := false // a footnote mark was just dropped: no space before the punctuation after it
	flush := func() {
		if !math.IsNaN(cur.x0) {
			cur.text = strings.TrimSpace(b.String())
			cells = append(cells, cur)
		}
		b.Reset()
		cur = tcell{x0: math.NaN()}
	}
	for _, g := range l.glyphs {
		if isFootnoteMark(g, l) {
			dropped = true
			continue
		}
		if g.space || strings.TrimSpace(g.text) == "" {
			if !math.IsNaN(prevEnd) {
				prevEnd = math.Max(prevEnd, g.x+g.w)
				b.WriteByte(' ')
			}
			continue
		}
		size := math.Min(g.size, l.size)
		gap := g.x - prevEnd
		newCell := math.IsNaN(cur.x0)
		if l.cols != nil {
			if c := colIndex(l.cols, g.x+g.w/2); c != col {
				newCell, col = true, c
			}
		} else if gap > (base+cellGap)*size {
			newCell = true
		}
		if newCell {
			flush()
			cur.x0 = g.x
		} else if gap > (base+wordGap)*size && !raised(g, l) {
			b.WriteByte(' ')
		}
		if dropped && strings.ContainsAny(g.text, ".,;:)") && strings.HasSuffix(b.String(), " ") {
			s := strings.TrimRight(b.String(), " ")
			b.Reset()
			b.WriteString(s)
		}
		dropped = false
		b.WriteString(g.text)
		cur.x1 = g.x + g.w
		prevEnd = g.x + g.w
	}
	flush()
	for i := range cells {
		cells[i].text = strings.Join(strings.Fields(cells[i].text), " ")
	}
	if l.cols != nil {
		cells = alignToCols(cells, l.cols)
	}
	l.cells = cells
}

// colIndex is the column interval of x: 0 left of the first rule, i between
// rule i-1 and rule i.
func colIndex(cols []float64, x float64) int {
	return sort.SearchFloat64s(cols, x)
}

// alignToCols gives a table row one cell per column between its outer rules,
// empty where the column is blank; text outside the rules keeps its own cell.
func alignToCols(cells []tcell, cols []float64) []tcell {
	n := len(cols) + 1
	slots := make([]tcell, n)
	used := make([]bool, n)
	for i := 1; i < len(cols); i++ {
		slots[i] = tcell{x0: cols[i-1], x1: cols[i]}
	}
	for _, c := range cells {
		i := colIndex(cols, (c.x0+c.x1)/2)
		if used[i] {
			slots[i].text += " " + c.text
		} else {
			slots[i].text = c.text
			slots[i].x0, slots[i].x1 = math.Min(slots[i].x0, c.x0), math.Max(slots[i].x1, c.x1)
			if i == 0 || i == n-1 {
				slots[i].x0, slots[i].x1 = c.x0, c.x1
			}
		}
		used[i] = true
	}
	var out []tcell
	for i := range slots {
		if i == 0 || i == n-1 {
			if used[i] {
				out = append(out, slots[i])
			}
			continue
		}
		out = append(out, slots[i])
	}
	return out
}

// letterGap is the median gap between consecutive glyphs of a line, in ems,
// when the line is letter-spaced (0 otherwise): most gaps of a line are
// within words.
func letterGap(l *tline) float64 {
	var buf [128]float64
	gaps := buf[:0]
	for i := 1; i < len(l.glyphs); i++ {
		p, g := l.glyphs[i-1], l.glyphs[i]
		if p.space || g.space || g.size <= 0 {
			continue
		}
		gaps = append(gaps, (g.x-(p.x+p.w))/g.size)
	}
	if len(gaps) < 4 {
		return 0
	}
	sort.Float64s(gaps)
	if m := gaps[len(gaps)/2]; m > 0.05 {
		return m
	}
	return 0
}
