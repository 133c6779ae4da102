package jobs

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"habilitations/jobs/store"
)

func TestStatus(t *testing.T) {
	ctx := context.Background()
	cfg := DefaultConfig()
	cfg.DataDir = t.TempDir() + "/data"
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

	if _, err := ReadStatus(ctx, cfg, now); !errors.Is(err, ErrNoDataDir) {
		t.Fatalf("status of a missing data directory: %v, want ErrNoDataDir", err)
	}
	dd, err := OpenDataDir(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, dd.StatePath())
	if err != nil {
		t.Fatal(err)
	}
	ok, _ := st.StartRun(ctx, JobRun, "2026-11-24")
	st.FinishRun(ctx, ok, nil, nil)
	bad, _ := st.StartRun(ctx, JobIngest, "2026-11-25")
	st.FinishRun(ctx, bad, nil, errors.New("inbox: permission denied"))
	st.Close()

	s, err := ReadStatus(ctx, cfg, now)
	if err != nil {
		t.Fatal(err)
	}
	if s.LastRuns[JobRun].Status != store.RunOK || s.LastRuns[JobIngest].Status != store.RunFailed {
		t.Errorf("last runs = %+v", s.LastRuns)
	}
	if s.LastFailure == nil || s.LastFailure.ID != bad {
		t.Errorf("last failure = %+v, want run %d", s.LastFailure, bad)
	}
	var b strings.Builder
	if err := s.Write(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"JOB", "ingest", "failed", "ok", "2026-11-26 02:00:00 CET", "2026-11-29 04:00:00 CET",
		"Last error: ingest run #2", "inbox: permission denied"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}
