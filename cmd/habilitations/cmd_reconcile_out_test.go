package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
	"habilitations/report/sample"
)

// TestReadExportsBatched: every row comes through once, in order; take's
// error, at the first batch or later, and a cancelled context stop the
// reading with that error (and never leave the reader blocked).
func TestReadExportsBatched(t *testing.T) {
	w := modeltest.Generate(5, modeltest.Options{Conventions: 3, Rows: 3*addBatch + 10})
	var buf bytes.Buffer
	if err := sample.WriteExportCSV(&buf, w.Rows); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	e := &env{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	boom := errors.New("disk full")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name    string
		ctx     context.Context
		failAt  int // batch whose take fails; -1: none
		wantErr error
	}{
		{"all rows", context.Background(), -1, nil},
		{"first batch fails", context.Background(), 0, boom},
		{"third batch fails", context.Background(), 2, boom},
		{"last batch fails", context.Background(), 3, boom},
		{"cancelled", cancelled, -1, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			batch := 0
			err := readExportsBatched(tc.ctx, e, []string{p, p}, func(b []model.Habilitation) error {
				if batch == tc.failAt {
					return boom
				}
				batch++
				for _, h := range b {
					got = append(got, h.Account)
				}
				return nil
			})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr != nil {
				return
			}
			if len(got) != 2*len(w.Rows) {
				t.Fatalf("%d rows, want %d", len(got), 2*len(w.Rows))
			}
			for i, h := range append(w.Rows, w.Rows...) {
				if got[i] != h.Account {
					t.Fatalf("row %d: %s, want %s", i, got[i], h.Account)
				}
			}
		})
	}
}
