package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// writeModelExport writes rows as an export in the corpus' shape (UTF-8
// with BOM, « ; », CRLF, JJ/MM/AAAA).
func writeModelExport(tb testing.TB, path string, rows iter.Seq[model.Habilitation]) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	bw.WriteString("\ufeff")
	w := csv.NewWriter(bw)
	w.Comma, w.UseCRLF = ';', true
	w.Write([]string{"Identifiant", "Nom", "Prénom", "Adresse mél", "Organisme", "SIRET", "Structure", "Service",
		"Profil", "Rôle", "Statut", "Date de création", "Dernière connexion"})
	date := func(d model.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.Time().Format("02/01/2006")
	}
	for h := range rows {
		w.Write([]string{h.Account, h.LastName, h.FirstName, h.Email, h.Organisme, h.SIRET, h.Unit, h.Service,
			string(h.Profile), h.Role, h.Status, date(h.Created), date(h.LastLogin)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// reconcileFile streams the export at path into a Reconciler of recs.
func reconcileFile(tb testing.TB, path string, s *modeltest.Stream) []model.Finding {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := model.NewReconciler(s.Records, s.AsOf, model.DefaultReconcileSettings())
	sum, err := Read(context.Background(), filepath.Base(path), f, Options{}, func(h model.Habilitation) error {
		r.Add(&h)
		return nil
	})
	if err != nil || sum.Rows != s.Len || sum.RowErrorCount != 0 {
		tb.Fatalf("%d rows, %d bad: %v", sum.Rows, sum.RowErrorCount, err)
	}
	return r.Findings()
}

// TestReadStreamedIntoReconciler: a generated workload written as a CSV
// export, read back and streamed into a Reconciler, gives the findings of
// model.Reconcile over the generated rows.
func TestReadStreamedIntoReconciler(t *testing.T) {
	o := modeltest.Options{Conventions: 120, Rows: 20_000}
	w := modeltest.Generate(6, o)
	path := filepath.Join(t.TempDir(), "export.csv")
	s := modeltest.NewStream(6, o)
	writeModelExport(t, path, s.Rows())
	want := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
	if got := reconcileFile(t, path, s); len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("%d findings through the CSV reader, want %d", len(got), len(want))
	}
}

// BenchmarkReadCSVReconcile is « habilitations reconcile --records …
// --export export.csv --json » without its printing: the workload of
// model's BenchmarkReconcile1M (1,000,000 rows, 5,000 conventions) written
// as a CSV export (163 MB), read from disk and streamed into a
// model.Reconciler, as the command does. Its peak RSS (/usr/bin/time -v,
// one iteration) is the command's memory for such an export.
func BenchmarkReadCSVReconcile(b *testing.B) {
	path := filepath.Join(b.TempDir(), "export.csv")
	s := modeltest.NewStream(1, modeltest.Options{})
	writeModelExport(b, path, s.Rows())
	if st, err := os.Stat(path); err == nil {
		b.SetBytes(st.Size())
	}
	b.ReportAllocs()
	b.ResetTimer()
	var findings int
	for b.Loop() {
		findings = len(reconcileFile(b, path, s))
	}
	b.ReportMetric(float64(findings), "findings")
}
