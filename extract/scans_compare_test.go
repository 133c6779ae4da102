package extract

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"habilitations/model"
)

// TestScansVsOCRmyPDF is the long side-by-side measure of issue 14, run by
// hand on a folder of scans made by testdata/scans/make-scans.sh:
//
//	HABILITATIONS_SCANS=DIR HABILITATIONS_OCRMYPDF=1 go test -run TestScansVsOCRmyPDF -v ./extract
//
// For each scan, in one run: `ocrmypdf -l fra` (what Paperless-ngx does)
// then the text-layer path without recognition, against this package's own
// recognition; seconds per page, wall and CPU (this process and its
// children: on a shared machine the wall time follows the load, the CPU
// time much less), and values exact. Every value the ocrmypdf path reads
// wrong is unlisted (a text layer lists nothing to verify). Skipped
// otherwise.
func TestScansVsOCRmyPDF(t *testing.T) {
	dir := os.Getenv("HABILITATIONS_SCANS")
	ocrmypdf, err := exec.LookPath("ocrmypdf")
	if dir == "" || os.Getenv("HABILITATIONS_OCRMYPDF") == "" || err != nil {
		t.Skip("long measure: set HABILITATIONS_SCANS and HABILITATIONS_OCRMYPDF, with ocrmypdf installed")
	}
	engine := mustOCR(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	var pages int
	var ours, theirs pathScore
	for _, f := range files {
		if strings.Contains(f, ".150-poor.") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := twinTruth(t, f)
		s1 := theirs.measure(want, func() ([]byte, error) {
			out := filepath.Join(t.TempDir(), "ocr.pdf")
			if b, err := exec.Command(ocrmypdf, "-l", "fra", "--output-type", "pdf", "--optimize", "0", f, out).CombinedOutput(); err != nil {
				t.Fatalf("%s: ocrmypdf: %v\n%s", f, err, b)
			}
			return os.ReadFile(out)
		}, Extractor{}, filepath.Base(f))
		s2 := ours.measure(want, func() ([]byte, error) { return data, nil }, Extractor{OCR: engine}, filepath.Base(f))
		pages += s2.pages
		t.Logf("%s: ocrmypdf path %d/%d exact, %d wrong (%v); ours %d/%d exact, %d wrong unlisted (%v)",
			filepath.Base(f), s1.exact, s1.values, s1.values-s1.exact, s1.err, s2.exact, s2.values, len(s2.unlisted), s2.err)
	}
	if pages == 0 {
		return
	}
	per := func(d time.Duration) float64 { return d.Seconds() / float64(pages) }
	t.Logf("%d pages: ocrmypdf path %.2f s/page wall, %.2f s/page CPU, %d/%d values exact, %d wrong (unlisted)",
		pages, per(theirs.wall), per(theirs.cpu), theirs.exact, theirs.values, theirs.values-theirs.exact)
	t.Logf("%d pages: ours %.2f s/page wall, %.2f s/page CPU, %d/%d values exact, %d wrong unlisted",
		pages, per(ours.wall), per(ours.cpu), ours.exact, ours.values, ours.unlisted)
	t.Logf("ours / ocrmypdf path: %.2f of its wall time, %.2f of its CPU time",
		ours.wall.Seconds()/theirs.wall.Seconds(), ours.cpu.Seconds()/theirs.cpu.Seconds())
}

// pathScore sums one path's measures over the scans.
type pathScore struct {
	wall, cpu               time.Duration
	exact, values, unlisted int
}

// oneScan is one path's reading of one scan.
type oneScan struct {
	scanScore
	pages int
	err   error
}

// measure times input (the text layer's input) and x's extraction, and
// scores the record against want.
func (ps *pathScore) measure(want model.Record, input func() ([]byte, error), x Extractor, name string) oneScan {
	start, cpu0 := time.Now(), cpuTime()
	data, err := input()
	var s oneScan
	if err == nil {
		got, xerr := x.Extract(context.Background(), name, data)
		s.err = xerr
		if xerr == nil {
			s.scanScore, s.pages = score(want, got), got.Source.Pages
		}
	} else {
		s.err = err
	}
	ps.wall += time.Since(start)
	ps.cpu += cpuTime() - cpu0
	if s.values == 0 {
		s.values = len(values(want))
	}
	ps.exact, ps.values, ps.unlisted = ps.exact+s.exact, ps.values+s.values, ps.unlisted+len(s.unlisted)
	return s
}

// cpuTime is the CPU time (user and system) of this process and of its
// children waited for.
func cpuTime() time.Duration {
	var total time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return total
}
