package jobs

import (
	"context"
	"os"
	"path"
	"strings"

	"habilitations/jobs/store"
	"habilitations/model"
)

// preparedThisCycle tells, for the nightly run (o.OncePerCycle), whether an
// earlier day of the lead time already wrote the workbook of rv's review
// cycle (same due date) and its file is still there: the partner works on
// that one, so no copy is written each night. It returns that workbook's
// path relative to dir (the folder of this run's consolidated workbook, for
// its link). The same day is left to writeReviewWorkbook (same rows: same
// workbook, skipped).
func preparedThisCycle(ctx context.Context, st *store.Store, dd *DataDir, o ReviewOptions, dir string, rv model.Review) (string, bool, error) {
	if !o.OncePerCycle || rv.Due.IsZero() {
		return "", false, nil
	}
	w, ok, err := st.ReviewWorkbookForDue(ctx, rv.Record.Convention.Number, rv.Due.String())
	if err != nil || !ok || w.AsOf >= o.AsOf.String() {
		return "", false, err
	}
	if _, err := os.Stat(dd.Path(w.Path)); err != nil {
		return "", false, nil // purged with its reports folder: write a new one
	}
	return relativeTo(dir, w.Path), true, nil
}

// relativeTo returns the slash path target relative to the folder dir (both
// relative to the data directory).
func relativeTo(dir, target string) string {
	d := strings.Split(path.Clean(dir), "/")
	t := strings.Split(path.Clean(target), "/")
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	up := strings.Repeat("../", len(d)-i)
	return up + strings.Join(t[i:], "/")
}
