package jobs

import (
	"context"
	"os"
	"strings"
	"testing"

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
