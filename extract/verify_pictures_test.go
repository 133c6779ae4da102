package extract

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// Every value to verify that was found on the page comes with a picture of
// where it was read, cropped from the image recognised: a PDF page rendered
// and turned (the upside-down scan), and a frame of a TIFF file. Set
// HABILITATIONS_PICTURES to a folder to look at them.
func TestPicturesOfValuesToVerify(t *testing.T) {
	x := Extractor{OCR: mustOCR(t)}
	for _, name := range []string{
		"bulletin-2-1-service-social-general-2020.upside.pdf",
		"bulletin-2-1-service-social-general-2020.tif",
	} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "testdata", "scans", name))
			if err != nil {
				t.Fatal(err)
			}
			rec, err := x.Extract(context.Background(), name, data)
			if err != nil {
				t.Fatal(err)
			}
			boxed := 0
			for i, v := range rec.ToVerify {
				if v.Box == nil {
					if v.Picture != nil {
						t.Errorf("%s: a picture without a box", v.Field)
					}
					continue
				}
				boxed++
				img, err := png.Decode(bytes.NewReader(v.Picture))
				if err != nil {
					t.Fatalf("%s: picture: %v", v.Field, err)
				}
				b := img.Bounds()
				if b.Dx() < v.Box.Width/4 || b.Dx() > 900 || b.Dy() < 8 {
					t.Errorf("%s: picture %v for a box of %dx%d", v.Field, b, v.Box.Width, v.Box.Height)
				}
				if dir := os.Getenv("HABILITATIONS_PICTURES"); dir != "" {
					os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, i)), v.Picture, 0o600)
				}
			}
			if boxed == 0 {
				t.Fatalf("no value to verify with a box among %d: the test checks nothing", len(rec.ToVerify))
			}
		})
	}
}
