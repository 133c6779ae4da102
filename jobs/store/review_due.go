package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ReviewWorkbookForDue returns the latest workbook generated for a
// convention's review cycle ending on due (ISO); ok is false when none was.
func (s *Store) ReviewWorkbookForDue(ctx context.Context, convention, due string) (w ReviewWorkbook, ok bool, err error) {
	var gen string
	err = s.db.QueryRowContext(ctx, `SELECT workbook_id, convention, as_of, due_on, path, rows, generated_at, format FROM review_workbooks
		WHERE convention = ? AND due_on = ? ORDER BY generated_at DESC, as_of DESC LIMIT 1`, convention, due).
		Scan(&w.WorkbookID, &w.Convention, &w.AsOf, &w.DueOn, &w.Path, &w.Rows, &gen, &w.Format)
	if errors.Is(err, sql.ErrNoRows) {
		return w, false, nil
	}
	if err != nil {
		return w, false, fmt.Errorf("review workbook of %s due %s: %w", convention, due, err)
	}
	w.GeneratedAt = parseTS(gen)
	return w, true, nil
}
