package ocr

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ImageKind names the image formats read directly: what a phone or a
// copier leaves in the inbox.
type ImageKind string

// The image formats read.
const (
	ImageJPEG ImageKind = ".jpg"
	ImagePNG  ImageKind = ".png"
	ImageTIFF ImageKind = ".tif"
)

// SniffImage tells an image file from its first bytes ("" when it is none
// of those read).
func SniffImage(data []byte) ImageKind {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return ImageJPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return ImagePNG
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return ImageTIFF
	}
	return ""
}

// minImageSide is the shortest side, in pixels, of an image worth reading:
// an A4 page at MinDPI.
const minImageSide = 8.27 * MinDPI

// Image recognises an image file (every page of a multi-page TIFF) and
// returns its pages and their text-only PDF. Tesseract reads the file as it
// is, with the resolution it declares, or estimates one. The file is kept
// in ws until it is closed (a nil ws keeps nothing).
func (e *Engine) Image(ctx context.Context, ws *Workspace, data []byte) (Result, error) {
	kind := SniffImage(data)
	if kind == "" {
		return Result{}, fmt.Errorf("not a JPEG, PNG or TIFF image: %w", ErrUnreadable)
	}
	if err := e.acquire(ctx); err != nil {
		return Result{}, err
	}
	defer e.release()
	dir, done, err := ws.sub()
	if err != nil {
		return Result{}, err
	}
	defer done()
	img := filepath.Join(dir, "in"+string(kind))
	if err := os.WriteFile(img, data, 0o600); err != nil {
		return Result{}, err
	}
	base := filepath.Join(dir, "out")
	args := []string{img, base, "-l", e.Lang}
	if e.PSM > 0 {
		args = append(args, "--psm", strconv.Itoa(e.PSM))
	}
	if _, err := e.run(ctx, dir, e.Tesseract, append(args, "-c", "textonly_pdf=1", "pdf", "tsv")...); err != nil {
		return Result{}, fmt.Errorf("recognise: %w: %w", err, ErrUnreadable)
	}
	tsv, err := os.ReadFile(base + ".tsv")
	if err != nil {
		return Result{}, fmt.Errorf("recognise: %w: %w", err, ErrUnreadable)
	}
	words, sizes := ParseTSV(string(tsv))
	byPage := map[int]*Page{}
	for n, sz := range sizes {
		p := &Page{Number: n, Width: sz[0], Height: sz[1], Frame: n - 1}
		if ws != nil {
			p.Image = img
		}
		p.LowResolution = float64(min(sz[0], sz[1])) < minImageSide
		byPage[n] = p
	}
	for _, w := range words {
		if p := byPage[w.Page]; p != nil {
			p.Words = append(p.Words, w)
		}
	}
	var res Result
	for _, p := range byPage {
		res.Pages = append(res.Pages, *p)
	}
	sort.Slice(res.Pages, func(i, j int) bool { return res.Pages[i].Number < res.Pages[j].Number })
	if len(words) >= blankWords {
		if res.PDF, err = os.ReadFile(base + ".pdf"); err != nil {
			return Result{}, fmt.Errorf("recognise: %w: %w", err, ErrUnreadable)
		}
	}
	return res, nil
}

// Result is what recognition read of a file: its pages, and one text-only
// PDF of those with text, in page order, for the text layer.
type Result struct {
	Pages []Page
	PDF   []byte
}

// String summarises a result for logs: pages and confidence, no text.
func (r Result) String() string {
	var b strings.Builder
	for _, p := range r.Pages {
		fmt.Fprintf(&b, "p%d:%d words %.2f ", p.Number, len(p.Words), p.Confidence())
	}
	return strings.TrimSpace(b.String())
}
