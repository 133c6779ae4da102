package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"text/tabwriter"
	"time"

	"habilitations/jobs/store"
)

// Status is what `habilitations status` shows: the last run of each job,
// the next activations of the schedules, and the last failure.
type Status struct {
	DataDir     string
	Now         time.Time
	LastRuns    map[string]store.Run // by job name
	LastFailure *store.Run
	Next        map[string]time.Time // by job name, in the configured zone; absent when not scheduled
	Daemon      DaemonState          // whether `habilitations serve` runs on the data directory
	Permissions []PermissionWarning  // parts of the data directory open to other users
	// TextRecognition, when not empty, says why scans cannot be read on
	// this machine (the caller checks: ocr.Find).
	TextRecognition string
	// ToVerify counts the documents read from scans whose values a person
	// must still check, and those values.
	ToVerify, ToVerifyValues int
}

// ErrNoDataDir says the data directory does not exist yet (nothing ran).
var ErrNoDataDir = errors.New("data directory does not exist")

// ReadStatus reads the runs table of cfg's data directory and computes the
// next activations of cfg's schedules after now. It never takes the lock: a
// status taken while a run goes on shows that run as running.
func ReadStatus(ctx context.Context, cfg Config, now time.Time) (Status, error) {
	st := Status{DataDir: cfg.DataDir, Now: now.In(cfg.Location()), Next: NextRuns(cfg, now)}
	dd := &DataDir{Root: cfg.DataDir}
	st.Permissions = dd.CheckPermissions()
	var err error
	if st.Daemon, err = dd.Daemon(); err != nil {
		return st, err
	}
	db := dd.StatePath()
	if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
		return st, fmt.Errorf("%s: %w", cfg.DataDir, ErrNoDataDir)
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		return st, err
	}
	defer s.Close()
	if st.LastRuns, err = s.LatestRunByKind(ctx); err != nil {
		return st, err
	}
	f, ok, err := s.LastFailedRun(ctx)
	if err != nil {
		return st, err
	}
	if ok {
		st.LastFailure = &f
	}
	pending, err := s.ToVerifyRecords(ctx)
	if err != nil {
		return st, err
	}
	for _, r := range pending {
		st.ToVerify++
		st.ToVerifyValues += len(r.Record.ToVerify)
	}
	return st, nil
}

// NextRuns returns the next activation after now of every scheduled job.
func NextRuns(cfg Config, now time.Time) map[string]time.Time {
	out := map[string]time.Time{}
	for _, sj := range cfg.Schedule.specs() {
		if sj.spec == "" {
			continue
		}
		if sch, err := ParseSchedule(sj.spec); err == nil {
			out[sj.job] = sch.Next(now.In(cfg.Location()))
		}
	}
	return out
}

// Write prints the status as one screen of text.
func (st Status) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Data directory:\t%s\n", st.DataDir)
	fmt.Fprintf(tw, "Now:\t%s\n", st.Now.Format(time.RFC3339))
	daemon := "not running"
	if d := st.Daemon; d.Running {
		daemon = fmt.Sprintf("running, pid %d", d.PID)
		if !d.Since.IsZero() {
			daemon += ", since " + d.Since.In(st.Now.Location()).Format(time.RFC3339)
		}
	}
	fmt.Fprintf(tw, "Daemon:\t%s\n\n", daemon)
	fmt.Fprintln(tw, "JOB\tLAST START\tDURATION\tSTATUS\tNEXT")
	for _, job := range st.jobs() {
		last, dur, status := "never", "", ""
		if r, ok := st.LastRuns[job]; ok {
			last = r.StartedAt.In(st.Now.Location()).Format("2006-01-02 15:04:05")
			status = r.Status
			if !r.FinishedAt.IsZero() {
				dur = r.FinishedAt.Sub(r.StartedAt).Round(time.Millisecond).String()
			}
		}
		next := "not scheduled"
		if t, ok := st.Next[job]; ok {
			next = t.Format("2006-01-02 15:04:05 MST")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", job, last, dur, status, next)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if r, ok := st.LastRuns[JobRun]; ok {
		var rep RunReport
		if json.Unmarshal(r.Summary, &rep) == nil && rep.Report != "" {
			fmt.Fprintf(w, "\nLast run report: %s", rep.Report)
			if c := rep.Reconcile; c != nil {
				fmt.Fprintf(w, " (%d findings, %d new, %d resolved)", c.Findings, c.New, c.Resolved)
			}
			fmt.Fprintln(w)
		}
	}
	if st.ToVerify > 0 {
		fmt.Fprintf(w, "To verify: %d documents read from scans hold %d values to check (verification workbooks in reports/<date>/verification/)\n",
			st.ToVerify, st.ToVerifyValues)
	}
	if len(st.Permissions) > 0 || st.TextRecognition != "" {
		fmt.Fprintln(w)
		ptw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
		writePermissions(ptw, st.Permissions)
		writeTextRecognition(ptw, st.TextRecognition)
		ptw.Flush()
	}
	if f := st.LastFailure; f != nil {
		_, err := fmt.Fprintf(w, "\nLast error: %s run #%d at %s: %s\n", f.Kind, f.ID,
			f.StartedAt.In(st.Now.Location()).Format(time.RFC3339), f.Error)
		return err
	}
	_, err := fmt.Fprintln(w, "\nLast error: none")
	return err
}

// jobs lists the scheduled jobs first, in schedule order, then any other kind
// found in the runs table (e.g. one-shot ingest or review commands).
func (st Status) jobs() []string {
	seen := map[string]bool{}
	var out []string
	for _, sj := range (ScheduleConfig{}).specs() {
		out = append(out, sj.job)
		seen[sj.job] = true
	}
	var extra []string
	for k := range st.LastRuns {
		if !seen[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}
