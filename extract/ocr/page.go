package ocr

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Page is one page read by text recognition.
type Page struct {
	Number        int // the page of the source file, 1-based
	DPI           int // resolution of the image recognised
	Width, Height int // size of that image, pixels
	Rotated       int // degrees the page was turned before recognition (0, 90, 180, 270)
	// LowResolution: the scan is under MinDPI; the page was not recognised.
	LowResolution bool
	Words         []Word // their Page is Number
	PDF           []byte // Tesseract's text-only PDF of the page (nil when nothing was read)
	// Image is the path of the image recognised (turned and straightened
	// as read), in the Workspace given to PDFPages or Image; "" without
	// one. Frame is the page's frame in it (a multi-page TIFF), from 0.
	Image string
	Frame int
}

// Confidence is the mean confidence of the page's words, weighted by their
// length (0 when none).
func (p Page) Confidence() float64 {
	var sum, n float64
	for _, w := range p.Words {
		l := float64(len([]rune(w.Text)))
		sum += w.Conf * l
		n += l
	}
	if n == 0 {
		return 0
	}
	return sum / n
}

// Resolutions the pages are recognised at: a scan is read at its own
// resolution (oversampling does not help Tesseract, and costs time), within
// these bounds; one under MinDPI is too poor to read. A finer scan is
// rendered down to highestDPI: Tesseract's cost has a part that grows with
// the pixels (binarising, layout analysis) beside the part that grows with
// the characters (its network reads each line scaled to a fixed height),
// and the 300 dpi G4 scans read as exactly at 200 dpi (the same values
// exact, fewer listed) for a quarter less CPU (a dense page of the
// convention, 1.13 s against 1.36 s).
const (
	MinDPI     = 140
	lowestDPI  = 150
	highestDPI = 200
	defaultDPI = 300 // a page whose images say nothing of their resolution
)

// ErrUnreadable wraps the failure of one page's recognition.
var ErrUnreadable = errors.New("page could not be recognised")

// PDFPages recognises the listed pages (1-based) of the PDF data, in
// parallel within the engine's slots. Pages come back in the order asked.
// A page that holds no image and for which render is false (a page of a
// born-digital file with little text) is left as it is, unread; render true
// reads a page from its rendering whatever it holds (a text layer whose
// fonts lie about their characters). The page images are kept in ws until
// it is closed; a nil ws keeps none.
func (e *Engine) PDFPages(ctx context.Context, ws *Workspace, data []byte, pages []int, render func(page int) bool) ([]Page, error) {
	dir, done, err := ws.sub()
	if err != nil {
		return nil, err
	}
	defer done()
	src := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(src, data, 0o600); err != nil {
		return nil, err
	}
	out, err := e.run(ctx, dir, e.Pdfimages, "-list", src)
	if err != nil {
		return nil, fmt.Errorf("list page images: %w", err)
	}
	dpi := imageDPI(string(out))
	res := make([]Page, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	for i, n := range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := e.acquire(ctx); err != nil {
				errs[i] = err
				return
			}
			defer e.release()
			if _, scanned := dpi[n]; !scanned && !render(n) {
				res[i] = Page{Number: n}
				return
			}
			res[i], errs[i] = e.pdfPage(ctx, dir, src, n, dpi[n])
		}()
	}
	wg.Wait()
	if ws == nil {
		for i := range res {
			res[i].Image = "" // removed with the temporary directory
		}
	}
	return res, errors.Join(errs...)
}

// pdfPage rasterises one page at the resolution of its scan and recognises it.
func (e *Engine) pdfPage(ctx context.Context, dir, src string, n, scanDPI int) (Page, error) {
	p := Page{Number: n, DPI: defaultDPI}
	if scanDPI > 0 {
		if scanDPI < MinDPI {
			p.LowResolution, p.DPI = true, scanDPI
			return p, nil
		}
		p.DPI = min(max(scanDPI, lowestDPI), highestDPI)
	}
	base := filepath.Join(dir, "p"+strconv.Itoa(n))
	if _, err := e.run(ctx, dir, e.Pdftoppm, "-r", strconv.Itoa(p.DPI), "-gray", "-singlefile",
		"-f", strconv.Itoa(n), "-l", strconv.Itoa(n), src, base); err != nil {
		return p, fmt.Errorf("page %d: rasterise: %w: %w", n, err, ErrUnreadable)
	}
	if err := e.recognise(ctx, dir, base+pageExt, &p); err != nil {
		return p, fmt.Errorf("page %d: %w", n, err)
	}
	return p, nil
}

// pageExt is the extension of the page images: binary PGM (pgm.go).
const pageExt = ".pgm"

// imageDPI reads `pdfimages -list`: the highest resolution of the images of
// each page (a scan is one image per page; a logo beside text is small).
func imageDPI(list string) map[int]int {
	out := map[int]int{}
	for _, l := range strings.Split(list, "\n") {
		f := strings.Fields(l)
		if len(f) < 14 || f[2] != "image" {
			continue
		}
		page, err1 := strconv.Atoi(f[0])
		w, err2 := strconv.Atoi(f[3])
		ppi, err3 := strconv.Atoi(f[12])
		if err1 != nil || err2 != nil || err3 != nil || w < 300 {
			continue
		}
		out[page] = max(out[page], ppi)
	}
	return out
}
