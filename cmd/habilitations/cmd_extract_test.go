package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"habilitations/model"
)

// outcome is one JSON value extract --json prints: a record or a rejection.
type outcome struct {
	Record    model.Record
	Rejection *model.Rejection
}

// loadOutcome reads a corpus truth file.
func loadOutcome(t *testing.T, path string) outcome {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeOutput(t, string(b))
	if len(got) != 1 {
		t.Fatalf("%s: %d JSON values", path, len(got))
	}
	return got[0]
}

// sameRecord compares records as records.md §2 does: contacts as a set.
func sameRecord(a, b model.Record) bool {
	if a.Source == (model.Source{}) {
		// A corpus truth written before records.md §2b: a born-digital
		// file, whose source the truth leaves out.
		b.Source = model.Source{}
	}
	canon := func(r model.Record) string {
		cs := slices.Clone(r.Contacts)
		slices.SortFunc(cs, func(x, y model.Contact) int {
			return strings.Compare(x.Side+x.Role+x.Name+x.Email, y.Side+y.Role+y.Name+y.Email)
		})
		r.Contacts = cs
		j, _ := json.Marshal(r)
		return string(j)
	}
	return canon(a) == canon(b)
}

const corpusDir = "../../testdata/corpus/cases"

// decodeOutput decodes stdout of extract --json: one JSON value per file,
// each a record or a rejection (told apart by its "reason").
func decodeOutput(t *testing.T, stdout string) []outcome {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(stdout))
	var out []outcome
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatalf("stdout is not JSON: %v\n%s", err, stdout)
		}
		if bytes.Contains(raw, []byte(`"reason"`)) {
			var rej model.Rejection
			if err := json.Unmarshal(raw, &rej); err != nil {
				t.Fatal(err)
			}
			out = append(out, outcome{Rejection: &rej})
			continue
		}
		var rec model.Record
		d := json.NewDecoder(bytes.NewReader(raw))
		d.DisallowUnknownFields()
		if err := d.Decode(&rec); err != nil {
			t.Fatal(err)
		}
		out = append(out, outcome{Record: rec})
	}
	return out
}

// TestExtractCLIJSON: one file prints its record (exit 0) or rejection
// (exit 2) as in its truth file.
func TestExtractCLIJSON(t *testing.T) {
	for _, tc := range []struct {
		file string
		code int
	}{
		{"01-cotedor-ccas-beaune/convention-04-2018-ccas-beaune.pdf", exitOK},
		{"01-cotedor-ccas-beaune/bulletin-2-1-service-social-general-2020.pdf", exitOK},
		{"90-rejets/convention-09-2019-ccas-chenove.pdf", exitRejected},
		{"90-rejets/facture-2026-0412.pdf", exitRejected},
		{"90-rejets/convention-gironde-protegee.pdf", exitRejected},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(corpusDir, tc.file)
			code, stdout, stderr := runMain(t, "extract", "--json", "--isolate=false", path)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			got := decodeOutput(t, stdout)
			want := loadOutcome(t, path+".truth.json")
			if len(got) != 1 {
				t.Fatalf("%d JSON values on stdout, want 1", len(got))
			}
			if want.Rejection != nil {
				if got[0].Rejection == nil || got[0].Rejection.Reason != want.Rejection.Reason || got[0].Rejection.File != want.Rejection.File {
					t.Fatalf("got %+v, want rejection %+v", got[0], want.Rejection)
				}
				return
			}
			if !sameRecord(want.Record, got[0].Record) {
				t.Errorf("record differs from the truth:\n%s", stdout)
			}
		})
	}
}

