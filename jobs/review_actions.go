package jobs

import (
	"context"

	"habilitations/jobs/store"
	"habilitations/model"
)

// CheckReviewActions checks the actions of each convention's latest review
// import (an earlier review: its as-of date before asOf) against rows, the
// rows of the current exports (each convention's own rows are used), stores the results and returns them per
// convention number. The run step calls it after reconciliation; the next
// review workbook shows the results in « Suivi des actions ».
func CheckReviewActions(ctx context.Context, st *store.Store, records []model.Record, rows []model.Habilitation, asOf model.Date) (map[string][]model.ActionResult, error) {
	byNumber := map[string]model.Record{}
	merged := model.MergeBulletins(records)
	for _, r := range merged {
		byNumber[r.Convention.Number] = r
	}
	imports, err := st.LatestReviewImports(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string][]model.ActionResult{}
	var index *model.ConventionRows // built on the first convention to check
	for _, imp := range imports {
		if imp.AsOf >= asOf.String() {
			continue // the review of this very export: nothing to check yet
		}
		ds, err := st.ReviewDecisions(ctx, imp.SHA256)
		if err != nil {
			return nil, err
		}
		actions := model.ActionsFrom(ds)
		if len(actions) == 0 {
			continue
		}
		rec, ok := byNumber[imp.Convention]
		if !ok {
			continue // convention no longer known
		}
		if index == nil {
			index = model.NewConventionRows(merged, rows)
		}
		res := model.CheckActions(actions, index.Rows(rec))
		if err := st.SaveActionChecks(ctx, imp.SHA256, asOf.String(), res); err != nil {
			return nil, err
		}
		out[imp.Convention] = res
	}
	return out, nil
}
