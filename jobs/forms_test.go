package jobs

import (
	"context"
	"os"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"

	"habilitations/extract/adminform"
	"habilitations/extract/pdftext"
	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/sample"
)

func TestWriteAdminForms(t *testing.T) {
	ctx := context.Background()
	asOf := model.NewDate(2026, 11, 25)
	ps := sample.Generate(9, 6, sample.Options{AsOf: asOf, AnomalyRate: 1})
	var in FormsInput
	in.AsOf = asOf
	want := 0
	var rows []model.Habilitation
	for _, p := range ps {
		in.Records = append(in.Records, p.Record)
		rows = append(rows, p.Export...)
		for _, f := range p.Planted {
			if f.Code == model.CodeMissingAdmin || f.Code == model.CodeUndeclaredAdmin {
				want++
			}
		}
		in.Findings = append(in.Findings, p.Planted...)
	}
	if want == 0 {
		t.Fatal("no administrator finding planted")
	}
	dd := &DataDir{Root: t.TempDir()}
	st, err := store.Open(ctx, dd.Path("state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in.Store = st
	in.Rows = model.NewConventionRows(in.Records, rows)
	sum, err := WriteAdminForms(ctx, dd, in)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Written != want || len(sum.Files) != want {
		t.Fatalf("wrote %d forms (%d files), want %d", sum.Written, len(sum.Files), want)
	}
	for _, rel := range sum.Files {
		if !strings.HasPrefix(rel, "reports/2026-11-25/formulaires/annexe3-") {
			t.Errorf("form path %s", rel)
		}
		st, err := os.Stat(dd.Path(rel))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != FileMode {
			t.Errorf("%s: mode %v, want %v", rel, st.Mode().Perm(), FileMode)
		}
		for _, p := range ps {
			for _, c := range p.Record.Contacts {
				last := model.Letters(strings.SplitN(c.Name, " ", 2)[1])
				if strings.Contains(strings.ReplaceAll(rel, "-", ""), last) {
					t.Errorf("file name %s holds a name", rel)
				}
			}
		}
	}
	// Again from the rows as the nightly run keeps them (streamed, no
	// convention whole, administrator rows only): the same forms, found
	// unchanged by their fingerprints.
	streamed := model.NewConventionRowsKeeping(in.Records, func(model.Record) bool { return false })
	for i := range rows {
		streamed.Add(&rows[i])
	}
	in.Rows = streamed
	again, err := WriteAdminForms(ctx, dd, in)
	if err != nil {
		t.Fatal(err)
	}
	if again.Written != 0 || again.Skipped != want {
		t.Errorf("second run, rows streamed: wrote %d, skipped %d; want 0, %d", again.Written, again.Skipped, want)
	}
	in.Findings = append(in.Findings, model.Finding{Code: model.CodeMissingAdmin, Convention: "99/1999", Name: "X"})
	if _, err := WriteAdminForms(ctx, dd, in); err == nil || !strings.Contains(err.Error(), "99/1999") {
		t.Errorf("finding without record: err = %v", err)
	}
}

// TestWriteAdminFormsWorkers checks that forms rendered side by side are
// the forms rendered one at a time: the same files in the same order, the
// same store rows, and each form the same text and field values (the
// bytes differ: pdfcpu lays out the fields in map order), including a
// second run that skips what is already written.
func TestWriteAdminFormsWorkers(t *testing.T) {
	ctx := context.Background()
	in, n := adminFormsInput(t, 50) // more than one batch
	if n <= formsPerBatch {
		t.Fatalf("%d forms, want more than a batch (%d)", n, formsPerBatch)
	}
	type run struct {
		dd    *DataDir
		st    *store.Store
		sum   FilesSummary
		again FilesSummary
	}
	runs := map[int]*run{}
	for _, workers := range []int{1, 4} {
		dd, err := OpenDataDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(ctx, dd.StatePath())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		in := in
		in.Store, in.Workers = st, workers
		r := &run{dd: dd, st: st}
		if r.sum, err = WriteAdminForms(ctx, dd, in); err != nil {
			t.Fatal(err)
		}
		// A form already written is skipped; one whose file is gone is
		// written again, in its place in the order.
		if err := os.Remove(dd.Path(r.sum.Files[n/2])); err != nil {
			t.Fatal(err)
		}
		if r.again, err = WriteAdminForms(ctx, dd, in); err != nil {
			t.Fatal(err)
		}
		runs[workers] = r
	}
	one, four := runs[1], runs[4]
	if one.sum.Written != n || one.again.Written != 1 || one.again.Skipped != n-1 {
		t.Fatalf("one worker: %+v then %+v, want %d written then 1", one.sum.Written, one.again, n)
	}
	var want []string // the findings' order, skipped or not
	for _, f := range in.Findings {
		want = append(want, path.Join(formsDir(in.AsOf), adminFormName(f)))
	}
	if !slices.Equal(one.again.Files, want) {
		t.Errorf("files of the second run not in the findings' order:\n%v\nwant %v", one.again.Files, want)
	}
	for _, pair := range [][2]FilesSummary{{one.sum, four.sum}, {one.again, four.again}} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Fatalf("summaries differ:\n one worker %+v\nfour workers %+v", pair[0], pair[1])
		}
	}
	for i, rel := range want {
		a, b := mustFormContent(t, one.dd.Path(rel)), mustFormContent(t, four.dd.Path(rel))
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs:\n%+v\n%+v", rel, a, b)
		}
		if got, ref := b.Fields.Text[model.FieldFormRef], AdminFormRef(in.Findings[i]); got != ref {
			t.Errorf("%s holds form %s, want %s", rel, got, ref)
		}
	}
	for _, conv := range in.Records {
		a, errA := one.st.AdminForms(ctx, conv.Convention.Number)
		b, errB := four.st.AdminForms(ctx, conv.Convention.Number)
		if errA != nil || errB != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("convention %s: store rows differ (%v, %v)", conv.Convention.Number, errA, errB)
		}
	}
}

// formContent is what a reader sees of a form: its text and its fields.
type formContent struct {
	Text   string
	Fields adminform.Values
}

func mustFormContent(tb testing.TB, path string) formContent {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := pdftext.Extract(context.Background(), data, pdftext.DefaultLimits())
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	v, ok, err := adminform.ReadFields(data)
	if err != nil || !ok {
		tb.Fatalf("%s: fields %v %v", path, ok, err)
	}
	return formContent{Text: doc.String(), Fields: v}
}
