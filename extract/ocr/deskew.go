package ocr

import (
	"image"
	"math"
)

// imageSkew measures the tilt of a page's text lines from its pixels
// (radians, positive when they go down to the right, as skewOf), before
// any recognition: the angle whose projection of the dark pixels onto the
// page's height gives the sharpest profile (lines of text and table rules
// fall into few rows). It returns 0 when no angle within maxSkew sharpens
// the profile by minSkewGain over the page as it is (a blank or sideways
// page): the page is then recognised as scanned, and the words' own slope
// has the last word (recognise). The page is measured at about 100 dpi,
// which resolves a hundredth of a degree over an A4 width; measuring costs
// some tens of milliseconds, against a second for a recognition.
func imageSkew(img *image.Gray) float64 {
	xs, ys, cols, rows := darkBlocks(img)
	if len(xs) < 500 {
		return 0
	}
	score := func(a float64) int64 { return profileScore(xs, ys, cols, rows, math.Tan(a)) }
	flat := score(0)
	best, bestScore := 0.0, flat
	const coarse = 0.1 * math.Pi / 180
	for a := -maxSkew; a <= maxSkew+1e-9; a += coarse {
		if s := score(a); s > bestScore {
			best, bestScore = a, s
		}
	}
	const fine = 0.02 * math.Pi / 180
	for a := best - coarse; a <= best+coarse+1e-9; a += fine {
		if s := score(a); s > bestScore {
			best, bestScore = a, s
		}
	}
	if float64(bestScore) < float64(flat)*(1+minSkewGain) {
		return 0
	}
	return best
}

// minSkewGain is how much sharper the best angle's profile must be than
// the page's as scanned for the page to be straightened before recognition.
const minSkewGain = 0.03

// darkBlocks reduces the page to blocks of about 1/100 inch (an A4 page
// to some 850 across) and returns the centres of the dark ones, in blocks,
// and the number of block columns and rows.
func darkBlocks(img *image.Gray) (xs, ys []int32, cols, rows int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	s := max(1, (min(w, h)+425)/850)
	bw, bh := w/s, h/s
	sums := make([]int32, bw)
	thr := int32(s * s * 128)
	for by := 0; by < bh; by++ {
		clear(sums)
		for y := by * s; y < by*s+s; y++ {
			row := img.Pix[y*img.Stride : y*img.Stride+bw*s]
			for x, v := range row {
				sums[x/s] += int32(v)
			}
		}
		for bx, sum := range sums {
			if sum < thr {
				xs, ys = append(xs, int32(bx)), append(ys, int32(by))
			}
		}
	}
	return xs, ys, bw, bh
}

// profileScore projects the dark blocks along lines of slope t and returns
// the sum of the squares of the rows' counts: sharper when the lines of
// text lie along the slope.
func profileScore(xs, ys []int32, cols, rows int, t float64) int64 {
	margin := int(math.Ceil(math.Abs(t)*float64(cols))) + 2
	bins := make([]int32, rows+2*margin)
	ft := int64(math.Round(t * (1 << 16)))
	for i, x := range xs {
		r := int(ys[i]) + margin - int((int64(x)*ft+1<<15)>>16)
		if r >= 0 && r < len(bins) {
			bins[r]++
		}
	}
	var s int64
	for _, c := range bins {
		s += int64(c) * int64(c)
	}
	return s
}
