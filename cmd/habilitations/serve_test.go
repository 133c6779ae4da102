package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"habilitations/jobs/store"
	"habilitations/report/sample"
)

// lockedBuffer collects a child's stderr while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// mustServeFixture writes n sample dossiers into a new data directory's
// inbox and a configuration that runs the inbox job every second and the
// whole run on the schedule run ("" for none).
func mustServeFixture(tb testing.TB, n int, run string) (cfg, data string, partners []sample.Partner) {
	tb.Helper()
	dir := tb.TempDir()
	data = filepath.Join(dir, "data")
	if err := os.MkdirAll(filepath.Join(data, "inbox"), 0o700); err != nil {
		tb.Fatal(err)
	}
	partners = sample.Generate(7, n, sample.Options{BulletinRate: -1})
	for _, p := range partners {
		f, err := os.OpenFile(filepath.Join(data, "inbox", p.Stem+".pdf"), os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			tb.Fatal(err)
		}
		if err := sample.WriteDossierPDF(f, p.Record); err != nil {
			tb.Fatal(err)
		}
		f.Close()
	}
	cfg = filepath.Join(dir, "serve.toml")
	toml := fmt.Sprintf(`data_dir = %q
[inbox]
settle = "0s"
[schedule]
ingest = "*/1 * * * * *"
run = %q
review = ""
retention = ""
`, data, run)
	if err := os.WriteFile(cfg, []byte(toml), 0o600); err != nil {
		tb.Fatal(err)
	}
	return cfg, data, partners
}

// startServe starts `habilitations serve` on cfg.
func startServe(tb testing.TB, cfg string) (*exec.Cmd, *lockedBuffer) {
	tb.Helper()
	cmd := exec.Command(e2eBinary(tb), "serve", "--config", cfg)
	cmd.Env = append(os.Environ(), "HABILITATIONS_CONFIG=", "HABILITATIONS_DATA=")
	logs := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, logs
}

// waitFor polls cond on the store until it holds or the time is up.
func waitFor(tb testing.TB, data string, logs *lockedBuffer, what string, cond func(st *store.Store) bool) {
	tb.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(filepath.Join(data, "state.db")); err == nil {
			st, err := store.Open(context.Background(), filepath.Join(data, "state.db"))
			if err == nil {
				ok := cond(st)
				st.Close()
				if ok {
					return
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.Fatalf("timed out waiting for %s; logs:\n%s", what, logs.String())
}

func runsOf(st *store.Store, kind string) (ok, other int) {
	runs, _ := st.Runs(context.Background(), 0)
	for _, r := range runs {
		if r.Kind != kind {
			continue
		}
		if r.Status == store.RunOK {
			ok++
		} else {
			other++
		}
	}
	return ok, other
}

// stopServe sends SIGTERM and returns the exit code.
func stopServe(tb testing.TB, cmd *exec.Cmd, logs *lockedBuffer) int {
	tb.Helper()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		tb.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		tb.Fatalf("serve did not stop within 60 s of SIGTERM; logs:\n%s", logs.String())
	}
	return cmd.ProcessState.ExitCode()
}

// TestServeRunsTwoCyclesThenStopsOnSIGTERM runs the daemon with
// seconds-level schedules (the inbox every second, the whole run every
// three): jobs queue behind each other, and SIGTERM stops it cleanly.
func TestServeRunsTwoCyclesThenStopsOnSIGTERM(t *testing.T) {
	cfg, data, partners := mustServeFixture(t, 1, "*/3 * * * * *")
	cmd, logs := startServe(t, cfg)
	waitFor(t, data, logs, "two successful inbox cycles and a whole run", func(st *store.Store) bool {
		ok, _ := runsOf(st, "ingest")
		runs, _ := runsOf(st, "run")
		return ok >= 2 && runs >= 1
	})
	// While it serves: status names it, and a second daemon is refused.
	if out := mustRunBinary(t, 0, "status", "--config", cfg).stdout; !strings.Contains(out, fmt.Sprintf("running, pid %d, since ", cmd.Process.Pid)) {
		t.Errorf("status while serving:\n%s", out)
	}
	if r := mustRunBinary(t, 3, "serve", "--config", cfg); !strings.Contains(r.stderr, "a daemon already serves") {
		t.Errorf("second serve: %s", r.stderr)
	}
	if code := stopServe(t, cmd, logs); code != 0 {
		t.Fatalf("serve exited %d after SIGTERM, want 0; logs:\n%s", code, logs.String())
	}
	if out := mustRunBinary(t, 0, "status", "--config", cfg).stdout; !regexp.MustCompile(`Daemon: +not running`).MatchString(out) {
		t.Errorf("status after the daemon stopped:\n%s", out)
	}
	st, err := store.Open(context.Background(), filepath.Join(data, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.Runs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		if r.Status != store.RunOK || r.FinishedAt.IsZero() {
			t.Errorf("run %d (%s) ended %q at %v, want ok and finished", r.ID, r.Kind, r.Status, r.FinishedAt)
		}
	}
	recs, err := st.EffectiveRecords(context.Background())
	if err != nil || len(recs) != 1 || recs[0].Convention.Number != partners[0].Record.Convention.Number {
		t.Errorf("records after serving = %v (%v), want convention %s", len(recs), err, partners[0].Record.Convention.Number)
	}
	out := logs.String()
	for _, want := range []string{"msg=scheduled job=ingest", "msg=\"job done\" job=ingest", "msg=\"job done\" job=run", "msg=stopped"} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %q:\n%s", want, out)
		}
	}
	mustHoldNoPersonalData(t, out, partners)
}

// TestServeSIGTERMFinishesTheCurrentDocument stops the daemon while its
// inbox job is between documents: the job finishes the document it is on,
// records its run as interrupted, and every dropped file is then exactly
// once in the inbox or in the archive.
func TestServeSIGTERMFinishesTheCurrentDocument(t *testing.T) {
	const n = 6
	cfg, data, partners := mustServeFixture(t, n, "")
	cmd, logs := startServe(t, cfg)
	waitFor(t, data, logs, "the first document", func(st *store.Store) bool {
		ds, _ := st.Documents(context.Background())
		return len(ds) >= 1
	})
	if code := stopServe(t, cmd, logs); code != 0 {
		t.Fatalf("serve exited %d after SIGTERM, want 0; logs:\n%s", code, logs.String())
	}
	st, err := store.Open(context.Background(), filepath.Join(data, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs, err := st.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	inbox, _ := filepath.Glob(filepath.Join(data, "inbox", "*.pdf"))
	if len(docs)+len(inbox) != n {
		t.Errorf("%d documents stored + %d left in the inbox, want %d in all", len(docs), len(inbox), n)
	}
	for _, d := range docs {
		if d.Outcome != store.OutcomeRecord {
			t.Errorf("document %.12s: outcome %s, want a record", d.SHA256, d.Outcome)
		}
		if _, err := os.Stat(filepath.Join(data, filepath.FromSlash(d.StoredPath))); err != nil {
			t.Errorf("document %.12s not archived: %v", d.SHA256, err)
		}
	}
	runs, err := st.Runs(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		if r.Status == store.RunRunning || r.FinishedAt.IsZero() {
			t.Errorf("run %d left %q: a stop must record the end of the job", r.ID, r.Status)
		}
	}
	if len(docs) < n && (len(runs) == 0 || runs[0].Status != store.RunInterrupted) {
		t.Errorf("last run = %+v, want interrupted when documents were left", runs)
	}
	t.Logf("stopped after %d of %d documents; last run %s", len(docs), n, runs[0].Status)
	mustHoldNoPersonalData(t, logs.String(), partners)
}
