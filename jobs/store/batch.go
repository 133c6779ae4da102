package store

import (
	"context"
	"database/sql"
	"strings"
)

// batchRows is how many rows one INSERT of insertBatched writes. Each
// statement executed costs the driver a round of binding and stepping
// that, row by row, was most of the time of a night's 740,000 findings
// (BenchmarkSaveFindings); 200 rows of 5 columns stay far below SQLite's
// 32,766 parameters.
const batchRows = 200

// insertBatched runs head + " VALUES (?, …), …" + tail for n rows of cols
// columns, batchRows rows a statement, in tx. row appends the arguments of
// row i to dst. Rows are written in order, so that what a row does to an
// earlier one (OR REPLACE, ON CONFLICT) is what one statement a row did.
func insertBatched(ctx context.Context, tx *sql.Tx, head, tail string, cols, n int, row func(i int, dst []any) ([]any, error)) error {
	var full *sql.Stmt // prepared once, for every full batch
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, batchRows*cols)
	for from := 0; from < n; from += batchRows {
		to := min(from+batchRows, n)
		args = args[:0]
		for i := from; i < to; i++ {
			var err error
			if args, err = row(i, args); err != nil {
				return err
			}
		}
		if to-from < batchRows { // the last rows: a statement of their own
			if _, err := tx.ExecContext(ctx, batchSQL(head, tail, cols, to-from), args...); err != nil {
				return err
			}
			continue
		}
		if full == nil {
			var err error
			if full, err = tx.PrepareContext(ctx, batchSQL(head, tail, cols, batchRows)); err != nil {
				return err
			}
		}
		if _, err := full.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// batchSQL is the statement of rows rows of cols columns.
func batchSQL(head, tail string, cols, rows int) string {
	one := "(" + strings.Repeat("?, ", cols-1) + "?)"
	var b strings.Builder
	b.WriteString(head)
	b.WriteString(" VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	if tail != "" {
		b.WriteString(" ")
		b.WriteString(tail)
	}
	return b.String()
}
