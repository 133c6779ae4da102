package ocr

import (
	"image"
	"path/filepath"
	"testing"
)

// TestPGM: a page image written is read back as it was; headers that are
// not an 8-bit binary grey map, or promise more pixels than they hold, are
// refused.
func TestPGM(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 5, 3))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 17)
	}
	path := filepath.Join(t.TempDir(), "p.pgm")
	if err := writeGray(path, img); err != nil {
		t.Fatal(err)
	}
	back, err := readGray(path)
	if err != nil || back.Rect != img.Rect || string(back.Pix) != string(img.Pix) {
		t.Fatalf("read back %v %v, err %v", back.Rect, back.Pix, err)
	}
	if g, err := decodePGM([]byte("P5\n# pdftoppm\n2 1\n255\n\x00\xff")); err != nil || g.Pix[1] != 0xFF {
		t.Errorf("comment in header: %v", err)
	}
	for _, bad := range []string{"", "P6\n2 1\n255\n\x00\x00\x00\x00\x00\x00", "P5\n2 1\n65535\n\x00\x00\x00\x00",
		"P5\n2 2\n255\n\x00", "P5\n99999 99999\n255\n", "P5\n-2 1\n255\n\x00\x00", "P5\n2"} {
		if _, err := decodePGM([]byte(bad)); err == nil {
			t.Errorf("%q read", bad)
		}
	}
}

// FuzzDecodePGM: the page image reader never panics.
func FuzzDecodePGM(f *testing.F) {
	f.Add([]byte("P5\n2 1\n255\n\x00\xff"))
	f.Fuzz(func(t *testing.T, b []byte) { decodePGM(b) })
}
