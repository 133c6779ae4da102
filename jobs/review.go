package jobs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path"
	"strings"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/review"
)

// ReviewOptions configure the preparation of review workbooks.
type ReviewOptions struct {
	AsOf       model.Date
	Convention string // only this convention ("" = all)
	// LeadDays > 0 prepares only the conventions whose review falls due
	// within LeadDays of AsOf (the nightly run); 0 prepares every convention
	// with an export (the review command).
	LeadDays int
	// OncePerCycle (the nightly run) skips a convention whose workbook for
	// the same due date an earlier day already wrote (see preparedThisCycle).
	OncePerCycle bool
	Settings     model.ReconcileSettings
	// Findings of a reconciliation already done on the same data, held
	// by convention, given with Records and Rows.
	Findings *model.ConventionFindings
	// Records and Rows are the effective records and the current export
	// rows indexed by convention, already read by the caller (the run's
	// reconcile step keeps whole only the rows of the conventions that
	// reviewWanted selects); nil Records means read them here.
	Records []model.Record
	Rows    *model.ConventionRows
	// FollowUp is the check of earlier reviews' actions already done by the
	// caller (the run's reconcile step calls CheckReviewActions); nil means
	// check here.
	FollowUp map[string][]model.ActionResult
	// DeferConsolidated leaves the Caf's consolidated workbook to the
	// caller (ReviewResult.Lines): the nightly run writes it after the
	// campaign step, with the campaign's state of this run.
	DeferConsolidated bool
	// Campaign are the campaign lines shown in the consolidated workbook
	// (nil: no campaign columns filled).
	Campaign []CampaignLine
	Now      func() time.Time
	Log      *slog.Logger
	// Progress (nil: none) advances by one per convention.
	Progress Progress
}

// ReviewResult lists what PrepareReviews wrote (paths relative to the data
// directory) and counts; no names.
type ReviewResult struct {
	Workbooks    []string `json:"workbooks"`
	Skipped      int      `json:"skipped"` // already generated, unchanged
	Consolidated string   `json:"consolidated"`
	NoExport     int      `json:"no_export"` // conventions without export rows: nothing to review yet
	ActionChecks int      `json:"action_checks"`
	// Lines are the consolidated workbook's rows, for a caller that
	// deferred it.
	Lines []review.ConventionLine `json:"-"`
}

// reviewDir is where a day's review files go.
func reviewDir(asOf model.Date) string { return path.Join(DirReports, asOf.String(), "revue") }

// fileSafe turns a convention number into a file name part (06/2017 → 06-2017).
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '.' {
			return r
		}
		return '-'
	}, s)
}

