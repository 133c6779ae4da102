package ocr

import (
	"image"
	"image/draw"
	"image/png"
	"os"
)

// rotatePNG writes to dst the image of src turned deg degrees clockwise
// (90, 180 or 270), as orientation detection asks.
func rotatePNG(src, dst string, deg int) error {
	gray, err := readGray(src)
	if err != nil {
		return err
	}
	w, h := gray.Rect.Dx(), gray.Rect.Dy()
	var out *image.Gray
	if deg == 180 {
		out = image.NewGray(image.Rect(0, 0, w, h))
	} else {
		out = image.NewGray(image.Rect(0, 0, h, w))
	}
	for y := 0; y < h; y++ {
		row := gray.Pix[y*gray.Stride : y*gray.Stride+w]
		for x, v := range row {
			switch deg {
			case 90: // (x, y) → (h-1-y, x)
				out.Pix[x*out.Stride+h-1-y] = v
			case 180:
				out.Pix[(h-1-y)*out.Stride+w-1-x] = v
			case 270: // (x, y) → (y, w-1-x)
				out.Pix[(w-1-x)*out.Stride+y] = v
			}
		}
	}
	return writeGray(dst, out)
}

// readGray reads a PNG page image as grey levels.
func readGray(path string) (*image.Gray, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	gray := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(gray, gray.Rect, img, b.Min, draw.Src)
	return gray, nil
}

// writeGray writes a page image as PNG, fast rather than small: it lives
// only until Tesseract has read it.
func writeGray(path string, img *image.Gray) error {
	g, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(g, img); err != nil {
		g.Close()
		return err
	}
	return g.Close()
}
