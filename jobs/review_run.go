package jobs

import (
	"context"
	"errors"

	"habilitations/model"
)

// JobReviewImport is the run kind of `habilitations review import`.
const JobReviewImport = "review-import"

// PrepareReviewsOnce is `habilitations review`: it takes the data directory
// and prepares the review workbooks of every convention with an export (or
// of one convention), whatever their due date.
func PrepareReviewsOnce(ctx context.Context, o RunOptions, convention string) (ReviewResult, error) {
	var res ReviewResult
	err := withRun(ctx, o, JobReview, func(ctx context.Context, w *workspace) (any, error) {
		c := w.opts.Config.Reconcile
		var err error
		res, err = PrepareReviews(ctx, w.st, w.dd, ReviewOptions{AsOf: w.opts.AsOf, Convention: convention, DeferConsolidated: true,
			Settings: model.ReconcileSettings{DormantDays: c.DormantDays, MailboxMinPart: c.MailboxMinPart},
			Now:      w.opts.Now, Log: w.log, Progress: w.opts.Progress})
		if err != nil {
			return &res, err
		}
		// The overview shows the campaign after the workbooks just prepared.
		camp, err := CampaignView(ctx, w.st, w.opts.AsOf, w.opts.Config)
		if err != nil {
			return &res, err
		}
		res.Consolidated, err = writeConsolidated(w.dd, w.opts.AsOf, convention, res.Lines, camp)
		return &res, err
	})
	return res, err
}

// ImportReviewsOnce is `habilitations review import`: it takes the data
// directory and imports each filled workbook; a refused or unreadable file
// does not stop the others. The error joins the failures (each wraps
// ErrReviewRefused or says what went wrong).
func ImportReviewsOnce(ctx context.Context, o RunOptions, files []string, att AttestationWriter) ([]ImportResult, error) {
	var out []ImportResult
	var errs []error
	err := withRun(ctx, o, JobReviewImport, func(ctx context.Context, w *workspace) (any, error) {
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			r, err := ImportReview(ctx, w.st, w.dd, f, ImportOptions{Attestation: att, Now: w.opts.Now})
			out = append(out, r)
			if err != nil {
				errs = append(errs, err)
				w.log.Warn("review workbook not imported", "file", r.File, "sha256", r.SHA256, "problems", len(r.Problems))
				continue
			}
			w.log.Info("review workbook imported", "file", r.File, "sha256", r.SHA256, "decisions", r.Decisions, "new", r.Imported)
		}
		return out, nil
	})
	return out, errors.Join(append(errs, err)...)
}
