package extract

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestScansVsOCRmyPDF is the long side-by-side measure of issue 14, run by
// hand on a folder of scans made by testdata/scans/make-scans.sh:
//
//	HABILITATIONS_SCANS=DIR HABILITATIONS_OCRMYPDF=1 go test -run TestScansVsOCRmyPDF -v ./extract
//
// For each scan, in one run: `ocrmypdf -l fra` (what Paperless-ngx does)
// then the text-layer path without recognition, against this package's own
// recognition; seconds per page (wall) and values exact. Skipped otherwise.
func TestScansVsOCRmyPDF(t *testing.T) {
	dir := os.Getenv("HABILITATIONS_SCANS")
	ocrmypdf, err := exec.LookPath("ocrmypdf")
	if dir == "" || os.Getenv("HABILITATIONS_OCRMYPDF") == "" || err != nil {
		t.Skip("long measure: set HABILITATIONS_SCANS and HABILITATIONS_OCRMYPDF, with ocrmypdf installed")
	}
	engine := mustOCR(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	var pages int
	var tOurs, tTheirs time.Duration
	var ours, theirs scanScore
	for _, f := range files {
		if strings.Contains(f, ".150-poor.") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := twinTruth(t, f)
		start := time.Now()
		out := filepath.Join(t.TempDir(), "ocr.pdf")
		if b, err := exec.Command(ocrmypdf, "-l", "fra", "--output-type", "pdf", "--optimize", "0", f, out).CombinedOutput(); err != nil {
			t.Fatalf("%s: ocrmypdf: %v\n%s", f, err, b)
		}
		layered, _ := os.ReadFile(out)
		got, err := Extractor{}.Extract(context.Background(), filepath.Base(f), layered)
		tTheirs += time.Since(start)
		s1 := scanScore{values: len(values(want))}
		if err == nil {
			s1 = score(want, got)
		}
		start = time.Now()
		got2, err2 := Extractor{OCR: engine}.Extract(context.Background(), filepath.Base(f), data)
		tOurs += time.Since(start)
		s2 := scanScore{values: len(values(want))}
		if err2 == nil {
			s2 = score(want, got2)
			pages += got2.Source.Pages
		}
		t.Logf("%s: ocrmypdf path %d/%d exact (%v); ours %d/%d exact, %d wrong unlisted (%v)", filepath.Base(f),
			s1.exact, s1.values, err, s2.exact, s2.values, len(s2.unlisted), err2)
		theirs.exact, theirs.values = theirs.exact+s1.exact, theirs.values+s1.values
		ours.exact, ours.values = ours.exact+s2.exact, ours.values+s2.values
	}
	if pages > 0 {
		t.Logf("%d pages: ocrmypdf path %.2f s/page, %d/%d values exact; ours %.2f s/page, %d/%d values exact",
			pages, tTheirs.Seconds()/float64(pages), theirs.exact, theirs.values, tOurs.Seconds()/float64(pages), ours.exact, ours.values)
	}
}
