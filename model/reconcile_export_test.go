package model_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"habilitations/extract/export"
	"habilitations/model"
)

// TestReconcileCorpusThroughExportRead is TestReconcileCorpus with the
// exports read from their CSV/XLSX files by export.Read, as the pipeline
// does, instead of their canonical truth rows.
func TestReconcileCorpusThroughExportRead(t *testing.T) {
	for _, dir := range corpusDirs(t) {
		t.Run(dir, func(t *testing.T) {
			c := MustLoadCase(t, dir)
			var rows []model.Habilitation
			for _, p := range c.Exports {
				f, err := os.Open(p)
				if err != nil {
					t.Fatal(err)
				}
				sum, err := export.Read(context.Background(), filepath.Base(p), f, export.Options{}, func(h model.Habilitation) error {
					rows = append(rows, h)
					return nil
				})
				f.Close()
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if sum.RowErrorCount > 0 {
					t.Errorf("%s: %d row errors: %v", p, sum.RowErrorCount, sum.RowErrors)
				}
			}
			got := model.Reconcile(c.Records, rows, c.Want.AsOf, model.DefaultReconcileSettings())
			assertSameFindings(t, got, c.Want.Findings)
		})
	}
}
