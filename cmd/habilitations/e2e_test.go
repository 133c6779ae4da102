package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/extract/ocr"
	"habilitations/jobs"
	"habilitations/model"
	"habilitations/report/sample"
)

// TestEndToEndDemoThenIdempotentRun runs the README's first command on a
// fresh directory, checks every output against the sample data it was made
// from, then runs the pipeline again and checks that nothing changed.
func TestEndToEndDemoThenIdempotentRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	first := mustRunBinary(t, 0, "demo", dir)
	cfg := filepath.Join(dir, jobs.DemoConfigName)
	asOf := jobs.DemoAsOf
	partners := sample.Generate(jobs.DemoSeed, jobs.DemoPartners, sample.Options{AsOf: asOf})
	rep1 := mustLatestRunReport(t, dir, asOf)
	// The demo's scanned dossier is read where text recognition is
	// installed (always in CI), and rejected with its motif otherwise.
	_, noOCR := ocr.Find(0)
	scanned := 0
	if noOCR == nil {
		scanned = 1
	}

	t.Run("records", func(t *testing.T) {
		got := mustRecords(t, cfg)
		want := map[string]model.Record{}
		for _, p := range partners {
			rs := model.MergeBulletins(append([]model.Record{p.Record}, p.Bulletins...))
			want[rs[0].Convention.Number] = rs[0]
		}
		if len(got) != len(want)+scanned {
			t.Fatalf("%d effective records, want %d", len(got), len(want)+scanned)
		}
		for _, r := range got {
			w, ok := want[r.Convention.Number]
			if !ok && r.Source.PagesOCR > 0 {
				checkScanned(t, r)
				continue
			}
			if !ok {
				t.Errorf("unexpected convention %s", r.Convention.Number)
				continue
			}
			sortContacts(r.Contacts)
			sortContacts(w.Contacts)
			if r.Source.PagesOCR != 0 || len(r.ToVerify) != 0 {
				t.Errorf("convention %s: born-digital sample read as a scan: %+v", r.Convention.Number, r.Source)
			}
			w.Source, w.ToVerify = r.Source, r.ToVerify // the sample generator does not know the page count
			if !reflect.DeepEqual(r, w) {
				t.Errorf("convention %s: effective record differs from the sample's\n got %+v\nwant %+v", r.Convention.Number, r, w)
			}
		}
	})

	var findings model.Findings
	t.Run("findings", func(t *testing.T) {
		mustReadJSON(t, filepath.Join(dir, "reports", asOf.String(), "findings.json"), &findings)
		if findings.AsOf != asOf {
			t.Errorf("as_of = %s, want %s", findings.AsOf, asOf)
		}
		var planted []model.Finding
		for _, p := range partners {
			planted = append(planted, p.Planted...)
		}
		if got, want := findingKeys(findings.Findings), findingKeys(planted); !reflect.DeepEqual(got, want) {
			t.Errorf("findings differ from those planted in the sample data\n got %q\nwant %q", got, want)
		}
	})

	t.Run("run report", func(t *testing.T) {
		if rep1.Ingest == nil || rep1.Ingest.Archived != 10+scanned || rep1.Ingest.Rejected != 2-scanned || rep1.Ingest.Exports != jobs.DemoPartners {
			t.Errorf("ingest = %+v, want %d archived PDFs, %d rejected, %d exports", rep1.Ingest, 10+scanned, 2-scanned, jobs.DemoPartners)
		}
		if rep1.Reconcile == nil || rep1.Reconcile.Findings != len(findings.Findings) || rep1.Reconcile.Records != jobs.DemoPartners+scanned {
			t.Errorf("reconcile = %+v, want %d findings over %d conventions", rep1.Reconcile, len(findings.Findings), jobs.DemoPartners+scanned)
		}
		if scanned == 1 && (rep1.Verification == nil || rep1.Verification.Written != 1 || len(rep1.Verification.Files) != 1) {
			t.Errorf("verification = %+v, want the scanned dossier's workbook", rep1.Verification)
		}
		motif, err := os.ReadFile(filepath.Join(dir, "rejected", "numerisation-illisible.pdf.motif.txt"))
		if err != nil || !strings.Contains(string(motif), "n'est pas un document PDF") {
			t.Errorf("rejection motif: %v %q", err, motif)
		}
	})

	t.Run("breach reports", func(t *testing.T) {
		if rep1.Reconcile == nil || len(rep1.Reconcile.Reports) != 4 {
			t.Fatalf("breach reports = %+v, want the XLSX, two CSVs and findings.json", rep1.Reconcile)
		}
		for _, p := range rep1.Reconcile.Reports {
			full := filepath.Join(dir, filepath.FromSlash(p))
			switch path.Ext(p) {
			case ".xlsx":
				sheets := mustXLSXCells(t, full)
				if len(sheets) < 2 {
					t.Errorf("%s: %d sheets", p, len(sheets))
				}
			case ".csv":
				b, err := os.ReadFile(full)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.HasPrefix(b, []byte("\ufeff")) || !strings.Contains(strings.SplitN(string(b), "\n", 2)[0], ";") {
					t.Errorf("%s: not a ;-separated CSV with a UTF-8 BOM: %.80q", p, b)
				}
			}
		}
	})

	t.Run("review workbooks", func(t *testing.T) {
		if rep1.Reviews == nil || rep1.Reviews.Written != jobs.DemoPartners {
			t.Fatalf("reviews = %+v, want %d workbooks", rep1.Reviews, jobs.DemoPartners)
		}
		for _, p := range rep1.Reviews.Files {
			sheets := mustXLSXCells(t, filepath.Join(dir, filepath.FromSlash(p)))
			if strings.HasPrefix(path.Base(p), "revues-caf") {
				continue
			}
			for _, want := range []string{"Synthèse", "Habilitations", "Anomalies", "Administrateurs"} {
				if _, ok := sheets[want]; !ok {
					t.Errorf("%s: no sheet %q (has %v)", p, want, sortedKeys(sheets))
				}
			}
		}
	})

	t.Run("forms", func(t *testing.T) {
		admin := 0
		for _, f := range findings.Findings {
			if f.Code == model.CodeUndeclaredAdmin || f.Code == model.CodeMissingAdmin {
				admin++
			}
		}
		if admin == 0 || rep1.Forms == nil || rep1.Forms.Written != admin || len(rep1.Forms.Files) != admin {
			t.Fatalf("forms = %+v, want one per administrator finding (%d)", rep1.Forms, admin)
		}
		for _, p := range rep1.Forms.Files {
			full := filepath.Join(dir, filepath.FromSlash(p))
			b, err := os.ReadFile(full)
			if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-64:], []byte("%%EOF")) {
				t.Errorf("%s is not a whole PDF (%v)", p, err)
				continue
			}
			if text, ok := pdfText(t, full); ok && !strings.Contains(text, "modification d'un administrateur") &&
				!strings.Contains(text, "modification d’un administrateur") {
				t.Errorf("%s: the text of the form lacks its object:\n%s", p, text)
			}
		}
	})

	t.Run("privacy", func(t *testing.T) {
		mustHoldNoPersonalData(t, first.stdout+first.stderr, partners)
		mustBeOwnerOnly(t, dir)
	})

	// The second run: same inputs, same day.
	before := treeHashes(t, dir)
	cellsBefore := map[string]map[string][][]string{}
	for rel := range before {
		if path.Ext(rel) == ".xlsx" && strings.HasPrefix(rel, "reports/") {
			cellsBefore[rel] = mustXLSXCells(t, filepath.Join(dir, filepath.FromSlash(rel)))
		}
	}
	recordsBefore := mustRunBinary(t, 0, "records", "--config", cfg, "--json").stdout
	second := mustRunBinary(t, 0, "run", "--config", cfg, "--as-of", asOf.String())
	after := treeHashes(t, dir)
	rep2 := mustLatestRunReport(t, dir, asOf)

	t.Run("second run changes nothing", func(t *testing.T) {
		if rep2.RunID == rep1.RunID {
			t.Fatalf("no second run report")
		}
		if in := rep2.Ingest; in == nil || in.Taken+in.Archived+in.Rejected+in.Duplicates+in.Exports != 0 {
			t.Errorf("second ingest took files: %+v", in)
		}
		if got := mustRunBinary(t, 0, "records", "--config", cfg, "--json").stdout; got != recordsBefore {
			t.Error("records changed")
		}
		if rep2.Reconcile == nil || rep2.Reconcile.Findings != rep1.Reconcile.Findings || rep2.Reconcile.New != rep1.Reconcile.New {
			t.Errorf("findings changed: %+v then %+v", rep1.Reconcile, rep2.Reconcile)
		}
		if rep2.Forms == nil || rep2.Forms.Written != 0 || rep2.Forms.Skipped != rep1.Forms.Written {
			t.Errorf("forms = %+v, want none written and %d already prepared", rep2.Forms, rep1.Forms.Written)
		}
		if rep2.Reviews == nil || rep2.Reviews.Written != 0 || rep2.Reviews.Skipped != jobs.DemoPartners {
			t.Errorf("reviews = %+v, want none written and %d already prepared", rep2.Reviews, jobs.DemoPartners)
		}
		for _, rel := range sortedKeys(after) {
			if isRunState(rel) {
				continue
			}
			old, ok := before[rel]
			switch {
			case !ok:
				t.Errorf("new file %s", rel)
			case old == after[rel]:
			case cellsBefore[rel] != nil:
				// A rewritten workbook may differ in its zip and document
				// timestamps, never in a cell.
				if got := mustXLSXCells(t, filepath.Join(dir, filepath.FromSlash(rel))); !reflect.DeepEqual(got, cellsBefore[rel]) {
					t.Errorf("%s: cells changed", rel)
				}
			default:
				t.Errorf("%s changed", rel)
			}
		}
		for _, rel := range sortedKeys(before) {
			if _, ok := after[rel]; !ok {
				t.Errorf("%s disappeared", rel)
			}
		}
		mustHoldNoPersonalData(t, second.stdout+second.stderr, partners)
	})

	t.Run("reconcile from the store", func(t *testing.T) {
		out := mustRunBinary(t, 0, "reconcile", "--data", dir, "--as-of", asOf.String(), "--json").stdout
		var got model.Findings
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("reconcile --json: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(findingKeys(got.Findings), findingKeys(findings.Findings)) || got.AsOf != asOf {
			t.Errorf("reconcile --data --json differs from the run's findings.json")
		}
	})

	t.Run("status", func(t *testing.T) {
		out := mustRunBinary(t, 0, "status", "--config", cfg).stdout
		for _, want := range []string{"run ", " ok ", "Last error: none", dir, "Last run report: " + rep2.Report} {
			if !strings.Contains(out, want) {
				t.Errorf("status lacks %q:\n%s", want, out)
			}
		}
	})
}

