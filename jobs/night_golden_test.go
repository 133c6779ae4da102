package jobs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"archive/zip"
)

var updateNight = flag.Bool("update", false, "rewrite testdata/night-golden.txt")

// nextNight is how many days after the first the night with nothing new
// runs: enough for a few conventions to enter the review lead time, so
// that it writes review workbooks besides those already prepared.
const nextNight = 12

// TestNightWithNothingNewGolden runs two nights over 120 sample conventions, 12 days apart,
// (review key and clock fixed) and compares what the second night, with
// nothing new, writes to reports/<date>/ with testdata/night-golden.txt: a
// digest of each file, the workbooks part by part (excelize lists its
// content types in map order) and the messages without their date and MIME
// boundary. The golden file was written by the revision before issue #15
// (4843227, `-update`), so this shows the streamed and indexed code writes
// the same reports.
func TestNightWithNothingNewGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("two nightly runs")
	}
	ctx := context.Background()
	cfg := MustNightlyWorkload(t, 120)
	cfg.Review.LeadDays = DefaultConfig().Review.LeadDays
	// Exports are ordered by their modification time when two cover one
	// partner; the file system's coarse clock gives ties, or not, by the
	// machine's load: each gets its own second, in name order.
	exps, err := os.ReadDir(filepath.Join(cfg.DataDir, DirExports))
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range exps {
		mt := time.Date(2026, 11, 20, 0, 0, i, 0, time.UTC)
		if err := os.Chtimes(filepath.Join(cfg.DataDir, DirExports, e.Name()), mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	key := strings.Repeat("5a", 32) + "\n"
	if err := os.WriteFile(filepath.Join(cfg.DataDir, ReviewKeyFile), []byte(key), FileMode); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC) }
	for _, asOf := range []int{0, nextNight} {
		if _, err := RunPipeline(ctx, RunOptions{Config: cfg, AsOf: DemoAsOf.AddDays(asOf), Extractor: noExtractor{}, Now: now}); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(cfg.DataDir, DirReports, DemoAsOf.AddDays(nextNight).String())
	var lines []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(filepath.Base(p), "run-") {
			return nil // the run report: times and paths
		}
		sum, err := reportDigest(p)
		if err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		lines = append(lines, filepath.ToSlash(rel)+" "+sum)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "night-golden.txt")
	if *updateNight {
		if err := os.WriteFile(golden, []byte(got), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the night's reports differ from %s:\n%s", golden, got)
	}
	if !strings.Contains(got, "revue/revue-") {
		t.Errorf("no review workbook written: the workload does not exercise the review step")
	}
}

var (
	mailDate     = regexp.MustCompile(`(?m)^Date: .*$`)
	mailBoundary = regexp.MustCompile(`boundary=([0-9a-f]+)`)
	xmlTag       = regexp.MustCompile(`<[^>]+>`)
	base64Line   = regexp.MustCompile(`(?m)^[A-Za-z0-9+/=]{40,}\r?$`)
)

// reportDigest is the SHA-256 of a report file, of what is reproducible
// in it.
func reportDigest(p string) (string, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	switch filepath.Ext(p) {
	case ".eml":
		// The attached workbook is checked as a report file itself.
		if m := mailBoundary.FindSubmatch(b); m != nil {
			b = bytes.ReplaceAll(b, m[1], []byte("B"))
		}
		b = mailDate.ReplaceAll(b, []byte("Date: -"))
		h.Write(base64Line.ReplaceAll(b, nil))
	case ".xlsx":
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return "", err
		}
		names := []string{}
		for _, f := range z.File {
			names = append(names, f.Name)
		}
		slices.Sort(names)
		for _, n := range names {
			f, _ := z.Open(n)
			part, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return "", err
			}
			if n == "[Content_Types].xml" {
				tags := xmlTag.FindAll(part, -1)
				slices.SortFunc(tags, bytes.Compare)
				part = bytes.Join(tags, nil)
			}
			fmt.Fprintf(h, "%s %d\n", n, len(part))
			h.Write(part)
		}
	default:
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
