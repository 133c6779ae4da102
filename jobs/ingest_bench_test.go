package jobs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"habilitations/extract"
	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/sample"
)

// countingExtractor counts the PDFs actually parsed.
type countingExtractor struct {
	x     Extractor
	calls atomic.Int64
}

func (c *countingExtractor) Extract(ctx context.Context, name string, data []byte) (model.Record, error) {
	c.calls.Add(1)
	return c.x.Extract(ctx, name, data)
}

// benchDossiers is the workload size: $HABILITATIONS_BENCH_DOSSIERS, else 2,000.
func benchDossiers() int {
	if n, err := strconv.Atoi(os.Getenv("HABILITATIONS_BENCH_DOSSIERS")); err == nil && n > 0 {
		return n
	}
	return 2000
}

// precomputed answers with the generated record of each file, without
// parsing: it isolates the cost of the intake itself (hash, archive, store).
type precomputed map[string]model.Record

func (p precomputed) Extract(ctx context.Context, name string, data []byte) (model.Record, error) {
	r, ok := p[name]
	if !ok {
		return r, model.ErrNotConvention
	}
	return r, nil
}

// mustWorkload generates the dossiers once into a template data directory.
func mustWorkload(b *testing.B, n int) *DataDir {
	b.Helper()
	dd, err := OpenDataDir(filepath.Join(b.TempDir(), "template"))
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	w, err := WriteWorkload(context.Background(), dd, 42, n, WorkloadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("workload: %d dossiers, %.1f MB, generated in %v", w.Dossiers, float64(w.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	return dd
}

// linkInbox hard-links the template's inbox files into dd's inbox (cheap;
// ingest unlinks them without touching the template).
func linkInbox(b *testing.B, tmpl, dd *DataDir) {
	b.Helper()
	ents, err := os.ReadDir(tmpl.Inbox())
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range ents {
		if err := os.Link(filepath.Join(tmpl.Inbox(), e.Name()), filepath.Join(dd.Inbox(), e.Name())); err != nil {
			b.Fatal(err)
		}
	}
}

// peakRSS resets (reset=true) or reads the process' peak resident set size
// (Linux: /proc/self/clear_refs and VmHWM), in MB.
func peakRSS(reset bool) float64 {
	if reset {
		os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
		return 0
	}
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkIngest ingests 2,000 generated dossiers (report/sample) into a
// new data directory per iteration: with the real in-process extractor
// ("first") and with the generated records handed over unparsed
// ("precomputed": the intake's own cost). Then it measures runs that must parse nothing: over the same data directory
// with nothing new ("again"), and with the same 2,000 files dropped again,
// all duplicates ("redropped"). Reports time per dossier, peak RSS and the
// number of PDFs parsed per run.
func BenchmarkIngest(b *testing.B) {
	n := benchDossiers()
	tmpl := mustWorkload(b, n)
	x := &countingExtractor{x: extract.Extractor{}}
	ctx := context.Background()
	open := func(b *testing.B) (*DataDir, *store.Store) {
		dd, err := OpenDataDir(filepath.Join(b.TempDir(), "data"))
		if err != nil {
			b.Fatal(err)
		}
		st, err := store.Open(ctx, dd.StatePath())
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return dd, st
	}
	ingest := func(b *testing.B, dd *DataDir, st *store.Store, x *countingExtractor) IngestSummary {
		sum, err := Ingest(ctx, dd, st, x, IngestOptions{})
		if err != nil {
			b.Fatal(err)
		}
		return sum
	}
	first := func(b *testing.B, x *countingExtractor) {
		var rss float64
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			dd, st := open(b)
			linkInbox(b, tmpl, dd)
			runtime.GC()
			peakRSS(true)
			x.calls.Store(0)
			b.StartTimer()
			sum := ingest(b, dd, st, x)
			b.StopTimer()
			rss = max(rss, peakRSS(false))
			if sum.Archived != n || x.calls.Load() != int64(n) {
				b.Fatalf("summary %+v, %d parsed", sum, x.calls.Load())
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*n), "ms/dossier")
		b.ReportMetric(rss, "peak-RSS-MB")
	}
	b.Run(fmt.Sprintf("first/dossiers=%d", n), func(b *testing.B) { first(b, x) })
	pre := precomputed{}
	for _, p := range sample.Generate(42, n, sample.Options{}) {
		pre[p.Stem+".pdf"] = p.Record
	}
	b.Run(fmt.Sprintf("precomputed/dossiers=%d", n), func(b *testing.B) { first(b, &countingExtractor{x: pre}) })
	dd, st := open(b)
	linkInbox(b, tmpl, dd)
	ingest(b, dd, st, &countingExtractor{x: pre})
	b.Run(fmt.Sprintf("again/dossiers=%d", n), func(b *testing.B) {
		x.calls.Store(0)
		for i := 0; i < b.N; i++ {
			if sum := ingest(b, dd, st, x); sum.Taken != 0 {
				b.Fatalf("summary %+v", sum)
			}
		}
		b.ReportMetric(float64(x.calls.Load()), "parsed")
	})
	b.Run(fmt.Sprintf("redropped/dossiers=%d", n), func(b *testing.B) {
		x.calls.Store(0)
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			dd, st := open(b)
			linkInbox(b, tmpl, dd)
			ingest(b, dd, st, &countingExtractor{x: pre})
			linkInbox(b, tmpl, dd)
			x.calls.Store(0)
			b.StartTimer()
			if sum := ingest(b, dd, st, x); sum.Duplicates != n {
				b.Fatalf("summary %+v", sum)
			}
		}
		b.ReportMetric(float64(x.calls.Load()), "parsed")
	})
}
