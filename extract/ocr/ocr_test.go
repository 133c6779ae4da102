package ocr

import (
	"image"
	"testing"
)

func TestParseTSV(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t\n" +
		"4\t1\t1\t1\t1\t0\t175\t164\t605\t30\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t175\t164\t97\t23\t95.968674\tArticle\n" +
		"5\t1\t1\t1\t1\t2\t283\t165\t41\t22\t-1\t \n" +
		"5\t2\t1\t1\t1\t1\t10\t20\t30\t40\t42.5\tT13\n" +
		"garbage line\n5\tx\n"
	words, sizes := ParseTSV(tsv)
	if len(words) != 2 || words[0].Text != "Article" || words[0].Conf < 0.95 || words[0].Left != 175 ||
		words[1].Page != 2 || words[1].Conf != 0.425 {
		t.Errorf("words %+v", words)
	}
	if sizes[1] != [2]int{1654, 2339} {
		t.Errorf("sizes %v", sizes)
	}
}

func TestImageDPI(t *testing.T) {
	list := `page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
--------------------------------------------------------------------------------------------
   1     0 image     827  1170  gray    1   8  jpeg   no        64  0   100   100  105K  11%
   2     1 image    1654  2339  gray    1   8  jpeg   no         2  0   200   200 94.4K  10%
   2     2 image     120    80  rgb     3   8  jpeg   no         3  0   300   300  4K  10%
   3     3 smask    2480  3508  gray    1   8  image  no         5  0   300   300  1K  1%
`
	got := imageDPI(list)
	if got[1] != 100 || got[2] != 200 || len(got) != 2 {
		t.Errorf("dpi %v (a logo and a soft mask do not count)", got)
	}
}

func TestSniffImage(t *testing.T) {
	for _, c := range []struct {
		data []byte
		want ImageKind
	}{
		{[]byte{0xFF, 0xD8, 0xFF, 0xE0}, ImageJPEG},
		{[]byte("\x89PNG\r\n\x1a\nrest"), ImagePNG},
		{[]byte("II*\x00...."), ImageTIFF},
		{[]byte("MM\x00*...."), ImageTIFF},
		{[]byte("%PDF-1.7"), ""},
		{nil, ""},
	} {
		if got := SniffImage(c.data); got != c.want {
			t.Errorf("SniffImage(%q) = %q, want %q", c.data, got, c.want)
		}
	}
}

// TestRotated: a page turned 90, 180 or 270 degrees clockwise puts its
// top-left pixel where it should be.
func TestRotated(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 3, 2))
	img.Pix[0] = 1 // (0, 0)
	for _, c := range []struct {
		deg          int
		w, h, px, py int
	}{{90, 2, 3, 1, 0}, {180, 3, 2, 2, 1}, {270, 2, 3, 0, 2}} {
		g := rotated(img, c.deg)
		if b := g.Bounds(); b.Dx() != c.w || b.Dy() != c.h || g.GrayAt(c.px, c.py).Y != 1 {
			t.Errorf("%d°: %dx%d, pixel at (%d,%d) = %d", c.deg, b.Dx(), b.Dy(), c.px, c.py, g.GrayAt(c.px, c.py).Y)
		}
	}
}

// FuzzParseTSV: the TSV reader never panics.
func FuzzParseTSV(f *testing.F) {
	f.Add("level\tpage_num\n5\t1\t1\t1\t1\t1\t1\t1\t1\t1\t90\tx\n")
	f.Fuzz(func(t *testing.T, s string) { ParseTSV(s) })
}
