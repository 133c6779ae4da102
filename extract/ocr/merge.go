package ocr

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// Merge joins the text-only PDFs of the pages that have one, in order, and
// returns the source page number of each page of the result. The PDFs are
// Tesseract's own, not the partner's file: pdfcpu handles them in process.
func Merge(pages []Page) (pdf []byte, numbers []int, err error) {
	var rs []io.ReadSeeker
	for _, p := range pages {
		if p.PDF != nil {
			rs = append(rs, bytes.NewReader(p.PDF))
			numbers = append(numbers, p.Number)
		}
	}
	switch len(rs) {
	case 0:
		return nil, nil, nil
	case 1:
		return pages[indexOf(pages, numbers[0])].PDF, numbers, nil
	}
	var out bytes.Buffer
	conf := pdfmodel.NewDefaultConfiguration()
	conf.ValidationMode = pdfmodel.ValidationRelaxed
	if err := api.MergeRaw(rs, &out, false, conf); err != nil {
		return nil, nil, fmt.Errorf("merge recognised pages: %w", err)
	}
	return out.Bytes(), numbers, nil
}

func indexOf(pages []Page, n int) int {
	for i, p := range pages {
		if p.Number == n {
			return i
		}
	}
	return -1
}

// PageCount returns the number of pages of a PDF whose text layer gave
// nothing, as poppler counts them (in its own process).
func (e *Engine) PageCount(ctx context.Context, data []byte) (int, error) {
	dir, err := os.MkdirTemp("", "habilitations-ocr-*")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(src, data, 0o600); err != nil {
		return 0, err
	}
	out, err := e.run(ctx, dir, e.Pdfinfo, src)
	if err != nil {
		return 0, fmt.Errorf("count pages: %w", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			return strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return 0, fmt.Errorf("count pages: no page count")
}
