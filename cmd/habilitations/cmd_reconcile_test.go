package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"habilitations/model"
)

// runMain runs the CLI in-process and returns its exit code and outputs.
func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, log: slog.New(slog.NewTextHandler(&errb, nil)),
		getenv: func(string) string { return "" }}
	code := Main(context.Background(), args, e)
	return code, out.String(), errb.String()
}

// TestReconcileCLICorpus: « reconcile --records … --export … --json » gives
// findings.truth.json for every corpus case with an export.
func TestReconcileCLICorpus(t *testing.T) {
	cases, _ := filepath.Glob("../../testdata/corpus/cases/*/findings.truth.json")
	if len(cases) == 0 {
		t.Fatal("no corpus case")
	}
	for _, truth := range cases {
		dir := filepath.Dir(truth)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var want model.Findings
			b, _ := os.ReadFile(truth)
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			args := []string{"reconcile", "--as-of", want.AsOf.String(), "--json", "--records"}
			recs, _ := filepath.Glob(filepath.Join(dir, "*.pdf.truth.json"))
			args = append(args, recs...)
			exps, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
			xl, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
			args = append(append(args, "--export"), append(exps, xl...)...)
			code, stdout, stderr := runMain(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var got model.Findings
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatalf("stdout is not findings JSON: %v\n%s", err, stdout)
			}
			if got.AsOf != want.AsOf || !slices.Equal(jsonSet(t, got.Findings), jsonSet(t, want.Findings)) {
				t.Errorf("findings differ:\n got %v\nwant %v", jsonSet(t, got.Findings), jsonSet(t, want.Findings))
			}
		})
	}
}

func jsonSet(t *testing.T, fs []model.Finding) []string {
	var out []string
	for _, f := range fs {
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}

// TestReconcileCLIBadRowsAndReport: a bad export row is reported on stderr
// with file and line but not its content; --out writes the report; the
// French summary counts per code.
func TestReconcileCLIBadRowsAndReport(t *testing.T) {
	dir := t.TempDir()
	case4 := "../../testdata/corpus/cases/04-nord-ch-roubaix"
	src, err := os.ReadFile(filepath.Join(case4, "export-habilitations-ch-roubaix.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(src), "\n")
	bad := strings.Replace(lines[1], ";T1;", ";T9;", 1)
	if bad == lines[1] {
		bad = strings.Replace(lines[1], ";T13;", ";T9;", 1)
	}
	exp := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(exp, []byte(strings.Join(append([]string{lines[0], bad}, lines[2:]...), "")), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "reports", "2026-11-20")
	code, stdout, stderr := runMain(t, "reconcile", "--records", filepath.Join(case4, "convention-03-2024-ch-roubaix.pdf.truth.json"),
		"--export", exp, "--as-of", "2026-11-20", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "export.csv") || strings.Count(stderr, "line 2") != 1 {
		t.Errorf("bad row not reported once with file and line: %q", stderr)
	}
	name := strings.Split(lines[1], ";")[1] // the Nom of the bad row
	if strings.Contains(stderr, name) {
		t.Errorf("stderr holds personal data %q: %q", name, stderr)
	}
	if !strings.Contains(stdout, "Constats au 20/11/2026") || !strings.Contains(stdout, "Quota dépassé") {
		t.Errorf("summary: %q", stdout)
	}
	for _, f := range []string{"findings.json", "depassements-quotas-2026-11-20.xlsx", "depassements-quotas-2026-11-20.csv"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	// The accounts behind the breaches, spooled with their slot as the
	// export is read, are those model.SlotHolders finds in the rows held
	// in memory.
	got := csvAccounts(t, filepath.Join(out, "comptes-au-dela-du-quota-2026-11-20.csv"))
	want := expectedHolders(t, filepath.Join(case4, "convention-03-2024-ch-roubaix.pdf.truth.json"), exp, "2026-11-20")
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("accounts beyond quota: got %v, want %v", got, want)
	}
}

// csvAccounts returns the Identifiant column of an accounts CSV, sorted.
func csvAccounts(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	col := slices.Index(recs[0], "Identifiant")
	var out []string
	for _, rec := range recs[1:] {
		out = append(out, rec[col])
	}
	slices.Sort(out)
	return out
}

// expectedHolders reconciles the export held in memory and returns the
// accounts of model.SlotHolders, sorted.
func expectedHolders(t *testing.T, recordPath, exportPath, asOf string) []string {
	t.Helper()
	records, err := readRecordFiles([]string{recordPath})
	if err != nil {
		t.Fatal(err)
	}
	rows := mustReadRows(t, exportPath)
	d, _ := model.ParseISODate(asOf)
	var out []string
	fs := model.Reconcile(records, rows, d, model.DefaultReconcileSettings())
	for _, hs := range model.SlotHolders(records, rows, fs) {
		for _, h := range hs {
			out = append(out, h.Account)
		}
	}
	slices.Sort(out)
	return out
}

func TestReconcileCLIUsage(t *testing.T) {
	for _, args := range [][]string{
		{"reconcile"},
		{"reconcile", "--records", "x.json"},
		{"reconcile", "--records", "x.json", "--export", "y.csv", "--as-of", "20/11/2026"},
	} {
		if code, _, _ := runMain(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	code, _, stderr := runMain(t, "reconcile", "--records", "missing.json", "--export", "y.csv")
	if code != exitFailure || !strings.Contains(stderr, "missing.json") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
}

func TestExpandListArgs(t *testing.T) {
	got := expandListArgs([]string{"--records", "a", "b", "--json", "--export=c", "d", "-as-of", "2026-01-01"}, "records", "export")
	want := []string{"--records", "a", "--records", "b", "--json", "--export=c", "--export", "d", "-as-of", "2026-01-01"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