// pdfText returns the text of a PDF through pdftotext (poppler-utils, which
// .ci/run installs); ok is false when pdftotext is not installed.
func pdfText(tb testing.TB, p string) (string, bool) {
	tb.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return "", false
	}
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		tb.Errorf("pdftotext %s: %v", p, err)
		return "", false
	}
	return string(out), true
}

// isRunState reports whether a data directory file is expected to change on
// every run: the store, the lock and the run reports.
func isRunState(rel string) bool {
	base := path.Base(rel)
	return strings.HasPrefix(rel, "state.db") || rel == "lock" ||
		(strings.HasPrefix(base, "run-") && path.Ext(base) == ".json")
}

// mustLatestRunReport reads the newest run report of the as-of date.
func mustLatestRunReport(tb testing.TB, dir string, asOf model.Date) jobs.RunReport {
	tb.Helper()
	ms, err := filepath.Glob(filepath.Join(dir, "reports", asOf.String(), "run-*.json"))
	if err != nil || len(ms) == 0 {
		tb.Fatalf("no run report in %s: %v", dir, err)
	}
	var best jobs.RunReport
	for _, m := range ms {
		var r jobs.RunReport
		mustReadJSON(tb, m, &r)
		if r.RunID > best.RunID {
			best = r
		}
	}
	return best
}

