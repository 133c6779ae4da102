package ocr

import (
	"image"
	"math"
	"math/rand"
	"testing"
)

// textPage draws a page of text-like lines: runs of dark "words" along
// rows, with a table rule now and then.
func textPage(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	rnd := rand.New(rand.NewSource(1))
	for y := h / 10; y < h*9/10; y += h / 60 {
		for x := w / 10; x < w*9/10; {
			n := 20 + rnd.Intn(80)
			for yy := y; yy < y+h/200; yy++ {
				for xx := x; xx < min(x+n, w*9/10); xx++ {
					img.Pix[yy*img.Stride+xx] = 0
				}
			}
			x += n + 15
		}
	}
	return img
}

// TestImageSkew: the tilt given to a page is measured back from its
// pixels, within the straightening's tolerance; a straight or blank page
// measures 0.
func TestImageSkew(t *testing.T) {
	page := textPage(1654, 2339)
	blank := image.NewGray(image.Rect(0, 0, 1654, 2339))
	for i := range blank.Pix {
		blank.Pix[i] = 0xFF
	}
	for _, c := range []struct {
		name string
		img  *image.Gray
		want float64 // degrees
	}{
		{"straight", page, 0},
		{"0.8° down", straightened(page, -0.8*math.Pi/180), 0.8},
		{"0.4° up", straightened(page, 0.4*math.Pi/180), -0.4},
		{"3° down", straightened(page, -3*math.Pi/180), 3},
		{"blank", blank, 0},
	} {
		got := imageSkew(c.img) * 180 / math.Pi
		if math.Abs(got-c.want) > 0.05 {
			t.Errorf("%s: %.3f°, want %.2f°", c.name, got, c.want)
		}
	}
}

// TestStraightened: turning by 0 keeps the page; turning by an angle and
// back gives it again, but for the resampling's blur.
func TestStraightened(t *testing.T) {
	page := textPage(400, 560)
	same := straightened(page, 0)
	for i := range page.Pix {
		if same.Pix[i] != page.Pix[i] {
			t.Fatalf("pixel %d: %d, want %d", i, same.Pix[i], page.Pix[i])
		}
	}
	back := straightened(straightened(page, 0.02), -0.02)
	var diff int
	for y := 60; y < 500; y++ {
		for x := 60; x < 340; x++ {
			d := int(back.Pix[y*back.Stride+x]) - int(page.Pix[y*page.Stride+x])
			diff += max(d, -d)
		}
	}
	if mean := float64(diff) / (440 * 280); mean > 20 {
		t.Errorf("mean difference %.1f levels after a turn and back", mean)
	}
}

// The Go steps a scanned page goes through before Tesseract, on an A4
// page at 200 dpi: measuring its tilt and straightening it (both against
// about a second of recognition).
func BenchmarkImageSkew(b *testing.B) {
	page := straightened(textPage(1654, 2339), -0.8*math.Pi/180)
	for b.Loop() {
		imageSkew(page)
	}
}

func BenchmarkStraightened(b *testing.B) {
	page := textPage(1654, 2339)
	for b.Loop() {
		straightened(page, 0.8*math.Pi/180)
	}
}
