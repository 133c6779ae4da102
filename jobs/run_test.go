package jobs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"habilitations/extract"
	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/sample"
)

func keysOf(fs []model.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Key()
	}
	slices.Sort(out)
	return out
}

// TestJobsOnDemoData runs each job of the daemon in-process on the demo
// data: inbox, reconcile, reviews, retention; and checks the lock.
func TestJobsOnDemoData(t *testing.T) {
	ctx := context.Background()
	d, err := PrepareDemo(filepath.Join(t.TempDir(), "demo"))
	if err != nil {
		t.Fatal(err)
	}
	o := RunOptions{Config: d.Config, AsOf: d.AsOf, Extractor: extract.Extractor{}}

	rep, err := IngestOnce(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	// The extractor has no text recognition: the scanned dossier is rejected.
	scans := 0
	if d.Scan != "" {
		scans = 1
	}
	if in := rep.Ingest; in.Archived != d.Dossiers || in.Rejected != d.Broken+scans || in.Exports != d.Exports {
		t.Errorf("ingest = %+v, want %d archived, %d rejected, %d exports", in, d.Dossiers, d.Broken+scans, d.Exports)
	}
	if rep.Reconcile != nil || rep.Reviews != nil {
		t.Errorf("the ingest job went beyond the inbox: %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(d.Config.DataDir, rep.Report)); rep.Report == "" || err != nil {
		t.Errorf("an inbox pass that took files wrote no run report (%q, %v)", rep.Report, err)
	}

	rep, fs, err := ReconcileOnce(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	var planted []model.Finding
	for _, p := range sample.Generate(DemoSeed, DemoPartners, sample.Options{AsOf: DemoAsOf}) {
		planted = append(planted, p.Planted...)
	}
	if got, want := keysOf(fs.Findings), keysOf(planted); !slices.Equal(got, want) {
		t.Errorf("findings differ from the planted ones:\n got %q\nwant %q", got, want)
	}
	for _, p := range rep.Reconcile.Reports {
		if _, err := os.Stat(filepath.Join(d.Config.DataDir, p)); err != nil {
			t.Errorf("report %s: %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(d.Config.DataDir, rep.Report)); err != nil || rep.Report == "" {
		t.Errorf("run report %q: %v", rep.Report, err)
	}

	progress := &stepRecorder{}
	withProgress := o
	withProgress.Progress = progress
	rep, err = ReviewOnce(ctx, withProgress)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Reviews == nil || rep.Reviews.Written != DemoPartners {
		t.Errorf("reviews = %+v, want %d workbooks", rep.Reviews, DemoPartners)
	}
	if want := fmt.Sprintf("review workbooks %d/%d", DemoPartners, DemoPartners); !slices.Contains(progress.steps, want) {
		t.Errorf("progress steps %v, want %q", progress.steps, want)
	}

	rep, err = RetentionOnce(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Retention == nil || *rep.Retention != (RetentionResult{}) {
		t.Errorf("retention on fresh data purged %+v", rep.Retention)
	}

	// The next night: the administrator findings persist, their forms exist.
	next := o
	next.AsOf = d.AsOf.AddDays(1)
	rep, err = RunPipeline(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Forms == nil || rep.Forms.Written != 0 || rep.Reconcile.Previous == 0 {
		t.Errorf("next night: forms %+v, reconcile %+v; want no form for persisting findings", rep.Forms, rep.Reconcile)
	}
	// Nor a copy of the review workbooks of the same cycle.
	if rep.Reviews == nil || rep.Reviews.Written != 0 || rep.Reviews.Skipped != DemoPartners {
		t.Errorf("next night: reviews %+v; want the %d workbooks of this cycle kept, none written", rep.Reviews, DemoPartners)
	}

	dd, _ := OpenDataDir(d.Config.DataDir)
	l, err := dd.Lock()
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	if _, err := RunPipeline(ctx, o); !errors.Is(err, ErrLocked) {
		t.Errorf("RunPipeline while locked = %v, want ErrLocked", err)
	}
}

func TestPrepareDemoRefusesForeignDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "precious.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := PrepareDemo(dir); err == nil {
		t.Fatal("PrepareDemo emptied a directory it did not make")
	}
	if _, err := os.Stat(filepath.Join(dir, "precious.txt")); err != nil {
		t.Fatalf("foreign file lost: %v", err)
	}
}

// TestStaleRunClosed: a run left « running » by a killed process is closed
// as failed by the next job, which holds the lock and so knows it died.
func TestStaleRunClosed(t *testing.T) {
	ctx := context.Background()
	cfg := DefaultConfig()
	cfg.DataDir = t.TempDir()
	cfg.Inbox.Settle = Duration{0}
	dd, err := OpenDataDir(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, dd.StatePath())
	if err != nil {
		t.Fatal(err)
	}
	dead, err := st.StartRun(ctx, JobRun, "2026-11-24")
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := IngestOnce(ctx, RunOptions{Config: cfg, Extractor: extract.Extractor{}})
	if err != nil {
		t.Fatal(err)
	}
	if reports, _ := filepath.Glob(filepath.Join(cfg.DataDir, "reports", "*", "run-*.json")); rep.Report != "" || len(reports) != 0 {
		t.Errorf("an idle inbox pass wrote a run report: %q %v", rep.Report, reports)
	}
	st, err = store.Open(ctx, dd.StatePath())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		switch {
		case r.ID == dead && (r.Status != store.RunFailed || r.FinishedAt.IsZero() || r.Error == ""):
			t.Errorf("dead run = %+v, want failed with an error", r)
		case r.ID != dead && r.Status != store.RunOK:
			t.Errorf("run %d = %s, want ok", r.ID, r.Status)
		}
	}
}

func TestRelativeTo(t *testing.T) {
	tests := []struct{ dir, target, want string }{
		{"reports/2026-11-26/revue", "reports/2026-11-25/revue/revue-01-2012.xlsx", "../../2026-11-25/revue/revue-01-2012.xlsx"},
		{"reports/2026-11-26/revue", "reports/2026-11-26/revue/revue-01-2012.xlsx", "revue-01-2012.xlsx"},
		{"a/b", "c/d.xlsx", "../../c/d.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			if got := relativeTo(tt.dir, tt.target); got != tt.want {
				t.Errorf("relativeTo(%q, %q) = %q, want %q", tt.dir, tt.target, got, tt.want)
			}
		})
	}
}

// stepRecorder is a Progress that records each finished step as « name
// done/total ».
type stepRecorder struct {
	steps       []string
	name        string
	done, total int
	open        bool
}

func (r *stepRecorder) Start(step string, total int) {
	r.Finish()
	r.name, r.total, r.done, r.open = step, total, 0, true
}

func (r *stepRecorder) Add(n int) { r.done += n }

func (r *stepRecorder) Finish() {
	if r.open {
		r.steps = append(r.steps, fmt.Sprintf("%s %d/%d", r.name, r.done, r.total))
		r.open = false
	}
}
