package jobs

import (
	"context"
	"errors"
	"path/filepath"

	"habilitations/model"
	"habilitations/report/breach"
)

// ingestStep takes the inbox and exports folders.
func (w *workspace) ingestStep(ctx context.Context, rep *RunReport) error {
	if w.opts.Extractor == nil {
		return errors.New("no PDF extractor configured")
	}
	x := w.opts.Extractor
	if _, quiet := w.opts.Progress.(noProgress); !quiet {
		w.opts.Progress.Start("PDFs", countPDFs(w.dd.Inbox()))
		defer w.opts.Progress.Finish()
		x = progressExtractor{x, w.opts.Progress}
	}
	sum, err := Ingest(ctx, w.dd, w.st, x, IngestOptions{
		Settle:   w.opts.Config.Inbox.Settle.Duration,
		MaxBytes: w.opts.Config.Extraction.MaxBytes,
		Log:      w.log,
		Now:      w.opts.Now,
		Review:   ImportOptions{Attestation: w.opts.Attestation, Now: w.opts.Now},
	})
	rep.Ingest = &sum
	return err
}

// verificationStep writes the verification workbooks of the documents read
// from scans whose values a person must still check.
func (w *workspace) verificationStep(ctx context.Context, rep *RunReport) error {
	sum, err := WriteVerifications(ctx, w.st, w.dd, w.opts.AsOf)
	if sum.Documents > 0 {
		rep.Verification = &sum
		w.log.Info("values to verify", "documents", sum.Documents, "values", sum.Values, "written", sum.Written)
	}
	return err
}

// reconcileSettings are the thresholds of the configuration.
func (w *workspace) reconcileSettings() model.ReconcileSettings {
	c := w.opts.Config.Reconcile
	return model.ReconcileSettings{DormantDays: c.DormantDays, MailboxMinPart: c.MailboxMinPart}
}

// reconcileStep reconciles, checks the actions of the previous reviews
// against the new exports, and writes the breach reports.
func (w *workspace) reconcileStep(ctx context.Context, rep *RunReport) error {
	// The rows read whole after this step: those of the conventions whose
	// review workbook falls due and of those whose earlier review's
	// actions are checked.
	pending, err := pendingActionChecks(ctx, w.st, w.opts.AsOf)
	if err != nil {
		return err
	}
	res, err := reconcile(ctx, w.st, w.dd.Root, w.runID, w.opts.AsOf, w.reconcileSettings(), w.opts.Progress, rowUse{
		keep:    nightKeep(pending, w.opts.AsOf, w.opts.Config.Review.LeadDays),
		holders: true,
		read:    w.boundHeap,
	})
	if err != nil {
		return err
	}
	defer res.Holders.Close()
	checks, err := CheckReviewActions(ctx, w.st, res.EffectiveRecords, res.CurrentRows, w.opts.AsOf)
	if err != nil {
		return err
	}
	var paths breach.Paths
	err = withHeapBoundFor(res.Rows, breachBudget, func() error {
		var err error
		paths, err = breach.Write(ctx, w.dd.Path(reportsDir(w.opts.AsOf)), breach.Input{
			AsOf: w.opts.AsOf, Grouped: res.Findings, Records: res.EffectiveRecords,
			Holders: func() (*breach.HolderSpool, error) { return res.Holders.Sort(breach.BreachesOf(res.Findings)) },
			New:     res.New, Resolved: res.Resolved, HasPrevious: res.PreviousRun != 0, Settings: w.reconcileSettings(),
			SheetLimit: w.opts.Config.Report.SheetLimit,
		})
		return err
	})
	if err != nil {
		return err
	}
	for _, p := range []string{paths.XLSX, paths.CSV, paths.AccountsCSV, paths.JSON} {
		res.Reports = append(res.Reports, w.rel(p))
	}
	sum := res.Summary()
	for _, rs := range checks {
		sum.ActionChecks += len(rs)
	}
	w.followUp = checks
	rep.Reconcile = &sum
	w.findings, w.records, w.rows = res.Findings, res.EffectiveRecords, res.CurrentRows
	// The forms step reads only the administrator findings: only those
	// new are copied (on the first night, every one).
	if !res.New.None() {
		w.newFindings = res.Findings.Filter(func(f *model.Finding) bool {
			return (f.Code == model.CodeUndeclaredAdmin || f.Code == model.CodeMissingAdmin) && res.New.Has(f)
		})
	}
	w.log.Info("reconciled", "records", sum.Records, "exports", sum.Exports, "rows", sum.Rows,
		"findings", sum.Findings, "new", sum.New, "resolved", sum.Resolved, "action_checks", sum.ActionChecks)
	return nil
}

