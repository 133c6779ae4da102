package breach_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
	"habilitations/model/modeltest"
	"habilitations/report/breach"
)

// MustCorpusInput builds the report input of corpus case 01 (Beaune): truth
// records and rows, as of the case's date; the previous run is taken to have
// had one finding that is gone and to lack the dormant ones.
func MustCorpusInput(tb testing.TB) breach.Input {
	tb.Helper()
	dir := "../../testdata/corpus/cases/01-cotedor-ccas-beaune"
	var recs []model.Record
	for _, p := range []string{"convention-04-2018-ccas-beaune.pdf.truth.json", "bulletin-2-1-service-social-general-2020.pdf.truth.json"} {
		var r model.Record
		mustJSON(tb, filepath.Join(dir, p), &r)
		recs = append(recs, r)
	}
	var ex struct {
		Rows []model.Habilitation `json:"rows"`
	}
	mustJSON(tb, filepath.Join(dir, "export-habilitations-ccas-beaune-2026-11-18.csv.truth.json"), &ex)
	asOf := model.NewDate(2026, 11, 20)
	fs := model.Reconcile(recs, ex.Rows, asOf, model.DefaultReconcileSettings())
	prev := slices.DeleteFunc(slices.Clone(fs), func(f model.Finding) bool { return f.Code == model.CodeDormantAccount })
	prev = append(prev, model.Finding{Code: model.CodeSharedMailbox, Convention: "04/2018", Account: "=HYPERLINK(\"x\")"})
	added, resolved := model.DiffFindings(prev, fs)
	keys := map[string]bool{}
	for _, f := range added {
		keys[f.Key()] = true
	}
	return breach.Input{AsOf: asOf, Findings: fs, Records: recs, Rows: ex.Rows, New: model.NewWithKeys(keys), Resolved: resolved, HasPrevious: true}
}

func mustJSON(tb testing.TB, p string, v any) {
	tb.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("%s: %v", p, err)
	}
}

func TestWrite(t *testing.T) {
	in := MustCorpusInput(t)
	dir := filepath.Join(t.TempDir(), "reports", "2026-11-20")
	p, err := breach.Write(context.Background(), dir, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{p.XLSX, p.CSV, p.AccountsCSV, p.JSON} {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", f, st.Mode().Perm())
		}
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", st.Mode().Perm())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	t.Run("findings.json is records.md §4", func(t *testing.T) {
		var got model.Findings
		mustJSON(t, p.JSON, &got)
		var want model.Findings
		mustJSON(t, "../../testdata/corpus/cases/01-cotedor-ccas-beaune/findings.truth.json", &want)
		gb, _ := json.Marshal(got)
		wb, _ := json.Marshal(want)
		if got.AsOf != want.AsOf || len(got.Findings) != len(want.Findings) {
			t.Fatalf("got %s\nwant %s", gb, wb)
		}
		raw, _ := os.ReadFile(p.JSON)
		if !bytes.HasPrefix(raw, []byte("{\n  \"as_of\": \"2026-11-20\",\n  \"findings\": [")) {
			t.Errorf("unexpected JSON head: %.60s", raw)
		}
	})

	t.Run("xlsx sheets and cells", func(t *testing.T) {
		f, err := excelize.OpenFile(p.XLSX)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		want := []string{"Synthèse", "Dépassements", "Comptes au-delà du quota", "Autres constats", "Résolus depuis dernier passage"}
		if got := f.GetSheetList(); !slices.Equal(got, want) {
			t.Fatalf("sheets %v, want %v", got, want)
		}
		rows, _ := f.GetRows("Dépassements")
		if len(rows) != 3 || rows[1][0] != "04/2018" || rows[1][4] != "T1" || rows[1][5] != "25" || rows[1][6] != "28" || rows[1][7] != "3" {
			t.Fatalf("Dépassements rows: %q", rows)
		}
		if rows[1][1] != "Centre Communal d'Action Sociale de la Ville de Beaune" {
			t.Errorf("partner %q", rows[1][1])
		}
		acc, _ := f.GetRows("Comptes au-delà du quota")
		flagged := 0
		for _, r := range acc[1:] {
			if r[len(r)-1] == "À supprimer ou à régulariser" {
				flagged++
			}
		}
		if len(acc) != 1+28+1 || flagged != 3+1 {
			t.Errorf("accounts sheet: %d lines, %d flagged; want 29 lines (28 T1 + 1 T2) and 4 flagged", len(acc)-1, flagged)
		}
		res, _ := f.GetRows("Résolus depuis dernier passage")
		if len(res) != 2 || !strings.HasPrefix(res[1][3], "=HYPERLINK") {
			t.Fatalf("resolved rows %q", res)
		}
		if formula, _ := f.GetCellFormula("Résolus depuis dernier passage", "D2"); formula != "" {
			t.Errorf("text became a formula: %q", formula)
		}
		if pane, _ := f.GetPanes("Dépassements"); !pane.Freeze || pane.YSplit != 1 {
			t.Errorf("header not frozen: %+v", pane)
		}
		if cf, _ := f.GetConditionalFormats("Dépassements"); len(cf) == 0 {
			t.Error("no conditional format on Dépassements")
		}
		sum, _ := f.GetRows("Synthèse")
		if len(sum) < 14 || sum[4][0] != "Quota dépassé" || sum[8][0] != "Compte inactif" || sum[8][2] != "4" {
			t.Errorf("Synthèse: %q", sum)
		}
	})

	t.Run("csv", func(t *testing.T) {
		raw, _ := os.ReadFile(p.CSV)
		if !bytes.HasPrefix(raw, []byte("\ufeffConstat;Convention;")) {
			t.Fatalf("no BOM or ; header: %.40q", raw)
		}
		r := csv.NewReader(bytes.NewReader(raw[3:]))
		r.Comma = ';'
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1+len(in.Findings) {
			t.Errorf("%d lines, want %d", len(recs)-1, len(in.Findings))
		}
		acc, _ := os.ReadFile(p.AccountsCSV)
		if !bytes.Contains(acc, []byte("À supprimer ou à régulariser")) {
			t.Error("accounts CSV without decisions")
		}
	})
}

