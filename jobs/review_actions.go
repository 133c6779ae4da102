package jobs

import (
	"context"

	"habilitations/jobs/store"
	"habilitations/model"
)

// pendingCheck is a convention whose latest review import decided actions
// to check against the current exports.
type pendingCheck struct {
	imp     store.ReviewImport
	actions []model.Action
}

// pendingActionChecks returns the actions to check on asOf: those of each
// convention's latest review import of an earlier review (its as-of date
// before asOf), by convention number. The run's reconcile step asks before
// reading the exports, to keep those conventions' rows whole.
func pendingActionChecks(ctx context.Context, st *store.Store, asOf model.Date) (map[string]pendingCheck, error) {
	imports, err := st.LatestReviewImports(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]pendingCheck{}
	for _, imp := range imports {
		if imp.AsOf >= asOf.String() {
			continue // the review of this very export: nothing to check yet
		}
		ds, err := st.ReviewDecisions(ctx, imp.SHA256)
		if err != nil {
			return nil, err
		}
		if actions := model.ActionsFrom(ds); len(actions) > 0 {
			out[imp.Convention] = pendingCheck{imp: imp, actions: actions}
		}
	}
	return out, nil
}

// CheckReviewActions checks the actions of each convention's latest review
// import (an earlier review: its as-of date before asOf) against the rows
// of the current exports indexed by convention (each convention's own rows
// are used; rows must hold them whole), stores the results and returns them
// per convention number. The run step calls it after reconciliation; the
// next review workbook shows the results in « Suivi des actions ».
func CheckReviewActions(ctx context.Context, st *store.Store, records []model.Record, rows *model.ConventionRows, asOf model.Date) (map[string][]model.ActionResult, error) {
	pending, err := pendingActionChecks(ctx, st, asOf)
	if err != nil {
		return nil, err
	}
	out := map[string][]model.ActionResult{}
	if len(pending) == 0 {
		return out, nil
	}
	for _, rec := range model.MergeBulletins(records) {
		p, ok := pending[rec.Convention.Number]
		if !ok {
			continue // no action, or convention no longer known
		}
		res := model.CheckActions(p.actions, rows.Rows(rec))
		if err := st.SaveActionChecks(ctx, p.imp.SHA256, asOf.String(), res); err != nil {
			return nil, err
		}
		out[rec.Convention.Number] = res
	}
	return out, nil
}