// PrepareReviews writes the review workbook of each convention (one per
// convention with export rows, filtered by o) to reports/<as-of>/revue/,
// with the follow-up of the previous review's actions when there is one, and
// the Caf's consolidated workbook of every convention.
func PrepareReviews(ctx context.Context, st *store.Store, dd *DataDir, o ReviewOptions) (ReviewResult, error) {
	var res ReviewResult
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Progress == nil {
		o.Progress = noProgress{}
	}
	key, err := ReviewKey(ctx, dd, st)
	if err != nil {
		return res, err
	}
	records, rowsOf, findings := o.Records, o.Rows, o.Findings
	if records != nil && (rowsOf == nil || findings == nil) {
		return res, fmt.Errorf("review: records given without their rows and findings")
	}
	if records == nil {
		var rows []model.Habilitation
		if records, rows, err = loadReviewInputs(ctx, st, dd); err != nil {
			return res, err
		}
		// Rows and findings indexed by convention once: looking them up in
		// the whole export for each convention grew as conventions × rows.
		rowsOf = model.NewConventionRows(model.MergeBulletins(records), rows)
		findings = model.GroupFindings(model.Reconcile(records, rows, o.AsOf, o.Settings))
	}
	follow := o.FollowUp
	if follow == nil {
		if follow, err = CheckReviewActions(ctx, st, records, rowsOf, o.AsOf); err != nil {
			return res, err
		}
	}
	for _, rs := range follow {
		res.ActionChecks += len(rs)
	}
	dir := reviewDir(o.AsOf)
	var lines []review.ConventionLine
	due := map[string]string{}
	merged := model.MergeBulletins(records)
	o.Progress.Start("review workbooks", len(merged))
	defer o.Progress.Finish()
	for _, rec := range merged {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		o.Progress.Add(1)
		num := rec.Convention.Number
		if o.Convention != "" && model.NormalizeNumber(o.Convention) != num {
			continue
		}
		rv := model.Review{Record: rec, AsOf: o.AsOf, Due: model.ReviewDue(rec.Convention.SignedOn, o.AsOf)}
		n := rowsOf.Len(rec)
		notDue := !reviewWanted(rec, o.AsOf, o.LeadDays)
		if n > 0 && !notDue {
			// BuildReview copies the convention's findings it keeps.
			rv = model.BuildReview(rec, rowsOf.Rows(rec), findings.Of(num), o.AsOf)
		} else {
			// The overview's line only: the whole review (rows, keys,
			// recommendations) is built for the workbooks written.
			rv.Quotas = rowsOf.Quotas(rec)
		}
		due[num] = rv.Due.String()
		line := conventionLine(rv, len(findings.Of(num)))
		switch {
		case n == 0:
			res.NoExport++
			line.Note = "Aucun export des habilitations reçu : revue impossible."
		case notDue:
			line.Note = fmt.Sprintf("Classeur préparé %d jours avant l'échéance.", o.LeadDays)
		default:
			if prev, ok, err := preparedThisCycle(ctx, st, dd, o, dir, rv); err != nil {
				return res, err
			} else if ok {
				res.Skipped++
				line.Workbook = prev
				break
			}
			rel, written, err := writeReviewWorkbook(ctx, st, dd, dir, rv, follow[num], key, o.Now())
			if err != nil {
				return res, err
			}
			if written {
				res.Workbooks = append(res.Workbooks, rel)
			} else {
				res.Skipped++
			}
			line.Workbook = path.Base(rel)
		}
		if n := len(rec.ToVerify); n > 0 {
			// Read from a scan: the clerk checks those values before relying on them.
			line.Note = strings.TrimSpace(line.Note + fmt.Sprintf(" À vérifier : %d valeur%s lue%s sur une numérisation "+
				"(liste dans le dossier de la convention).", n, frenchPlural(n, "", "s"), frenchPlural(n, "", "s")))
		}
		lines = append(lines, line)
	}
	if o.Convention != "" && len(lines) == 0 {
		return res, fmt.Errorf("review: no convention numbered %q in the store", o.Convention)
	}
	statuses, err := st.ReviewStatuses(ctx, due)
	if err != nil {
		return res, err
	}
	sentForms, err := st.AdminForms(ctx, "")
	if err != nil {
		return res, err
	}
	formsOf := map[string][]store.AdminForm{}
	for _, f := range sentForms {
		formsOf[f.Convention] = append(formsOf[f.Convention], f)
	}
	for i := range lines {
		lines[i].Status = statuses[lines[i].Number]
		lines[i].AdminForms, lines[i].AdminFormsOverdue = adminFormsColumn(formsOf[lines[i].Number], o.AsOf)
	}
	res.Lines = lines
	if !o.DeferConsolidated {
		if res.Consolidated, err = writeConsolidated(dd, o.AsOf, o.Convention, lines, o.Campaign); err != nil {
			return res, err
		}
	}
	o.Log.Info("reviews prepared", "workbooks", len(res.Workbooks), "skipped", res.Skipped, "no_export", res.NoExport, "action_checks", res.ActionChecks)
	return res, nil
}

// writeConsolidated writes the Caf's consolidated workbook of the lines,
// with the campaign's state of each convention, to
// reports/<as-of>/revue/revues-caf.xlsx (revues-caf-<N>.xlsx for one
// convention); it returns its path relative to the data directory.
func writeConsolidated(dd *DataDir, asOf model.Date, convention string, lines []review.ConventionLine, camp []CampaignLine) (string, error) {
	byConv := map[string]CampaignLine{}
	for _, c := range camp {
		if prev, ok := byConv[c.Convention]; !ok || prev.Due.Before(c.Due) {
			byConv[c.Convention] = c // the latest cycle of the convention
		}
	}
	for i := range lines {
		if c, ok := byConv[lines[i].Number]; ok {
			lines[i].Campaign = campaignColumns(c)
		}
	}
	var buf bytes.Buffer
	if err := review.WriteConsolidated(&buf, asOf, lines, campaignMonths(camp)); err != nil {
		return "", fmt.Errorf("consolidated review workbook: %w", err)
	}
	dir := reviewDir(asOf)
	rel := path.Join(dir, "revues-caf.xlsx")
	if convention != "" {
		rel = path.Join(dir, "revues-caf-"+fileSafe(model.NormalizeNumber(convention))+".xlsx")
	}
	return rel, writeFileAtomic(dd.Path(rel), buf.Bytes())
}

