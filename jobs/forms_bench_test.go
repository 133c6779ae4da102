package jobs

import (
	"context"
	"fmt"
	"testing"

	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/sample"
)

// adminFormsInput is a forms step's input over generated partners with an
// anomaly in every convention: about one administrator finding in three.
func adminFormsInput(tb testing.TB, partners int) (FormsInput, int) {
	tb.Helper()
	asOf := model.NewDate(2026, 11, 25)
	in := FormsInput{AsOf: asOf}
	var rows []model.Habilitation
	n := 0
	for _, p := range sample.Generate(int64(partners), partners, sample.Options{AsOf: asOf, AnomalyRate: 1}) {
		in.Records = append(in.Records, p.Record)
		rows = append(rows, p.Export...)
		for _, f := range p.Planted {
			if f.Code == model.CodeMissingAdmin || f.Code == model.CodeUndeclaredAdmin {
				in.Findings = append(in.Findings, f)
				n++
			}
		}
	}
	in.Rows = model.NewConventionRows(in.Records, rows)
	return in, n
}

// BenchmarkWriteAdminForms is the forms step of a first night: every form
// rendered, written and recorded in the store (fsyncs included).
func BenchmarkWriteAdminForms(b *testing.B) {
	ctx := context.Background()
	in, n := adminFormsInput(b, 40)
	root := b.TempDir()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dd, err := OpenDataDir(fmt.Sprintf("%s/%d", root, i))
		if err != nil {
			b.Fatal(err)
		}
		st, err := store.Open(ctx, dd.StatePath())
		if err != nil {
			b.Fatal(err)
		}
		in.Store = st
		b.StartTimer()
		sum, err := WriteAdminForms(ctx, dd, in)
		if err != nil || sum.Written != n {
			b.Fatalf("wrote %d of %d: %v", sum.Written, n, err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n)/1e6, "ms/form")
}
