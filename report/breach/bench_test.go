package breach_test

import (
	"context"
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
	"habilitations/report/breach"
)

// BenchmarkWrite writes the report of a generated workload (seed 1) of
// 500 conventions and 100,000 rows.
func BenchmarkWrite(b *testing.B) {
	w := modeltest.Generate(1, modeltest.Options{Conventions: 500, Rows: 100_000})
	fs := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
	in := breach.Input{AsOf: w.AsOf, Findings: fs, Records: w.Records, Rows: w.Rows}
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := breach.Write(context.Background(), dir, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(fs)), "findings")
}
