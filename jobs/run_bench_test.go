package jobs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/sample"
)

// benchPartners is the size of the nightly-run workload: a large Caf's
// partners (each with its dossier, later bulletins and user export).
const benchPartners = 200

// MustNightlyWorkload makes a data directory holding the records of n
// sample partners (stored directly: PDF extraction has its own benchmark)
// and their exports dropped in exports/, ready for a nightly run.
func MustNightlyWorkload(tb testing.TB, n int) Config {
	tb.Helper()
	ctx := context.Background()
	cfg := DefaultConfig()
	cfg.DataDir = tb.TempDir()
	cfg.Inbox.Settle = Duration{0}
	cfg.Review.LeadDays = 366
	dd, err := OpenDataDir(cfg.DataDir)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(ctx, dd.StatePath())
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i, p := range sample.Generate(11, n, sample.Options{AsOf: DemoAsOf}) {
		for j, rec := range append([]model.Record{p.Record}, p.Bulletins...) {
			sum := sha256.Sum256([]byte(fmt.Sprintf("bench-%d-%d", i, j)))
			sha := hex.EncodeToString(sum[:])
			d := store.Document{SHA256: sha, Name: fmt.Sprintf("%s-%d.pdf", p.Stem, j), ReceivedAt: at, Size: 1,
				Outcome: store.OutcomeRecord, StoredPath: ArchivePath(sha, ".pdf")}
			r := store.Receipt{Folder: store.FolderInbox, SHA256: sha, Name: d.Name, Size: 1, ReceivedAt: at,
				Outcome: store.OutcomeRecord, StoredPath: d.StoredPath}
			if err := st.SaveDocument(ctx, d, &rec, r); err != nil {
				tb.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := sample.WriteExportCSV(&buf, p.Export); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dd.Exports(), "export-"+p.Stem+".csv"), buf.Bytes(), FileMode); err != nil {
			tb.Fatal(err)
		}
	}
	return cfg
}

// BenchmarkNightlyRun measures one whole run over benchPartners conventions:
// their exports taken, reconciled, the breach reports, the Annexe 3 forms
// and every review workbook written (the first night, worst case). Then the
// following nights over the same data: reconcile, reports, no new form, the
// workbooks of the conventions falling due within the default lead time.
func BenchmarkNightlyRun(b *testing.B) {
	ctx := context.Background()
	b.Run(fmt.Sprintf("first/partners=%d", benchPartners), func(b *testing.B) {
		var cpu time.Duration
		defer func() { b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op") }()
		for b.Loop() {
			b.StopTimer()
			cfg := MustNightlyWorkload(b, benchPartners)
			b.StartTimer()
			c0 := cpuTime()
			rep, err := RunPipeline(ctx, RunOptions{Config: cfg, AsOf: DemoAsOf, Extractor: noExtractor{}})
			cpu += cpuTime() - c0
			if err != nil {
				b.Fatal(err)
			}
			if rep.Reviews.Written != benchPartners {
				b.Fatalf("%d review workbooks, want %d", rep.Reviews.Written, benchPartners)
			}
		}
	})
	b.Run(fmt.Sprintf("next-night/partners=%d", benchPartners), func(b *testing.B) {
		// The steady state: the exports unchanged, one day later each night,
		// reviews prepared 30 days ahead (the default lead time).
		cfg := MustNightlyWorkload(b, benchPartners)
		cfg.Review.LeadDays = DefaultConfig().Review.LeadDays
		asOf := DemoAsOf
		if _, err := RunPipeline(ctx, RunOptions{Config: cfg, AsOf: asOf, Extractor: noExtractor{}}); err != nil {
			b.Fatal(err)
		}
		c0 := cpuTime()
		defer func() { b.ReportMetric((cpuTime()-c0).Seconds()/float64(b.N), "cpu-s/op") }()
		for b.Loop() {
			asOf = asOf.AddDays(1)
			if _, err := RunPipeline(ctx, RunOptions{Config: cfg, AsOf: asOf, Extractor: noExtractor{}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// cpuTime is the user and system CPU time of the process so far: on a
// shared machine it says what the work costs, whatever the load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// noExtractor fails the benchmark's inbox, which holds no PDF.
type noExtractor struct{}

func (noExtractor) Extract(context.Context, string, []byte) (model.Record, error) {
	return model.Record{}, fmt.Errorf("no PDF expected in the benchmark")
}
