package ocr

import (
	"context"
	"fmt"
	"math"
	"os"
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

// recognise runs Tesseract on the image at img into p, turning the page
// first when it was scanned upside down or sideways.
func (e *Engine) recognise(ctx context.Context, dir, img string, p *Page) error {
	if err := e.tesseract(ctx, dir, img, p); err != nil {
		return err
	}
	if len(p.Words) >= blankWords && p.Confidence() >= minConfident {
		return e.straightened(ctx, dir, img, p)
	}
	deg, err := e.orientation(ctx, dir, img, p.DPI)
	if err != nil || deg == 0 {
		return nil // OSD needs enough text; the first reading stands
	}
	turned := strings.TrimSuffix(img, ".png") + "-r.png"
	if err := rotatePNG(img, turned, deg); err != nil {
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
	base := strings.TrimSuffix(img, ".png") + "-ocr"
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

// straightened recognises again, straightened, a page whose lines are
// tilted, and keeps that reading unless it is less confident.
func (e *Engine) straightened(ctx context.Context, dir, img string, p *Page) error {
	angle := skewOf(p.Words)
	if math.Abs(angle) < minSkew || math.Abs(angle) > maxSkew {
		return nil
	}
	straight := strings.TrimSuffix(img, ".png") + "-s.png"
	if err := straighten(img, straight, angle); err != nil {
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
