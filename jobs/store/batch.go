package store

import (
	"context"
	"database/sql"
	"strings"
)

// batchRows is how many rows one INSERT of a batchInsert writes. Each
// statement executed costs the driver a round of binding and stepping
// that, row by row, was most of the time of a night's 740,000 findings
// (BenchmarkSaveFindings); 200 rows of 5 columns stay far below SQLite's
// 32,766 parameters.
const batchRows = 200

// batchInsert runs head + " VALUES (?, …), …" + tail in tx for the rows
// given to row, batchRows rows a statement. Rows are written in the order
// given, so that what a row does to an earlier one (OR REPLACE, ON
// CONFLICT) is what one statement a row did; the rows may come in batches
// of any size (a convention's findings at a time), the statements are
// still full ones.
type batchInsert struct {
	ctx        context.Context
	tx         *sql.Tx
	head, tail string
	cols       int
	args       []any
	full       *sql.Stmt // prepared once, for every full batch
}

func newBatchInsert(ctx context.Context, tx *sql.Tx, head, tail string, cols int) *batchInsert {
	return &batchInsert{ctx: ctx, tx: tx, head: head, tail: tail, cols: cols, args: make([]any, 0, batchRows*cols)}
}

// row adds one row's cols arguments, and writes a full batch.
func (b *batchInsert) row(args ...any) error {
	b.args = append(b.args, args...)
	if len(b.args) < batchRows*b.cols {
		return nil
	}
	if b.full == nil {
		var err error
		if b.full, err = b.tx.PrepareContext(b.ctx, batchSQL(b.head, b.tail, b.cols, batchRows)); err != nil {
			return err
		}
	}
	_, err := b.full.ExecContext(b.ctx, b.args...)
	clear(b.args) // the strings of the rows written are not held
	b.args = b.args[:0]
	return err
}

// flush writes the rows left (fewer than a batch) in a statement of their
// own, and closes the prepared statement.
func (b *batchInsert) flush() error {
	defer b.close()
	if n := len(b.args) / b.cols; n > 0 {
		if _, err := b.tx.ExecContext(b.ctx, batchSQL(b.head, b.tail, b.cols, n), b.args...); err != nil {
			return err
		}
		b.args = b.args[:0]
	}
	return nil
}

// close releases the prepared statement (flush does).
func (b *batchInsert) close() {
	if b.full != nil {
		b.full.Close()
		b.full = nil
	}
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
