package ocr

import (
	"image"
	"image/draw"
	"math"
)

// A ruled table is found from its lines: a row of pixels inked across a
// good part of the page is a horizontal rule, a column inked down most of
// the table's height a vertical one; text never makes such runs (its words
// have spaces between them). The page's tilt, measured from its words, is
// followed: on a page left a little tilted, a rule still runs along it.
const (
	darkLevel   = 160  // a grey level under which a pixel is ink (a blurred rule is grey)
	minRuleFrac = 0.30 // a horizontal rule spans at least this share of the page's width
	minColFrac  = 0.80 // a vertical rule covers at least this share of the table's height
	ruleSlack   = 2    // rows (columns) either side that count as the rule's own
)

// Grid is a ruled table found in a page image: the y of its horizontal
// rules where they cross the image's middle column, the x of its vertical
// ones where they cross the table's middle row, and the page's slope.
type Grid struct {
	Rows  []int
	Cols  []int
	Slope float64 // dy/dx of the page's lines
	midX  int
	midY  int
}

// Cell returns the inside of the cell of band r (between Rows[r] and
// Rows[r+1]) and column c, its rules left out.
func (g Grid) Cell(r, c int) image.Rectangle {
	box := g.Span(r, c, c+1)
	pad := max(4, box.Dy()/8)
	return box.Inset(pad)
}

// Span returns the rectangle of band r from column c0 to column c1 (whole
// rows: 0 to len(Cols)-1), placed where the band crosses its middle.
func (g Grid) Span(r, c0, c1 int) image.Rectangle {
	cx := (g.Cols[c0] + g.Cols[c1]) / 2
	dy := int(math.Round(float64(cx-g.midX) * g.Slope))
	cy := (g.Rows[r] + g.Rows[r+1]) / 2
	dx := -int(math.Round(float64(cy-g.midY) * g.Slope))
	return image.Rect(g.Cols[c0]+dx, g.Rows[r]+dy, g.Cols[c1]+dx, g.Rows[r+1]+dy)
}

// FindGrid looks for the ruled table whose first band holds the point at
// (x, y), on a page whose lines have the given slope: it returns the rule
// just above y and the next ones, maxBands bands at most, and the vertical
// rules that run the height of those bands. ok is false when no table is
// ruled there.
func FindGrid(img *image.Gray, x, y, maxBands int, slope float64) (g Grid, ok bool) {
	b := img.Bounds()
	g.Slope, g.midX = slope, (b.Min.X+b.Max.X)/2
	// y where the rule above the point crosses the middle column.
	y -= int(math.Round(float64(x-g.midX) * slope))
	minRun := int(float64(b.Dx()) * minRuleFrac)
	var rules []int
	start := -1
	for yy := max(b.Min.Y, y-b.Dy()/20); yy < b.Max.Y && len(rules) <= maxBands+1; yy++ {
		rule := longestRun(img, yy, g.midX, slope) >= minRun
		switch {
		case rule && start < 0:
			start = yy
		case !rule && start >= 0:
			rules, start = append(rules, (start+yy-1)/2), -1
		}
	}
	first := -1
	for i, r := range rules {
		if r <= y {
			first = i
		}
	}
	if first < 0 || len(rules)-first < 3 {
		return g, false
	}
	g.Rows = rules[first:min(len(rules), first+maxBands+1)]
	g.midY = (g.Rows[0] + g.Rows[len(g.Rows)-1]) / 2
	g.Cols = verticalRules(img, g.Rows[0], g.Rows[len(g.Rows)-1], g.midY, slope)
	if len(g.Cols) < 2 || x < g.Cols[0] || x > g.Cols[len(g.Cols)-1] {
		return g, false
	}
	return g, true
}

// ink reports whether the pixel at (x, y) is ink (white outside the image).
func ink(img *image.Gray, x, y int) bool {
	if !(image.Point{x, y}).In(img.Rect) {
		return false
	}
	return img.Pix[(y-img.Rect.Min.Y)*img.Stride+x-img.Rect.Min.X] < darkLevel
}

// longestRun is the longest run of columns inked along the line of the
// page's slope that crosses column midX at row y, within ruleSlack rows.
func longestRun(img *image.Gray, y, midX int, slope float64) int {
	best, run := 0, 0
	for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
		yl := y + int(math.Round(float64(x-midX)*slope))
		hit := false
		for d := -ruleSlack; d <= ruleSlack && !hit; d++ {
			hit = ink(img, x, yl+d)
		}
		if hit {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// verticalRules returns the x, at row midY, of the columns inked over most
// of the height between top and bottom, the page's slope followed.
func verticalRules(img *image.Gray, top, bottom, midY int, slope float64) []int {
	h := bottom - top
	if h <= 0 {
		return nil
	}
	var cols []int
	start := -1
	for x := img.Rect.Min.X; x <= img.Rect.Max.X; x++ {
		inked := false
		if x < img.Rect.Max.X {
			n := 0
			for y := top; y < bottom; y++ {
				xl := x - int(math.Round(float64(y-midY)*slope))
				hit := false
				for d := -ruleSlack; d <= ruleSlack && !hit; d++ {
					hit = ink(img, xl+d, y)
				}
				if hit {
					n++
				}
			}
			inked = float64(n) >= minColFrac*float64(h)
		}
		switch {
		case inked && start < 0:
			start = x
		case !inked && start >= 0:
			cols, start = append(cols, (start+x-1)/2), -1
		}
	}
	return cols
}

// Slope is the slope (dy/dx) of a page's text lines, measured from its
// words: a grid is looked for along it.
func Slope(words []Word) float64 { return math.Tan(skewOf(words)) }

// grey converts any image to grey levels (a TIFF frame may be bilevel or
// paletted).
func grey(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(b)
	draw.Draw(g, b, img, b.Min, draw.Src)
	return g
}
