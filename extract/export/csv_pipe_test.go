package export

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"habilitations/model"
)

// TestRecordPipeStops: however a read of a large export ends (the caller's
// error, a cancelled context, a refused file), the goroutine reading ahead
// has stopped when Read returns.
func TestRecordPipeStops(t *testing.T) {
	many := goodHeader + strings.Repeat(goodRow, pipeAfter+5*pipeBatch)
	stop := errors.New("stop")
	for _, tc := range []struct {
		name string
		data string
		ctx  func() context.Context
		fn   func(n int) error
		want error
	}{
		{"caller stops", many, context.Background, func(n int) error {
			if n == pipeAfter+10 { // the pipe has started
				return stop
			}
			return nil
		}, stop},
		{"cancelled", many, func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, func(int) error { return nil }, context.Canceled},
		{"unclosed quote", goodHeader + strings.Repeat(goodRow, pipeAfter+pipeBatch+3) + "\"u-9;" + strings.Repeat(goodRow, 3*pipeBatch),
			context.Background, func(int) error { return nil }, ErrUnclosedQuote},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			n := 0
			_, err := Read(tc.ctx(), "export.csv", bytes.NewReader([]byte(tc.data)), Options{}, func(model.Habilitation) error {
				n++
				return tc.fn(n)
			})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > before; {
				if time.Now().After(deadline) {
					t.Fatalf("%d goroutines after the read, %d before", runtime.NumGoroutine(), before)
				}
				runtime.Gosched()
			}
		})
	}
}

// TestRecordPipeKeepsLines: read inline, then through the pipe past
// several batches, rows and their line numbers (in row errors) are those
// of the file.
func TestRecordPipeKeepsLines(t *testing.T) {
	var b strings.Builder
	b.WriteString(goodHeader)
	for i := range pipeAfter + 3*pipeBatch + 7 {
		if i%100 == 99 {
			b.WriteString("u-x;MARTIN;Léa;x@example.fr;CCAS DE BEAUNE;;S;Cdap;T99;Utilisateur;Actif;05/02/2025;\r\n")
			continue
		}
		b.WriteString(goodRow)
	}
	sum, rows, err := readAll("export.csv", []byte(b.String()), Options{MaxRowErrors: 100})
	if err != nil {
		t.Fatal(err)
	}
	const bad = (pipeAfter + 3*pipeBatch + 7) / 100
	if len(rows) != pipeAfter+3*pipeBatch+7-bad || sum.RowErrorCount != bad {
		t.Fatalf("%d rows, %d row errors", len(rows), sum.RowErrorCount)
	}
	for k, e := range sum.RowErrors {
		if want := 2 + 100*k + 99; e.Line != want { // line 1 is the header
			t.Errorf("row error %d at line %d, want %d", k, e.Line, want)
		}
	}
}