// TestExtractCLISeveral: several files print one compact JSON object per
// line, in order; any rejection makes the exit code 2.
func TestExtractCLISeveral(t *testing.T) {
	files := []string{
		filepath.Join(corpusDir, "04-nord-ch-roubaix/convention-03-2024-ch-roubaix.pdf"),
		filepath.Join(corpusDir, "90-rejets/convention-beaune.pdf"),
		filepath.Join(corpusDir, "05-herault-udaf34/convention-07-2020-udaf-herault.pdf"),
	}
	code, stdout, stderr := runMain(t, append([]string{"extract", "--json", "--isolate=false"}, files...)...)
	if code != exitRejected {
		t.Fatalf("exit %d, want %d; stderr: %s", code, exitRejected, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != len(files) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(files), stdout)
	}
	got := decodeOutput(t, stdout)
	if got[0].Record.Convention.Number != "03/2024" || got[1].Rejection == nil || got[1].Rejection.Reason != model.ReasonNotPDF ||
		got[2].Record.Convention.Number != "07/2020" {
		t.Errorf("outputs out of order or wrong: %+v", got)
	}
	code, _, _ = runMain(t, "extract", "--json", "--isolate=false", files[0], files[2])
	if code != exitOK {
		t.Errorf("two records: exit %d, want 0", code)
	}
}

// TestExtractCLISummary: without --json, a French summary a clerk can read.
func TestExtractCLISummary(t *testing.T) {
	code, stdout, _ := runMain(t, "extract", "--isolate=false",
		filepath.Join(corpusDir, "03-gironde-cd33/convention-2019-014-departement-gironde.pdf"),
		filepath.Join(corpusDir, "90-rejets/dossier-numerise.pdf"))
	if code != exitRejected {
		t.Fatalf("exit %d, want %d", code, exitRejected)
	}
	for _, want := range []string{
		"convention n° 2019-014",
		"Partenaire : Conseil départemental de la Gironde (SIRET 22725879453625)",
		"Date de signature : 01/02/2019, à Bordeaux",
		"Durée : 3 ans, tacite reconduction ; gestion déléguée",
		"Annexe 2.4 – Service RSA (Cdap, signé le 01/02/2019) : T1 0, T2 0, T4 8, T5 10, T13 4",
		"dossier-numerise.pdf\n  Rejeté : La numérisation est de trop faible résolution",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
}

// TestExtractCLIUsage: no file, an unknown flag or a missing file is exit 1.
func TestExtractCLIUsage(t *testing.T) {
	for _, args := range [][]string{
		{"extract"},
		{"extract", "--nope", "x.pdf"},
		{"extract", "--isolate=false", filepath.Join(t.TempDir(), "absent.pdf")},
	} {
		if code, _, _ := runMain(t, args...); code != exitFailure {
			t.Errorf("%v: exit %d, want %d", args, code, exitFailure)
		}
	}
}

// TestExtractCLIIsolated runs the built binary, whose extract-worker child
// reads the PDF: reasons cross the process boundary intact.
func TestExtractCLIIsolated(t *testing.T) {
	r := mustRunBinary(t, exitRejected, "extract", "--json",
		filepath.Join(corpusDir, "01-cotedor-ccas-beaune/convention-04-2018-ccas-beaune.pdf"),
		filepath.Join(corpusDir, "90-rejets/convention-gironde-protegee.pdf"))
	got := decodeOutput(t, r.stdout)
	if len(got) != 2 || got[0].Record.Convention.Number != "04/2018" || got[1].Rejection == nil ||
		got[1].Rejection.Reason != model.ReasonEncrypted {
		t.Errorf("isolated extract: %+v", got)
	}
}

// TestExtractCLIOrder: files read in parallel are printed in the order given.
func TestExtractCLIOrder(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.pdf"))
	if len(files) < 5 {
		t.Fatalf("only %d corpus PDFs", len(files))
	}
	code, stdout, stderr := runMain(t, append([]string{"extract", "--json", "--isolate=false", "--jobs", "3"}, files...)...)
	if code != exitRejected {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	got := decodeOutput(t, stdout)
	if len(got) != len(files) {
		t.Fatalf("%d outputs for %d files", len(got), len(files))
	}
	for i, f := range files {
		want := loadOutcome(t, f+".truth.json")
		switch {
		case want.Rejection != nil:
			if got[i].Rejection == nil || got[i].Rejection.File != want.Rejection.File {
				t.Errorf("line %d: got %+v, want rejection of %s", i, got[i], want.Rejection.File)
			}
		case !sameRecord(want.Record, got[i].Record):
			t.Errorf("line %d: record is not %s's", i, filepath.Base(f))
		}
	}
}
