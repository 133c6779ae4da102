package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// minConfident is the mean confidence under which a page is suspected of
// being turned: it is then checked by orientation detection (a cheap pass)
// and, if turned, recognised again upright.
const minConfident = 0.6

// blankWords: a page with fewer recognised words is blank (or a stamp) and
// is left out.
const blankWords = 3

// recognise reads the page image at img into p, as one visible sequence
// of steps, each paid only when the one before needs it:
//
//  1. the page is straightened by the tilt of its lines, measured on its
//     pixels (imageSkew), so that one recognition places a table's far
//     right cells on their row;
//  2. it is recognised;
//  3. a page read with few words or a low confidence is checked by
//     orientation detection and, if turned, turned upright, straightened
//     and recognised again (the more confident reading stands);
//  4. a page whose recognised lines still tilt (the pixels misled step 1)
//     is straightened by that slope and recognised again.
func (e *Engine) recognise(ctx context.Context, dir, img string, p *Page) error {
	defer tidy(img, p)
	raw, err := readGray(img)
	if err != nil {
		return fmt.Errorf("read page image: %w: %w", err, ErrUnreadable)
	}
	img, err = prepared(raw, img, "")
	if err != nil {
		return err
	}
	if err := e.tesseract(ctx, dir, img, p); err != nil {
		return err
	}
	if len(p.Words) < blankWords || p.Confidence() < minConfident {
		if err := e.upright(ctx, dir, raw, img, p); err != nil {
			return err
		}
	}
	return e.straightened(ctx, dir, p)
}

// tidy removes the page's images but the one recognised (a page image is
// 4 MB at 200 dpi, 9 MB at 300: the workspace keeps one per page, for the
// pictures of the values to verify).
func tidy(scan string, p *Page) {
	made, _ := filepath.Glob(strings.TrimSuffix(scan, pageExt) + "-*" + pageExt)
	for _, f := range append(made, scan) {
		if f != p.Image {
			os.Remove(f)
		}
	}
}

// prepared writes next to path the page image straightened by the tilt
// its pixels show, with suffix, and returns its path; a page that does not
// tilt is left as it is (path, or raw written with suffix when one is
// given).
func prepared(raw *image.Gray, path, suffix string) (string, error) {
	angle := imageSkew(raw)
	if math.Abs(angle) < minSkew && suffix == "" {
		return path, nil
	}
	out := strings.TrimSuffix(path, pageExt) + suffix + "-s" + pageExt
	img := raw
	if math.Abs(angle) >= minSkew {
		img = straightened(raw, angle)
	}
	if err := writeGray(out, img); err != nil {
		return "", fmt.Errorf("straighten page: %w", err)
	}
	return out, nil
}

// upright asks orientation detection whether the page was scanned turned;
// if so, the raw image is turned, straightened and recognised again, and
// that reading kept when it is the more confident.
func (e *Engine) upright(ctx context.Context, dir string, raw *image.Gray, img string, p *Page) error {
	deg, err := e.orientation(ctx, dir, img, p.DPI)
	if err != nil || deg == 0 {
		return nil // OSD needs enough text; the first reading stands
	}
	turned, err := prepared(rotated(raw, deg), img, "-r")
	if err != nil {
		return fmt.Errorf("turn page: %w", err)
	}
	q := Page{Number: p.Number, DPI: p.DPI, Rotated: deg}
	if err := e.tesseract(ctx, dir, turned, &q); err != nil {
		return err
	}
	if q.Confidence()*float64(len(q.Words)) > p.Confidence()*float64(len(p.Words)) {
		*p = q
	}
	return nil
}

// tesseract recognises img: words with boxes and confidences (TSV) and the
// text-only PDF, in one pass.
func (e *Engine) tesseract(ctx context.Context, dir, img string, p *Page) error {
	base := strings.TrimSuffix(img, pageExt) + "-ocr"
	args := []string{img, base, "-l", e.Lang}
	if e.PSM > 0 {
		args = append(args, "--psm", strconv.Itoa(e.PSM))
	}
	if p.DPI > 0 {
		args = append(args, "--dpi", strconv.Itoa(p.DPI))
	}
	if _, err := e.run(ctx, dir, e.Tesseract, append(args, "-c", "textonly_pdf=1", "pdf", "tsv")...); err != nil {
		return fmt.Errorf("recognise: %w: %w", err, ErrUnreadable)
	}
	tsv, err := os.ReadFile(base + ".tsv")
	if err != nil {
		return fmt.Errorf("recognise: %w: %w", err, ErrUnreadable)
	}
	words, sizes := ParseTSV(string(tsv))
	for i := range words {
		words[i].Page = p.Number
	}
	p.Words = words
	p.Image = img
	if sz, ok := sizes[1]; ok {
		p.Width, p.Height = sz[0], sz[1]
	}
	p.PDF = nil
	if len(words) >= blankWords {
		if p.PDF, err = os.ReadFile(base + ".pdf"); err != nil {
			return fmt.Errorf("recognise: %w: %w", err, ErrUnreadable)
		}
	}
	return nil
}

// straightened recognises again, straightened, a page whose recognised
// lines still tilt, and keeps that reading unless it is less confident.
func (e *Engine) straightened(ctx context.Context, dir string, p *Page) error {
	angle := skewOf(p.Words)
	if math.Abs(angle) < minSkew || math.Abs(angle) > maxSkew {
		return nil
	}
	straight := strings.TrimSuffix(p.Image, pageExt) + "-w" + pageExt
	if err := straighten(p.Image, straight, angle); err != nil {
		return fmt.Errorf("straighten page: %w", err)
	}
	q := Page{Number: p.Number, DPI: p.DPI, Rotated: p.Rotated}
	if err := e.tesseract(ctx, dir, straight, &q); err != nil {
		return err
	}
	// Resampling costs a little confidence; lines that hold together are
	// worth it, a reading much worse is not.
	if q.Confidence() >= p.Confidence()-0.04 && len(q.Words) >= len(p.Words)*9/10 {
		*p = q
	}
	return nil
}

var rotateRe = regexp.MustCompile(`Rotate: (\d+)`)

// orientation asks Tesseract's orientation detection how many degrees
// (clockwise) the page must be turned to be upright.
func (e *Engine) orientation(ctx context.Context, dir, img string, dpi int) (int, error) {
	out, err := e.run(ctx, dir, e.Tesseract, img, "-", "--psm", "0", "--dpi", strconv.Itoa(dpi))
	if err != nil {
		return 0, err
	}
	m := rotateRe.FindStringSubmatch(string(out))
	if m == nil {
		return 0, nil
	}
	deg, _ := strconv.Atoi(m[1])
	return deg % 360, nil
}