// nightKeep selects the conventions whose rows the night reads whole after
// reconciling: those with earlier review actions to check (pending) and
// those whose review workbook falls due within lead days of asOf.
func nightKeep(pending map[string]pendingCheck, asOf model.Date, lead int) func(model.Record) bool {
	return func(r model.Record) bool {
		_, check := pending[r.Convention.Number]
		return check || reviewWanted(r, asOf, lead)
	}
}

// reviewsStep prepares the review workbooks of the conventions whose
// anniversary falls within the lead time, and the Caf's consolidated workbook.
func (w *workspace) reviewsStep(ctx context.Context, rep *RunReport) error {
	res, err := PrepareReviews(ctx, w.st, w.dd, ReviewOptions{
		AsOf: w.opts.AsOf, LeadDays: w.opts.Config.Review.LeadDays, OncePerCycle: true, Settings: w.reconcileSettings(), DeferConsolidated: true,
		Records: w.records, Rows: w.rows, Findings: w.findings, FollowUp: w.followUp, Now: w.opts.Now, Log: w.log,
		Progress: w.opts.Progress,
	})
	w.reviewLines = res.Lines
	rep.Reviews = &FilesSummary{Written: len(res.Workbooks), Skipped: res.Skipped, Files: append([]string{}, res.Workbooks...)}
	return err
}

// campaignStep follows the review campaign: finding ages, reminders,
// formal notices, messages written and sent (RunCampaign).
func (w *workspace) campaignStep(ctx context.Context, rep *RunReport) error {
	sum, lines, err := RunCampaign(ctx, w.st, w.dd, CampaignOptions{AsOf: w.opts.AsOf, Config: w.opts.Config, Records: w.records,
		Findings: w.findings, RunID: w.runID, Now: w.opts.Now, Log: w.log, TLS: w.opts.MailTLS})
	rep.Campaign = &sum
	w.campaign = lines
	return err
}

// overviewStep writes the Caf's overview of the reviews, with the
// campaign's state (this run's, or the store's when the job has no
// campaign step).
func (w *workspace) overviewStep(ctx context.Context, rep *RunReport) error {
	camp := w.campaign
	if camp == nil {
		var err error
		if camp, err = CampaignView(ctx, w.st, w.opts.AsOf, w.opts.Config); err != nil {
			return err
		}
	}
	rel, err := writeConsolidated(w.dd, w.opts.AsOf, "", w.reviewLines, camp)
	if err != nil {
		return err
	}
	if rep.Reviews != nil {
		rep.Reviews.Files = append([]string{rel}, rep.Reviews.Files...)
	}
	return nil
}

// reportsDir is the folder of the reports of a date, relative to the data directory.
func reportsDir(asOf model.Date) string { return DirReports + "/" + asOf.String() }

// rel returns path relative to the data directory, slash-separated.
func (w *workspace) rel(path string) string {
	r, err := filepath.Rel(w.dd.Root, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(r)
}

// formsStep prepares an Annexe 3 administrator-change form for every new
// undeclared_admin and missing_admin finding of this run: a finding that
// persists from the previous day already has its form (in that day's
// reports), so the nightly run does not pile up copies.
func (w *workspace) formsStep(ctx context.Context, rep *RunReport) error {
	sum, err := WriteAdminForms(ctx, w.dd, FormsInput{AsOf: w.opts.AsOf, Records: w.records, Rows: w.rows, Findings: w.newFindings,
		Store: w.st})
	rep.Forms = &sum
	return err
}
