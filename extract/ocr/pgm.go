package ocr

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"strconv"
)

// Page images go between pdftoppm, this package and Tesseract as binary
// PGM (P5), not PNG: compressing a 300 dpi page and decompressing it again
// cost pdftoppm about 0.4 s of CPU per page, a third of Tesseract's own
// time, for a file that lives only while its document is read.

// maxPGMSide bounds a page image's side (A4 at 400 dpi is 4 677 pixels):
// a header asking for more is not a page of ours.
const maxPGMSide = 20000

// readGray reads a page image (binary PGM, 8 bits) as grey levels.
func readGray(path string) (*image.Gray, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decodePGM(data)
}

// decodePGM decodes a binary PGM with 8-bit samples (what pdftoppm -gray
// writes); comments in the header are skipped.
func decodePGM(data []byte) (*image.Gray, error) {
	br := bytes.NewReader(data)
	r := bufio.NewReader(br)
	var hdr [4]int
	magic := make([]byte, 2)
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != "P5" {
		return nil, errors.New("pgm: not a binary grey map")
	}
	for i := 1; i < 4; i++ {
		v, err := pgmNumber(r)
		if err != nil {
			return nil, err
		}
		hdr[i] = v
	}
	w, h, maxval := hdr[1], hdr[2], hdr[3]
	if w <= 0 || h <= 0 || w > maxPGMSide || h > maxPGMSide || maxval != 255 {
		return nil, fmt.Errorf("pgm: unsupported %dx%d, maxval %d", w, h, maxval)
	}
	if br.Len()+r.Buffered() < w*h {
		return nil, errors.New("pgm: short pixel data")
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	if _, err := io.ReadFull(r, img.Pix); err != nil {
		return nil, fmt.Errorf("pgm: short pixel data: %w", err)
	}
	return img, nil
}

// pgmNumber reads one decimal header field and the one whitespace after it.
func pgmNumber(r *bufio.Reader) (int, error) {
	var digits []byte
	for {
		c, err := r.ReadByte()
		if err != nil {
			return 0, errors.New("pgm: short header")
		}
		switch {
		case c == '#' && len(digits) == 0:
			if _, err := r.ReadBytes('\n'); err != nil {
				return 0, errors.New("pgm: short header")
			}
		case c >= '0' && c <= '9' && len(digits) < 9:
			digits = append(digits, c)
		case (c == ' ' || c == '\t' || c == '\n' || c == '\r') && len(digits) == 0:
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			return strconv.Atoi(string(digits))
		default:
			return 0, errors.New("pgm: bad header")
		}
	}
}

// writeGray writes a page image as binary PGM.
func writeGray(path string, img *image.Gray) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	w, h := img.Rect.Dx(), img.Rect.Dy()
	bw := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintf(bw, "P5\n%d %d\n255\n", w, h)
	for y := 0; y < h; y++ {
		bw.Write(img.Pix[y*img.Stride : y*img.Stride+w])
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
