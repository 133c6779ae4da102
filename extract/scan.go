package extract

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"habilitations/extract/ocr"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

// minPageLetters is how many letters a page's text layer must hold to be
// read from it; a page with fewer (a scanned page, a signature page with
// only a stamp) is read by text recognition when it holds an image.
const minPageLetters = 40

// scanned is what text recognition added to a document.
type scanned struct {
	pages []ocr.Page // the pages recognised, with their words
	total int        // pages of the file
}

// textOf is the fallback sequence that gives a file its text, as visible
// steps: (1) the text layer; (2) the pages without usable text recognised,
// when an engine is set; (3) the two joined page by page. A file whose text
// layer is fine costs nothing more.
func (x Extractor) textOf(ctx context.Context, ws *ocr.Workspace, data []byte) (pdftext.Document, scanned, error) {
	if ocr.SniffImage(data) != "" {
		return x.recogniseImage(ctx, ws, data)
	}
	doc, err := x.text(ctx, data)
	var todo []int
	render := map[int]bool{} // pages read from their rendering even without an image
	var sc scanned
	switch {
	case err == nil:
		sc.total = len(doc.Pages)
		for _, p := range doc.Pages {
			// A page the text layer's gate did not keep (no text, or a
			// garbled figure), or one with hardly any letters.
			if p.Quality != pdftext.PageRead || letters(p) < minPageLetters {
				todo = append(todo, p.Number)
				render[p.Number] = p.Quality == pdftext.PageGarbled
			}
		}
	case errors.Is(err, model.ErrNoText):
		if x.OCR == nil {
			return doc, sc, fmt.Errorf("%w: %w", err, model.ErrOCRUnavailable)
		}
		// No usable text at all: every page is rendered and read (a
		// virtual printer's unreadable fonts are read from their image).
		n, cerr := x.OCR.PageCount(ctx, data)
		if cerr != nil {
			return doc, sc, fmt.Errorf("%w (%v)", err, cerr)
		}
		sc.total = n
		for i := 1; i <= n; i++ {
			todo = append(todo, i)
			render[i] = true
		}
	default:
		return doc, sc, err
	}
	if len(todo) == 0 || x.OCR == nil {
		return doc, sc, nil
	}
	pages, err := x.OCR.PDFPages(ctx, ws, data, todo, func(n int) bool { return render[n] })
	if err != nil {
		return doc, sc, fmt.Errorf("text recognition: %w", err)
	}
	sc.pages = pages
	ocrDoc, err := x.ocrText(ctx, pages)
	if err != nil {
		return doc, sc, err
	}
	return splice(doc, ocrDoc, sc.total), sc, nil
}

// recogniseImage reads an image file (JPEG, PNG, TIFF) by recognition.
func (x Extractor) recogniseImage(ctx context.Context, ws *ocr.Workspace, data []byte) (pdftext.Document, scanned, error) {
	if x.OCR == nil {
		return pdftext.Document{}, scanned{}, fmt.Errorf("image file: %w: %w", model.ErrNoText, model.ErrOCRUnavailable)
	}
	res, err := x.OCR.Image(ctx, ws, data)
	if err != nil {
		return pdftext.Document{}, scanned{}, fmt.Errorf("text recognition: %w: %w", err, model.ErrNoText)
	}
	sc := scanned{pages: res.Pages, total: len(res.Pages)}
	if res.PDF == nil {
		return pdftext.Document{}, sc, nil
	}
	doc, err := pdftext.Extract(ctx, res.PDF, x.Limits)
	if err != nil && !errors.Is(err, model.ErrNoText) {
		return doc, sc, fmt.Errorf("text of the recognised pages: %w", err)
	}
	for i := range doc.Pages {
		tidyRecognised(&doc.Pages[i]) // as the recognised pages of a PDF
	}
	return doc, sc, nil
}

// ocrText reads the text-only PDF of the recognised pages through the text
// layer, numbering its pages as in the source file.
func (x Extractor) ocrText(ctx context.Context, pages []ocr.Page) (pdftext.Document, error) {
	pdf, numbers, err := ocr.Merge(pages)
	if err != nil || pdf == nil {
		return pdftext.Document{}, err
	}
	doc, err := pdftext.Extract(ctx, pdf, x.Limits)
	if errors.Is(err, model.ErrNoText) {
		return pdftext.Document{}, nil // recognised, but no more than noise
	}
	if err != nil {
		return doc, fmt.Errorf("text of the recognised pages: %w", err)
	}
	for i := range doc.Pages {
		if i < len(numbers) {
			doc.Pages[i].Number = numbers[i]
		}
		tidyRecognised(&doc.Pages[i])
	}
	return doc, nil
}

// ocrRule is what a table's rules become in recognised text at the edge of
// a cell: « | », « [ », « ] ».
const ocrRule = "|[] "

// tidyRecognised takes out of a recognised page's cells what recognition
// adds and no printed value holds: a table's rule inside a cell is the
// border of two cells (« Libertés | nlambert@… »), at a cell's ends it is
// noise; spaces around an address's « @ » (« ycharpentier @udaf34.fr »)
// are not the address's; and a run of dashes is one dash read twice.
func tidyRecognised(p *pdftext.Page) {
	for i := range p.Lines {
		var cells []string
		for _, c := range p.Lines[i].Cells {
			for _, part := range strings.Split(c, " | ") {
				part = strings.Trim(part, ocrRule)
				part = strings.ReplaceAll(strings.ReplaceAll(part, " @", "@"), "@ ", "@")
				cells = append(cells, dashRun.ReplaceAllStringFunc(part, firstDash))
			}
		}
		p.Lines[i].Cells = cells
	}
}

// dashRun is a run of dashes recognition made of one printed dash (« —- »
// for « – »); firstDash keeps one, preferring a typographic one.
var dashRun = regexp.MustCompile(`[-–—]{2,}`)

func firstDash(run string) string {
	for _, r := range run {
		if r != '-' {
			return string(r)
		}
	}
	return "-"
}

// splice puts the recognised pages in place of the same pages of the text
// layer, in page order.
func splice(doc, ocrDoc pdftext.Document, total int) pdftext.Document {
	byNum := map[int]pdftext.Page{}
	for _, p := range doc.Pages {
		byNum[p.Number] = p
	}
	for _, p := range ocrDoc.Pages {
		byNum[p.Number] = p
	}
	var out pdftext.Document
	for n := 1; n <= total; n++ {
		if p, ok := byNum[n]; ok {
			out.Pages = append(out.Pages, p)
		}
	}
	return out
}

// letters counts the letters of a page's text.
func letters(p pdftext.Page) int {
	n := 0
	for _, l := range p.Lines {
		for _, c := range l.Cells {
			for _, r := range c {
				if unicode.IsLetter(r) {
					n++
				}
			}
		}
	}
	return n
}