func mustRecords(tb testing.TB, cfg string) []model.Record {
	tb.Helper()
	out := mustRunBinary(tb, 0, "records", "--config", cfg, "--json").stdout
	var rs []model.Record
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		tb.Fatalf("records --json: %v\n%s", err, out)
	}
	return rs
}

// sortContacts orders contacts: their order is not significant (records.md §2).
func sortContacts(cs []model.Contact) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		return a.Side+a.Role+a.Name < b.Side+b.Role+b.Name
	})
}

func mustReadJSON(tb testing.TB, p string, v any) {
	tb.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("%s: %v", p, err)
	}
}

// mustXLSXCells opens a workbook with excelize and returns every sheet's cells.
func mustXLSXCells(tb testing.TB, p string) map[string][][]string {
	tb.Helper()
	f, err := excelize.OpenFile(p)
	if err != nil {
		tb.Fatalf("%s: %v", p, err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s)
		if err != nil {
			tb.Fatalf("%s sheet %s: %v", p, s, err)
		}
		out[s] = rows
	}
	return out
}

func findingKeys(fs []model.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = strings.ReplaceAll(f.Key(), "\x1f", "|")
	}
	sort.Strings(out)
	return out
}

// mustHoldNoPersonalData fails when out holds a name, e-mail or phone of the
// sample partners' contacts or accounts.
func mustHoldNoPersonalData(tb testing.TB, out string, partners []sample.Partner) {
	tb.Helper()
	var secrets []string
	for _, p := range partners {
		for _, c := range p.Record.Contacts {
			secrets = append(secrets, c.Name, c.Email, c.Phone)
		}
		for _, h := range p.Export {
			secrets = append(secrets, h.Email, h.LastName+" "+h.FirstName, h.FirstName+" "+h.LastName)
		}
	}
	for _, s := range secrets {
		if len(s) > 4 && strings.Contains(out, s) {
			tb.Errorf("output holds personal data %q", s)
		}
	}
}

// mustBeOwnerOnly fails when a file or folder of the data directory can be
// read by others than its owner.
func mustBeOwnerOnly(tb testing.TB, dir string) {
	tb.Helper()
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o077 != 0 {
			tb.Errorf("%s has mode %v, want owner-only", p, info.Mode().Perm())
		}
		return nil
	})
}