// writeReviewWorkbook writes one convention's workbook unless the same
// workbook (same id) is already on disk; it records it in the store.
func writeReviewWorkbook(ctx context.Context, st *store.Store, dd *DataDir, dir string, rv model.Review, follow []model.ActionResult,
	key []byte, now time.Time) (rel string, written bool, err error) {
	num := rv.Record.Convention.Number
	rel = path.Join(dir, "revue-"+fileSafe(num)+".xlsx")
	keys := make([]string, len(rv.Rows))
	for i, r := range rv.Rows {
		keys[i] = r.Key
	}
	id := model.ReviewWorkbookID(num, rv.AsOf, keys)
	if w, ok, err := st.ReviewWorkbookByID(ctx, id); err != nil {
		return rel, false, err
	} else if ok && w.Path == rel {
		if _, err := os.Stat(dd.Path(rel)); err == nil {
			return rel, false, nil
		}
	}
	m, err := writeReviewFile(ctx, dd.Path(rel), rv, follow, key)
	if err != nil {
		return rel, false, err
	}
	err = st.SaveReviewWorkbook(ctx, store.ReviewWorkbook{WorkbookID: m.WorkbookID, Convention: num, AsOf: rv.AsOf.String(),
		DueOn: rv.Due.String(), Path: rel, Rows: m.Rows, GeneratedAt: now, Format: model.ReviewFormat})
	return rel, err == nil, err
}

// writeReviewFile writes the review workbook of rv to path, atomically and
// as it is made (not held in memory whole), with the heap bounded to what
// the process holds plus what one workbook needs (withHeapBound): a
// convention of 50,000 habilitations is written with the process under
// 140 MB (BenchmarkReviewWorkbook50k).
func writeReviewFile(ctx context.Context, path string, rv model.Review, follow []model.ActionResult, key []byte) (review.Manifest, error) {
	var m review.Manifest
	err := withHeapBoundFor(len(rv.Rows), workbookBudget, func() error {
		return createAtomic(path, func(w io.Writer) error {
			var err error
			m, err = review.Write(ctx, w, rv, follow, key)
			return err
		})
	})
	if err != nil {
		return m, fmt.Errorf("write %s: %w", path, err)
	}
	return m, nil
}

// conventionLine summarises a review for the consolidated workbook; open
// is the number of the convention's findings (a review only built for its
// line has none of them).
func conventionLine(rv model.Review, open int) review.ConventionLine {
	c := rv.Record.Convention
	l := review.ConventionLine{Number: c.Number, Partner: c.Partner.Name, OpenFindings: open, Due: rv.Due}
	if d, err := model.ParseISODate(c.SignedOn); err == nil {
		l.Anniversary = model.FrenchDayMonth(d)
	}
	for _, s := range rv.Record.Services {
		l.Units = append(l.Units, s.Annex+" – "+s.Unit)
		l.Authorised += s.Quotas.Total()
	}
	for _, q := range rv.Quotas {
		l.Used += q.Used
	}
	return l
}

// reviewWanted reports whether the review workbook of rec is to be
// prepared on asOf, with lead days of lead time (0: every convention). The
// run's reconcile step keeps whole the rows of the conventions it selects.
func reviewWanted(rec model.Record, asOf model.Date, lead int) bool {
	due := model.ReviewDue(rec.Convention.SignedOn, asOf)
	return lead <= 0 || due.IsZero() || due.DaysSince(asOf) <= lead
}

// loadReviewInputs reads the effective records and the rows of the current exports.
func loadReviewInputs(ctx context.Context, st *store.Store, dd *DataDir) ([]model.Record, []model.Habilitation, error) {
	records, err := st.EffectiveRecords(ctx)
	if err != nil {
		return nil, nil, err
	}
	exports, err := st.CurrentExports(ctx)
	if err != nil {
		return nil, nil, err
	}
	var rows []model.Habilitation
	for _, e := range exports {
		if _, _, err := readCurrentRows(ctx, dd.Root, e, func(h model.Habilitation) error { rows = append(rows, h); return nil }); err != nil {
			return nil, nil, err
		}
	}
	return records, rows, nil
}