// A breach of a convention holding values read from a scan that nobody has
// checked says so first, in the XLSX and the CSV: its quota may be misread.
func TestWriteUnverified(t *testing.T) {
	in := MustCorpusInput(t)
	in.Records[0].ToVerify = []model.ToVerify{{Field: "convention.partner.siret", Value: in.Records[0].Convention.Partner.SIRET, Page: 1, Reason: model.VerifyLowConfidence}}
	p, err := breach.Write(context.Background(), filepath.Join(t.TempDir(), "r"), in)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(p.XLSX)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Dépassements")
	if len(rows) < 2 || !strings.HasPrefix(rows[1][9], "Convention « à vérifier »") {
		t.Errorf("breach action: %q", rows[1])
	}
	b, _ := os.ReadFile(p.CSV)
	if !strings.Contains(string(b), "Convention « à vérifier »") {
		t.Error("CSV lacks the « à vérifier » note")
	}
	// Without values to verify, no note (the report is as before).
	in = MustCorpusInput(t)
	p, _ = breach.Write(context.Background(), filepath.Join(t.TempDir(), "r"), in)
	b, _ = os.ReadFile(p.CSV)
	if strings.Contains(string(b), "à vérifier »") {
		t.Error("note without values to verify")
	}
}

// A file that cannot be written fails the report with its path named; the
// report's files go together, so none of the others is written either, and
// no temporary file is left behind.
func TestWriteOneFileFails(t *testing.T) {
	in := MustCorpusInput(t)
	dir := t.TempDir()
	// A non-empty folder where the CSV goes: the rename over it fails.
	csvPath := filepath.Join(dir, "depassements-quotas-"+in.AsOf.String()+".csv")
	if err := os.MkdirAll(filepath.Join(csvPath, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := breach.Write(context.Background(), dir, in)
	if err == nil || !strings.Contains(err.Error(), csvPath) {
		t.Fatalf("error %v, want one naming %s", err, csvPath)
	}
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	want := []string{"depassements-quotas-" + in.AsOf.String() + ".csv"} // the folder in the way
	if !slices.Equal(names, want) {
		t.Errorf("files %q, want %q", names, want)
	}
}

// Accounts that cannot be gathered fail the report with the cause, and
// none of its files is written.
func TestWriteHoldersFail(t *testing.T) {
	in := MustCorpusInput(t)
	s, err := breach.NewSpool(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	model.SortFindings(in.Findings)
	if err := s.Add("", in.Findings); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("accounts spool unreadable")
	in.Findings, in.Spool = nil, s
	in.Holders = func() (*breach.HolderSpool, error) { return nil, boom }
	dir := t.TempDir()
	if _, err := breach.Write(context.Background(), dir, in); !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("%d files written by a failed report", len(ents))
	}
}

// A report cancelled while it writes stops, says so, and leaves the files
// of the report before it as they were (no half file, no temporary one).
func TestWriteCancelled(t *testing.T) {
	w := modeltest.Generate(3, modeltest.Options{Conventions: 40, Rows: 20_000})
	fs := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
	in := breach.Input{AsOf: w.AsOf, Findings: fs, Records: w.Records, Rows: w.Rows, SheetLimit: 1_000_000}
	dir := t.TempDir()
	before, err := breach.Write(context.Background(), dir, breach.Input{AsOf: w.AsOf})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, p := range []string{before.XLSX, before.CSV, before.AccountsCSV, before.JSON} {
		want[p] = mustReadFile(t, p)
	}
	// Cancelled once the writers have looked at their context a few
	// times: every file is being written by then.
	for _, looks := range []int32{0, 3, 8} {
		ctx := &countdownContext{Context: context.Background()}
		ctx.left.Store(looks)
		if _, err := breach.Write(ctx, dir, in); !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled after %d looks: error %v, want %v", looks, err, context.Canceled)
		}
		ents, _ := os.ReadDir(dir)
		if len(ents) != len(want) {
			t.Errorf("cancelled after %d looks: %d entries, want the %d files of the report before", looks, len(ents), len(want))
		}
		for p, b := range want {
			if !bytes.Equal(mustReadFile(t, p), b) {
				t.Errorf("cancelled after %d looks: %s changed", looks, filepath.Base(p))
			}
		}
	}
}

// countdownContext is done once Err has been asked left times.
type countdownContext struct {
	context.Context
	left atomic.Int32
}

func (c *countdownContext) Err() error {
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func mustReadFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
