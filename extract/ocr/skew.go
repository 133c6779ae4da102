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
	w, h := in.Rect.Dx(), in.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	cos, sin := math.Cos(angle), math.Sin(angle)
	cx, cy := float64(w)/2, float64(h)/2
	for y := 0; y < h; y++ {
		qy := float64(y) - cy
		for x := 0; x < w; x++ {
			qx := float64(x) - cx
			out.Pix[y*out.Stride+x] = bilinear(in, cx+cos*qx-sin*qy, cy+sin*qx+cos*qy)
		}
	}
	return writeGray(dst, out)
}
