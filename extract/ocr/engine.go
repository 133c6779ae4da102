package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// ErrNotInstalled is returned when Tesseract, its French model or poppler's
// tools are missing: a scan is then rejected as no_text, with a motif that
// says text recognition is not installed on the server.
var ErrNotInstalled = errors.New("text recognition (tesseract-ocr-fra) is not installed")

// Engine runs the recognition. The zero value is not usable: use Find. An
// Engine is safe for concurrent use; at most Workers pages are recognised
// at once by all its callers together (pages in parallel, one thread each,
// beat one Tesseract with threads).
type Engine struct {
	Tesseract, Pdftoppm, Pdfimages, Pdfinfo string // paths
	Prlimit                                 string // "" runs without limits
	Lang                                    string // "fra"
	// PageTimeout bounds one page's rasterising and recognition.
	PageTimeout time.Duration
	// MaxMemory bounds one page's process (address space, bytes).
	MaxMemory int64
	// PSM is Tesseract's page segmentation mode (0: its default, automatic
	// layout analysis; 6: the page as one block of text, which keeps the
	// filled fields of a form that the layout analysis drops).
	PSM int
	sem chan struct{}
}

// Find returns an Engine on the programs found on PATH, with workers pages
// at once (0: GOMAXPROCS). It wraps ErrNotInstalled, naming what is
// missing, when Tesseract, its French model or poppler's tools are absent.
func Find(workers int) (*Engine, error) {
	e := &Engine{Lang: "fra", PageTimeout: 90 * time.Second, MaxMemory: 1 << 30}
	var missing []string
	for _, p := range []struct {
		name string
		dst  *string
	}{{"tesseract", &e.Tesseract}, {"pdftoppm", &e.Pdftoppm}, {"pdfimages", &e.Pdfimages}, {"pdfinfo", &e.Pdfinfo}} {
		path, err := exec.LookPath(p.name)
		if err != nil {
			missing = append(missing, p.name)
			continue
		}
		*p.dst = path
	}
	e.Prlimit, _ = exec.LookPath("prlimit")
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s not found: %w", strings.Join(missing, ", "), ErrNotInstalled)
	}
	out, err := exec.Command(e.Tesseract, "--list-langs").CombinedOutput()
	if err != nil || !hasLine(string(out), e.Lang) {
		return nil, fmt.Errorf("tesseract has no %q model (Debian: tesseract-ocr-fra): %w", e.Lang, ErrNotInstalled)
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	e.sem = make(chan struct{}, workers)
	return e, nil
}

func hasLine(s, want string) bool {
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == want {
			return true
		}
	}
	return false
}

// acquire takes a page slot, or returns ctx's error.
func (e *Engine) acquire(ctx context.Context) error {
	select {
	case e.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (e *Engine) release() { <-e.sem }

// run runs a program under the page limits, in dir, one thread.
func (e *Engine) run(ctx context.Context, dir, prog string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, e.PageTimeout)
	defer cancel()
	name := prog
	if e.Prlimit != "" {
		cpu := int(e.PageTimeout/time.Second) + 1
		args = append([]string{"--as=" + strconv.FormatInt(e.MaxMemory, 10), "--cpu=" + strconv.Itoa(cpu), "--", prog}, args...)
		name = e.Prlimit
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1", "LC_ALL=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: no answer within %v", filepath.Base(prog), e.PageTimeout)
		}
		return nil, fmt.Errorf("%s: %w: %s", filepath.Base(prog), err, firstLine(stderr.String()))
	}
	return out, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
