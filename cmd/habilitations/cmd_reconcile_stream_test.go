package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
	"habilitations/report/breach"
)

// TestReconcileCLIStreamedIsHeld: on workloads written by « workload
// --reconcile » (a dormant- and duplicate-heavy one among them),
// « reconcile --json » prints, byte for byte, the findings JSON of the
// findings held and sorted at once, and « --out » writes the report the
// held findings give (the same files, byte for byte, but the workbook's
// zip container).
func TestReconcileCLIStreamedIsHeld(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		o    modeltest.Options
	}{
		{"default", []string{"--conventions", "60", "--rows", "5000"}, modeltest.Options{Conventions: 60, Rows: 5000}},
		{"dormant", []string{"--conventions", "40", "--rows", "8000", "--dormant", "0.65", "--duplicates", "0.3"},
			modeltest.Options{Conventions: 40, Rows: 8000, DormantRate: 0.65, DuplicateRate: 0.3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if code, _, stderr := runMain(t, append([]string{"workload", "--seed", "7", "--reconcile", dir}, tc.args...)...); code != 0 {
				t.Fatalf("workload: exit %d: %s", code, stderr)
			}
			w := modeltest.Generate(7, tc.o)
			recs, _ := filepath.Glob(filepath.Join(dir, "records", "*.json"))
			exp := filepath.Join(dir, "export.csv")
			rows := mustReadRows(t, exp)
			held := model.Reconcile(w.Records, rows, w.AsOf, model.DefaultReconcileSettings())
			var want bytes.Buffer
			if err := breach.WriteFindingsJSON(&want, model.Findings{AsOf: w.AsOf, Findings: held}); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			args := append([]string{"reconcile", "--as-of", w.AsOf.String(), "--json", "--out", out, "--export", exp, "--records"}, recs...)
			code, stdout, stderr := runMain(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if stdout != want.String() {
				t.Fatalf("streamed JSON differs from the held findings' (%d vs %d bytes)", len(stdout), want.Len())
			}
			var doc model.Findings
			if err := json.Unmarshal([]byte(stdout), &doc); err != nil || len(doc.Findings) != len(held) {
				t.Fatalf("%d findings, want %d (%v)", len(doc.Findings), len(held), err)
			}
			ref, err := breach.Write(context.Background(), filepath.Join(dir, "held"), breach.Input{AsOf: w.AsOf, Findings: held, Records: w.Records, Rows: rows})
			if err != nil {
				t.Fatal(err)
			}
			checkSameReportFiles(t, ref, out)
		})
	}
}
