package ocr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
	"golang.org/x/image/tiff"
)

// Crop margins: a value is shown with a little of what surrounds it (the
// label before it, the line above and below), so that a person sees where
// it was read; in multiples of the box's height.
const (
	cropMarginX = 6
	cropMarginY = 1.2
	// cropMaxWidth bounds a picture's width in pixels: wide enough to read
	// a line of text at about 150 dpi, small enough for a workbook.
	cropMaxWidth = 900
	cropDPI      = 150
)

// Crops cuts out of the page image the regions r (pixels of that image),
// each widened by a margin and scaled down to about 150 dpi, as grey PNGs.
// A region outside the image gives nil; one as wide as the image (a table's
// row) keeps that width. It decodes the image once.
func (p Page) Crops(rs []image.Rectangle) ([][]byte, error) {
	if p.Image == "" {
		return nil, errors.New("page image not kept")
	}
	img, err := decodeFrame(p.Image, p.Frame)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.Number, err)
	}
	dpi := p.DPI
	if dpi == 0 { // an image file: taken for an A4 page across its width
		dpi = int(float64(min(img.Bounds().Dx(), img.Bounds().Dy())) / 8.27)
	}
	out := make([][]byte, len(rs))
	for i, r := range rs {
		out[i], err = cropPNG(img, r, dpi)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", p.Number, err)
		}
	}
	return out, nil
}

// cropPNG encodes the region r of img, with its margins, as a grey PNG.
func cropPNG(img image.Image, r image.Rectangle, dpi int) ([]byte, error) {
	// The margins follow a line's height: a box two lines tall (a value
	// split across a cell's lines) does not need twice the context.
	h := min(r.Dy(), max(dpi/5, 1))
	mx, my := cropMarginX*h, int(cropMarginY*float64(h))
	r = image.Rect(r.Min.X-mx, r.Min.Y-my, r.Max.X+mx, r.Max.Y+my).Intersect(img.Bounds())
	if r.Empty() {
		return nil, nil
	}
	scale := 1.0
	if dpi > cropDPI {
		scale = float64(cropDPI) / float64(dpi)
	}
	if w := float64(r.Dx()) * scale; w > cropMaxWidth {
		scale *= cropMaxWidth / w
	}
	dst := image.NewGray(image.Rect(0, 0, max(1, int(float64(r.Dx())*scale)), max(1, int(float64(r.Dy())*scale))))
	draw.CatmullRom.Scale(dst, dst.Rect, img, r, draw.Src, nil)
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, dst); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// decodeFrame decodes an image file: PGM (a rendered page), PNG, JPEG, or one
// frame of a TIFF (a copier's multi-page file, CCITT G4 included).
func decodeFrame(path string, frame int) (image.Image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	switch filepath.Ext(path) {
	case ".jpg":
		return jpeg.Decode(bytes.NewReader(data))
	case pageExt:
		return decodePGM(data)
	case ".tif":
		if data, err = tiffFrame(data, frame); err != nil {
			return nil, err
		}
		return tiff.Decode(bytes.NewReader(data))
	default:
		return png.Decode(bytes.NewReader(data))
	}
}

// tiffFrame returns a copy of a TIFF file whose header points at its
// frame-th image directory, the one Go's decoder then reads (it reads the
// first only). The chain of directories is walked with its bounds checked.
func tiffFrame(data []byte, frame int) ([]byte, error) {
	if frame == 0 {
		return data, nil
	}
	if len(data) < 8 {
		return nil, errors.New("tiff: short header")
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		bo = binary.BigEndian
	}
	off := int64(bo.Uint32(data[4:8]))
	for i := 0; i < frame; i++ {
		if off < 8 || off+2 > int64(len(data)) {
			return nil, fmt.Errorf("tiff: frame %d missing", frame)
		}
		n := int64(bo.Uint16(data[off:]))
		next := off + 2 + 12*n
		if next+4 > int64(len(data)) {
			return nil, fmt.Errorf("tiff: frame %d missing", frame)
		}
		off = int64(bo.Uint32(data[next:]))
	}
	if off < 8 || off >= int64(len(data)) {
		return nil, fmt.Errorf("tiff: frame %d missing", frame)
	}
	out := bytes.Clone(data)
	bo.PutUint32(out[4:8], uint32(off))
	return out, nil
}
