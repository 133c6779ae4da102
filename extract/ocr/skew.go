package ocr

import (
	"image"
	"math"
	"sort"
)

// Skew the text lines of a page may have before it is straightened: under
// minSkew the lines keep together; over maxSkew it is no scan's tilt.
const (
	minSkew = 0.25 * math.Pi / 180
	maxSkew = 5 * math.Pi / 180
)

// skewOf measures the tilt of a page's text lines (radians, positive when
// they go down to the right) from its recognised words: the median slope of
// the bottoms of the words of each line of three words or more. Tesseract
// reads a tilted page well, but places its words where they are, so a
// table's cells at the far right fall on another line of the text layer.
func skewOf(words []Word) float64 {
	byLine := map[int][]Word{}
	for _, w := range words {
		byLine[w.Line] = append(byLine[w.Line], w)
	}
	var slopes []float64
	for _, ws := range byLine {
		if len(ws) < 3 {
			continue
		}
		var sx, sy, sxx, sxy, n float64
		for _, w := range ws {
			x, y := float64(w.Left)+float64(w.Width)/2, float64(w.Top+w.Height)
			sx, sy, sxx, sxy, n = sx+x, sy+y, sxx+x*x, sxy+x*y, n+1
		}
		if d := n*sxx - sx*sx; d > 0 {
			slopes = append(slopes, (n*sxy-sx*sy)/d)
		}
	}
	if len(slopes) < 5 {
		return 0
	}
	sort.Float64s(slopes)
	return math.Atan(slopes[len(slopes)/2])
}

// bilinear samples in at (x, y) between its four nearest pixels (white
// outside): nearest-pixel sampling costs recognition confidence.
func bilinear(in *image.Gray, x, y float64) uint8 {
	w, h := in.Rect.Dx(), in.Rect.Dy()
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(px, py int) float64 {
		if px < 0 || px >= w || py < 0 || py >= h {
			return 255
		}
		return float64(in.Pix[py*in.Stride+px])
	}
	v := at(x0, y0)*(1-fx)*(1-fy) + at(x0+1, y0)*fx*(1-fy) + at(x0, y0+1)*(1-fx)*fy + at(x0+1, y0+1)*fx*fy
	return uint8(v + 0.5)
}

// straighten writes to dst the page image of src turned back by angle
// (radians, as skewOf measures it), white where the turn uncovers the page.
func straighten(src, dst string, angle float64) error {
	in, err := readGray(src)
	if err != nil {
		return err
	}
	return writeGray(dst, straightened(in, angle))
}

// straightened returns in turned back by angle about its centre, sampled
// bilinearly. The source point walks along each row by (cos, sin) in
// 16.16 fixed point; only pixels whose four neighbours are not all inside
// the image take the slow, bounds-checked way. An A4 page at 200 dpi takes
// about 25 ms, half the float per-pixel loop's time (BenchmarkStraightened);
// the PNG decoding, copying and encoding that surrounded that loop cost
// 0.2 s more at 300 dpi, and are gone with the PGM page images.
func straightened(in *image.Gray, angle float64) *image.Gray {
	w, h := in.Rect.Dx(), in.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	cos, sin := math.Cos(angle), math.Sin(angle)
	cx, cy := float64(w)/2, float64(h)/2
	const one = 1 << 16
	dx, dy := int64(math.Round(cos*one)), int64(math.Round(sin*one))
	for y := 0; y < h; y++ {
		qy := float64(y) - cy
		sx0, sy0 := cx-cos*cx-sin*qy, cy-sin*cx+cos*qy
		fx, fy := int64(math.Round(sx0*one)), int64(math.Round(sy0*one))
		row := out.Pix[y*out.Stride : y*out.Stride+w]
		for x := range row {
			x0, y0 := int(fx>>16), int(fy>>16)
			if x0 < 0 || y0 < 0 || x0+1 >= w || y0+1 >= h {
				row[x] = bilinear(in, float64(fx)/one, float64(fy)/one)
			} else {
				ax, ay := int32(fx&(one-1))>>8, int32(fy&(one-1))>>8
				i := y0*in.Stride + x0
				p00, p01 := int32(in.Pix[i]), int32(in.Pix[i+1])
				p10, p11 := int32(in.Pix[i+in.Stride]), int32(in.Pix[i+in.Stride+1])
				top := p00*(256-ax) + p01*ax
				bot := p10*(256-ax) + p11*ax
				row[x] = uint8((top*(256-ay) + bot*ay + 1<<15) >> 16)
			}
			fx, fy = fx+dx, fy+dy
		}
	}
	return out
}
