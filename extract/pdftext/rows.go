package pdftext

import (
	"math"
	"strings"
)

// rowBand finds the horizontal rules just above and below table line l,
// among those that run under a good part of the table's width.
func rowBand(l *tline, hrules []rule) [2]float64 {
	left, right := l.cols[0], l.cols[len(l.cols)-1]
	span := right - left
	above, below := math.Inf(1), math.Inf(-1)
	mid := l.y + 0.3*l.size
	for _, r := range hrules {
		ov := math.Min(r.x1, right) - math.Max(r.x0, left)
		if ov < 0.3*span {
			continue
		}
		if r.y0 > mid {
			above = math.Min(above, r.y0)
		} else {
			below = math.Max(below, r.y0)
		}
	}
	return [2]float64{above, below}
}

func sameCols(a, b []float64) bool {
	if len(a) != len(b) || a == nil {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 2 {
			return false
		}
	}
	return true
}

func sameBand(a, b [2]float64) bool {
	for i := range a {
		if math.IsInf(a[i], 0) || math.IsInf(b[i], 0) || math.Abs(a[i]-b[i]) > 1 {
			return false
		}
	}
	return true
}

// mergeRows joins the visual lines of one table row (a cell that wraps onto
// two or more lines) into a single line, cell by cell, when the row is
// bounded by ruling lines.
func mergeRows(lines []*tline) []*tline {
	out := lines[:0]
	for _, l := range lines {
		if n := len(out); n > 0 {
			p := out[n-1]
			if sameCols(p.cols, l.cols) && sameBand(p.band, l.band) && len(p.cells) == len(l.cells) {
				for i := range p.cells {
					p.cells[i].text = joinWrapped(p.cells[i].text, l.cells[i].text)
				}
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// joinWrapped joins the two parts of a wrapped cell: with a space, or with
// nothing where the break cut a word or an address: after a hyphen at the
// end of the first part (« Jean-» « Pierre », « sous-» « traitants »), and
// inside an e-mail address (« accueil.caf38@caf.cnafmail. » « fr »).
func joinWrapped(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case strings.HasSuffix(a, "-") && !strings.HasSuffix(a, " -"), inAddress(a, b):
		return a + b
	}
	return a + " " + b
}

// inAddress reports whether a line break between a and b falls inside an
// e-mail address: the address is cut after one of its separators, or the
// next part starts with one.
func inAddress(a, b string) bool {
	last := a[strings.LastIndexByte(a, ' ')+1:]
	first := b
	if i := strings.IndexByte(b, ' '); i >= 0 {
		first = b[:i]
	}
	if !strings.Contains(last, "@") && !strings.Contains(first, "@") {
		return false
	}
	cut := func(c byte) bool { return c == '.' || c == '@' || c == '_' || c == '-' }
	return cut(last[len(last)-1]) || cut(first[0])
}
