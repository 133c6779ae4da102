package jobs

import (
	"context"

	"habilitations/model"
)

// IngestOnce is the frequent job of the daemon: the inbox and exports
// folders, and the verification workbooks of the scans just read (no
// reconciliation, no other report but the run report).
func IngestOnce(ctx context.Context, o RunOptions) (RunReport, error) {
	var rep RunReport
	err := withRun(ctx, o, JobIngest, func(ctx context.Context, w *workspace) (any, error) {
		rep = w.newReport(JobIngest)
		return &rep, w.runSteps(ctx, &rep, pipelineSteps[:2])
	})
	return rep, err
}

// JobReconcile is the run kind of `habilitations reconcile --data`.
const JobReconcile = "reconcile"

// ReconcileOnce is the store-based reconcile (`habilitations reconcile
// --data DIR`): the effective records and current exports of the store are
// reconciled as of o.AsOf, the findings saved, the actions of earlier
// reviews checked and the breach reports written, without taking the inbox.
// It returns the run report and the findings (records.md §4).
func ReconcileOnce(ctx context.Context, o RunOptions) (RunReport, model.Findings, error) {
	var rep RunReport
	var fs model.Findings
	err := withRun(ctx, o, JobReconcile, func(ctx context.Context, w *workspace) (any, error) {
		rep = w.newReport(JobReconcile)
		err := w.runSteps(ctx, &rep, []step{{"reconcile", (*workspace).reconcileStep}})
		fs = model.Findings{AsOf: w.opts.AsOf, Findings: w.findings.Filter(func(*model.Finding) bool { return true })}
		return &rep, err
	})
	if fs.Findings == nil {
		fs.Findings = []model.Finding{}
	}
	return rep, fs, err
}

// ReviewOnce prepares the review workbooks of the conventions falling due
// (the daily review job), from the latest reconciliation's findings.
func ReviewOnce(ctx context.Context, o RunOptions) (RunReport, error) {
	var rep RunReport
	err := withRun(ctx, o, JobReview, func(ctx context.Context, w *workspace) (any, error) {
		rep = w.newReport(JobReview)
		return &rep, w.runSteps(ctx, &rep, []step{{"reviews", (*workspace).reviewsStep}, {"overview", (*workspace).overviewStep}})
	})
	return rep, err
}

// RetentionOnce applies the retention settings (the weekly purge).
func RetentionOnce(ctx context.Context, o RunOptions) (RunReport, error) {
	var rep RunReport
	err := withRun(ctx, o, JobRetention, func(ctx context.Context, w *workspace) (any, error) {
		rep = w.newReport(JobRetention)
		return &rep, w.runSteps(ctx, &rep, []step{{"retention", func(w *workspace, ctx context.Context, rep *RunReport) error {
			res, err := Purge(ctx, w.st, w.dd.Root, w.opts.Config.Retention, w.opts.Now().In(w.opts.Config.Location()))
			rep.Retention = &res
			return err
		}}})
	})
	return rep, err
}

// ScheduledJobs returns the jobs of `habilitations serve`, keyed by name,
// each running with o (its AsOf is recomputed at every activation).
func ScheduledJobs(o RunOptions) map[string]JobFunc {
	wrap := func(f func(context.Context, RunOptions) (RunReport, error)) JobFunc {
		return func(ctx context.Context) error {
			_, err := f(ctx, o)
			return err
		}
	}
	return map[string]JobFunc{
		JobIngest:    wrap(IngestOnce),
		JobRun:       wrap(RunPipeline),
		JobReview:    wrap(ReviewOnce),
		JobRetention: wrap(RetentionOnce),
	}
}
