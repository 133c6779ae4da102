package ocr

import (
	"context"
	"fmt"
	"image"
	"image/draw"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// CellReading is what recognition read in one table cell: its digits (""
// for a blank cell) and the least confidence of its words (1 when blank).
type CellReading struct {
	Text string
	Conf float64
}

// Digits recognises the cells of a page image as numbers, in one
// Tesseract run: the cells are cut out (their rules left out), stacked on
// a white page with blank space between them, and read with digits alone
// allowed, so that a « 1 » is not an « l » and a blank cell stays blank.
// dpi is the image's resolution. Cells come back in the order given.
func (e *Engine) Digits(ctx context.Context, img *image.Gray, cells []image.Rectangle, dpi int) ([]CellReading, error) {
	out := make([]CellReading, len(cells))
	if len(cells) == 0 {
		return out, nil
	}
	sheet, tops := stack(img, cells)
	if err := e.acquire(ctx); err != nil {
		return nil, err
	}
	defer e.release()
	dir, err := os.MkdirTemp("", "habilitations-cells-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "cells"+pageExt) // writeGray writes PGM
	if err := writeGray(src, sheet); err != nil {
		return nil, err
	}
	args := []string{src, filepath.Join(dir, "cells"), "-l", e.Lang, "--psm", "6", "-c", "tessedit_char_whitelist=0123456789"}
	if dpi > 0 {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	if _, err := e.run(ctx, dir, e.Tesseract, append(args, "tsv")...); err != nil {
		return nil, fmt.Errorf("recognise cells: %w", err)
	}
	tsv, err := os.ReadFile(filepath.Join(dir, "cells.tsv"))
	if err != nil {
		return nil, fmt.Errorf("recognise cells: %w", err)
	}
	words, _ := ParseTSV(string(tsv))
	for i := range out {
		out[i].Conf = 1
	}
	for _, w := range words {
		i := cellAt(tops, w.Top+w.Height/2)
		if i < 0 {
			continue
		}
		out[i].Text += strings.TrimSpace(w.Text)
		out[i].Conf = min(out[i].Conf, w.Conf)
	}
	return out, nil
}

// stack cuts the cells out of img and puts them one under the other on a
// white sheet, a cell's height of blank between two; tops are where each
// starts (and, last, where the sheet ends).
func stack(img *image.Gray, cells []image.Rectangle) (*image.Gray, []int) {
	w, h := 0, 0
	for _, c := range cells {
		c = c.Intersect(img.Rect)
		w = max(w, c.Dx())
		h += 2*c.Dy() + 1
	}
	margin := 20
	sheet := image.NewGray(image.Rect(0, 0, w+2*margin, h+2*margin))
	draw.Draw(sheet, sheet.Rect, image.White, image.Point{}, draw.Src)
	tops := make([]int, 0, len(cells)+1)
	y := margin
	for _, c := range cells {
		c = c.Intersect(img.Rect)
		tops = append(tops, y)
		draw.Draw(sheet, image.Rect(margin, y, margin+c.Dx(), y+c.Dy()), img, c.Min, draw.Src)
		y += 2*c.Dy() + 1
	}
	return sheet, append(tops, y)
}

// cellAt returns the cell whose band (its own height and the blank after
// it) holds y, or -1.
func cellAt(tops []int, y int) int {
	for i := 0; i+1 < len(tops); i++ {
		if y >= tops[i] && y < tops[i+1] {
			return i
		}
	}
	return -1
}

// PageImage decodes the image a page was recognised from, in grey levels.
func (p Page) PageImage() (*image.Gray, error) {
	if p.Image == "" {
		return nil, fmt.Errorf("page %d: image not kept", p.Number)
	}
	img, err := decodeFrame(p.Image, p.Frame)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.Number, err)
	}
	return grey(img), nil
}
