package jobs

import (
	"context"
	"fmt"
	"time"
)

// RunPipeline runs the whole pipeline once (`habilitations run`, the 02:00
// job): inbox and exports are ingested, the exports reconciled with the
// effective conventions, the breach reports written, an Annexe 3 form
// prepared for every administrator finding, and the review workbooks of the
// conventions falling due; it follows the review campaign (reminders, formal
// notices, messages) and writes the Caf's overview. It then writes the JSON
// run report.
//
// Rejected files and findings are results, not failures: the error is
// non-nil only when the run itself failed (ErrLocked when another process
// holds the data directory).
func RunPipeline(ctx context.Context, o RunOptions) (RunReport, error) {
	var rep RunReport
	err := withRun(ctx, o, JobRun, func(ctx context.Context, w *workspace) (any, error) {
		rep = w.newReport(JobRun)
		err := w.runSteps(ctx, &rep, pipelineSteps)
		return &rep, err
	})
	return rep, err
}

// step is one stage of a job; it fills its part of the run report.
type step struct {
	name string
	run  func(w *workspace, ctx context.Context, rep *RunReport) error
}

// pipelineSteps are the stages of the whole run, in order.
var pipelineSteps = []step{
	{"ingest", (*workspace).ingestStep},
	{"verification", (*workspace).verificationStep},
	{"reconcile", (*workspace).reconcileStep},
	{"forms", (*workspace).formsStep},
	{"reviews", (*workspace).reviewsStep},
	{"campaign", (*workspace).campaignStep},
	{"overview", (*workspace).overviewStep},
}

func (w *workspace) newReport(kind string) RunReport {
	perms := w.dd.CheckPermissions()
	for _, p := range perms {
		w.log.Warn("data directory open to other users", "path", p.Path, "mode", p.Mode, "entries", p.Count, "fix", p.Fix)
	}
	rep := RunReport{RunID: w.runID, Kind: kind, AsOf: w.opts.AsOf.String(), StartedAt: w.opts.Now().UTC(), DataDir: w.dd.Root,
		Permissions: perms}
	if err := w.opts.TextRecognition; err != nil && w.opts.Extractor != nil {
		rep.TextRecognition = err.Error()
		w.log.Warn("text recognition is not installed: scanned documents are rejected", "why", err)
	}
	return rep
}

// runSteps runs steps in order, stopping at the first failure, then writes
// the run report (also after a failure: it says how far the run got), except
// for an idle inbox pass.
func (w *workspace) runSteps(ctx context.Context, rep *RunReport, steps []step) error {
	var err error
	defer func() {
		if w.restoreHeap != nil {
			w.restoreHeap()
			w.restoreHeap = nil
		}
	}()
	for _, s := range steps {
		if err = ctx.Err(); err != nil {
			break
		}
		t := w.opts.Now()
		if err = s.run(w, ctx, rep); err != nil {
			err = fmt.Errorf("%s: %w", s.name, err)
			break
		}
		w.log.Debug("step done", "step", s.name, "elapsed", w.opts.Now().Sub(t).Round(time.Millisecond))
	}
	rep.FinishedAt = w.opts.Now().UTC()
	if err == nil && w.idle(rep) {
		return nil // the runs table keeps its summary; no file for an idle pass
	}
	if werr := writeRunReport(w.dd, rep, w.opts.Config.Location()); werr != nil && err == nil {
		err = werr
	}
	return err
}

// idle reports whether a run is an inbox pass of the daemon that found
// nothing: those come every five minutes and would bury the reports folder
// under empty run reports.
func (w *workspace) idle(rep *RunReport) bool {
	in := rep.Ingest
	return rep.Kind == JobIngest && in != nil && in.Taken+in.Waiting+in.Errors+in.Finished == 0
}
