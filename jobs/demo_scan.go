package jobs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"habilitations/report/sample"
)

// The demo's scanned dossier: one more fictional partner, the index-th of
// the sample generator with the demo's seed (a partner no export names, so
// the planted findings stay those of the others), whose signed dossier
// arrives as a copier makes it, pages as images only.
const (
	// DemoScanIndex is that partner's index in sample.Generate's output.
	DemoScanIndex = 11
	demoScanDPI   = 200
)

// demoScannedDossier writes into the inbox the scan of the extra partner's
// dossier and returns its file name, or "" when pdftoppm (poppler-utils,
// which text recognition needs too) is not installed to make it.
func demoScannedDossier(dd *DataDir) (string, error) {
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		return "", nil
	}
	p := sample.Generate(DemoSeed, DemoScanIndex+1, sample.Options{AsOf: DemoAsOf})[DemoScanIndex]
	var pdf bytes.Buffer
	if err := sample.WriteDossierPDF(&pdf, p.Record); err != nil {
		return "", fmt.Errorf("demo scan: %w", err)
	}
	scan, err := scanLike(context.Background(), pdftoppm, pdf.Bytes())
	if err != nil {
		return "", fmt.Errorf("demo scan: %w", err)
	}
	name := DirInbox + "/numerisation-" + p.Stem + ".pdf"
	return name, writeFileAtomic(dd.Path(name), scan)
}

// scanLike makes of a PDF what a copier makes of it printed: every page a
// grey JPEG image at demoScanDPI, in a PDF with no text at all.
func scanLike(ctx context.Context, pdftoppm string, pdf []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("", "habilitations-demo-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(src, pdf, 0o600); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, pdftoppm, "-r", fmt.Sprint(demoScanDPI), "-gray", "-jpeg", "-jpegopt", "quality=70",
		src, filepath.Join(dir, "page"))
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pdftoppm: %v: %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.jpg"))
	sort.Strings(pages) // page-01 … page-NN: pdftoppm pads to the same width
	var imgs []io.Reader
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		imgs = append(imgs, bytes.NewReader(b))
	}
	// Each image fills an A4 page: 200 dpi, as scanned. (pdfcpu's « full »
	// position would make the page the image's size in points: 72 dpi.)
	imp := pdfcpu.DefaultImportConfig()
	imp.Pos, imp.Scale = types.Center, 1
	var out bytes.Buffer
	if err := api.ImportImages(nil, &out, imgs, imp, pdfmodel.NewDefaultConfiguration()); err != nil {
		return nil, fmt.Errorf("assemble the scanned pages: %w", err)
	}
	return out.Bytes(), nil
}
