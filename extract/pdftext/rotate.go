package pdftext

import "math"

// quarter returns how many quarter turns (counter-clockwise) the text space
// of trm is rotated from upright, or -1 when it is skewed or mirrored: text
// printed sideways (a landscape table on a portrait page) is read in its own
// direction; other text is left out.
func quarter(trm matrix) int {
	a, b, c, d := trm[0], trm[1], trm[2], trm[3]
	const skew = 0.2
	switch {
	case a > 0 && math.Abs(b) < skew*a && d > 0:
		return 0
	case b > 0 && math.Abs(a) < skew*b && c < 0:
		return 1
	case a < 0 && math.Abs(b) < skew*-a && d < 0:
		return 2
	case b < 0 && math.Abs(a) < skew*-b && c > 0:
		return 3
	}
	return -1
}

// upright keeps the glyphs of the page's main direction and turns them, and
// the rules, into a frame where that text reads left to right; w and h are
// the page size, and the height of the turned page is returned.
func upright(pc *pageContent, w, h float64) float64 {
	const margin = 36 // points of tolerance around the media box
	var count [4]int
	for _, g := range pc.glyphs {
		if !g.space {
			count[g.rot]++
		}
	}
	rot := 0
	for r := 1; r < 4; r++ {
		if count[r] > count[rot] {
			rot = r
		}
	}
	turn := func(x, y float64) (float64, float64) {
		switch rot {
		case 1:
			return y, w - x
		case 2:
			return w - x, h - y
		case 3:
			return h - y, x
		}
		return x, y
	}
	out := pc.glyphs[:0]
	for _, g := range pc.glyphs {
		// Text of another direction, or drawn off the page (clipped away
		// by every viewer), is not part of what a reader sees.
		if int(g.rot) != rot || g.x < -margin || g.y < -margin || g.x > w+margin || g.y > h+margin {
			continue
		}
		g.x, g.y = turn(g.x, g.y)
		out = append(out, g)
	}
	pc.glyphs = out
	if rot == 0 {
		return h
	}
	for i, r := range pc.rules {
		x0, y0 := turn(r.x0, r.y0)
		x1, y1 := turn(r.x1, r.y1)
		pc.rules[i] = rule{math.Min(x0, x1), math.Min(y0, y1), math.Max(x0, x1), math.Max(y0, y1), r.fillEdge}
	}
	if rot == 2 {
		return h
	}
	return w
}
