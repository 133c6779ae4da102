package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
	"habilitations/report/breach"
)

// TestWorkloadAsNight: « workload --reconcile DIR --as-night » makes a data
// directory whose first night reconciles the workload's records and rows;
// that night, its findings saved and held convention by convention, writes
// the breach report the findings held and sorted at once give (CSV, accounts
// CSV and findings.json byte for byte).
func TestWorkloadAsNight(t *testing.T) {
	o := modeltest.Options{Conventions: 40, Rows: 8000, DormantRate: 0.65, DuplicateRate: 0.3}
	dir := filepath.Join(t.TempDir(), "data")
	code, _, stderr := runMain(t, "workload", "--seed", "7", "--reconcile", dir, "--as-night",
		"--conventions", "40", "--rows", "8000", "--dormant", "0.65", "--duplicates", "0.3")
	if code != 0 {
		t.Fatalf("workload: exit %d: %s", code, stderr)
	}
	w := modeltest.Generate(7, o)
	rows := mustReadRows(t, filepath.Join(dir, "exports", "export-workload.csv"))
	conf := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(conf, []byte("[inbox]\nsettle = \"0s\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runMain(t, "run", "--config", conf, "--data", dir, "--as-of", w.AsOf.String()); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	held := model.Reconcile(w.Records, rows, w.AsOf, model.DefaultReconcileSettings())
	if len(held) == 0 {
		t.Fatal("the workload gives no findings")
	}
	ref, err := breach.Write(context.Background(), filepath.Join(t.TempDir(), "held"), breach.Input{AsOf: w.AsOf, Findings: held, Records: w.Records, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	checkSameReportFiles(t, ref, filepath.Join(dir, "reports", w.AsOf.String()))
}
