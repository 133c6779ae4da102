package dossier

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"habilitations/extract/internal/recordtest"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// MustSeed returns the text of the reference dossier (testdata/seed).
func MustSeed(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(recordtest.RepoRoot(tb), "testdata", "seed", "convention-06-2017-ccas-dijon.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// MustSeedRecord parses the reference dossier, which must parse.
func MustSeedRecord(tb testing.TB) model.Record {
	tb.Helper()
	rec, err := Parse(pdftext.FromText(MustSeed(tb)))
	if err != nil {
		tb.Fatalf("Parse(seed): %v", err)
	}
	return rec
}

// TestParseSeedGolden parses the reference dossier: the record must be the
// example of records.md §2 with the seed's other contacts and units; the
// whole record is kept as a golden file (regenerate with -update).
func TestParseSeedGolden(t *testing.T) {
	rec, err := Parse(pdftext.FromText(MustSeed(t)))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	got, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "convention-06-2017-ccas-dijon.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update once)", err)
	}
	var wantRec model.Record
	if err := json.Unmarshal(want, &wantRec); err != nil {
		t.Fatal(err)
	}
	for _, d := range recordtest.Diff(wantRec, rec) {
		t.Error(d)
	}
	// The fields records.md §2 prints for this dossier, checked on their own
	// so that a careless -update cannot bless a wrong record.
	example := model.Record{Kind: "dossier", Convention: model.Convention{
		Number: "06/2017",
		Caf: model.Party{Name: "Caisse d'Allocations familiales de la Côte d'Or", Address: "8 Bd Clemenceau – 21000 DIJON",
			Representative: "Bernard VASSEUR", Title: "Directeur"},
		Partner: model.Partner{Name: "Centre Communal d'Action Sociale de la Ville de Dijon", Address: "11 Rue de l'Hopital - 21000 DIJON",
			Representative: "Gérard MONTEIL", Title: "Président", SIRET: "26210106600252"},
		SignedOn: "2017-05-03", SignedAt: "Dijon", Management: "delegated", TermMonths: 12, TacitRenewal: true,
	}}
	if rec.Convention != example.Convention {
		t.Errorf("convention = %+v\nwant %+v", rec.Convention, example.Convention)
	}
	for _, c := range []model.Contact{
		{Side: "partner", Role: "admin", Name: "Aline BOUCHARD", Email: "abouchard@ccas-dijon.fr", Phone: "+33380441021"},
		{Side: "partner", Role: "security", Name: "Tony SCHNEIDER", Email: "tschneider@ville-dijon.fr", Phone: "+33380741023"},
		{Side: "partner", Role: "privacy", Name: "Alain LAMBERT", Email: "alambert@grand-dijon.fr", Phone: "+33380741024"},
		{Side: "caf", Role: "admin", Name: "Thomas GRANGER", Email: "moncomptepartenaire.cafdijon@caf.cnafmail.fr"},
	} {
		if !slices.Contains(rec.Contacts, c) {
			t.Errorf("contact %+v missing", c)
		}
	}
	first := model.Service{Annex: "2.1", Unit: "Service social général", Service: "Cdap", SignedOn: "2017-05-03",
		Quotas: model.Quotas{T1: 25, T13: 6}}
	if len(rec.Services) != 4 || rec.Services[0] != first {
		t.Errorf("services = %+v, want 4 starting with %+v", rec.Services, first)
	}
}

// mustReplace replaces old in s, failing when s does not hold it (so that a
// case cannot silently test the unchanged seed).
func mustReplace(tb testing.TB, s, old, new string, n int) string {
	tb.Helper()
	if !strings.Contains(s, old) {
		tb.Fatalf("seed has no %q", old)
	}
	return strings.Replace(s, old, new, n)
}

// paginate splits text into pages of size lines, each with a running
// header and a page-number footer, as a text layer that kept them would.
func paginate(s string, size int) string {
	ls := strings.Split(s, "\n")
	var b strings.Builder
	total := (len(ls) + size - 1) / size
	for p := 0; p < total; p++ {
		if p > 0 {
			b.WriteString("\f")
		}
		b.WriteString("Convention n° 06 / 2017 – Mon Compte Partenaire\n")
		b.WriteString(strings.Join(ls[p*size:min((p+1)*size, len(ls))], "\n"))
		b.WriteString("\nPage " + strconv.Itoa(p+1) + " / " + strconv.Itoa(total) + "\n")
	}
	return b.String()
}

// incomplete asserts err is an *IncompleteError naming each field.
func incomplete(tb testing.TB, err error, fields ...string) {
	tb.Helper()
	var inc *model.IncompleteError
	if !errors.As(err, &inc) {
		tb.Fatalf("err = %v, want *model.IncompleteError", err)
	}
	for _, f := range fields {
		if !slices.Contains(inc.Fields, f) {
			tb.Errorf("fields %q lack %q", inc.Fields, f)
		}
	}
}

func mustParse(tb testing.TB, rec model.Record, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
}

// TestParseRecordJSON checks the record of the seed encodes to the JSON
// shape of records.md §2 (five quota keys, contacts array, no extra field).
func TestParseRecordJSON(t *testing.T) {
	rec, err := Parse(pdftext.FromText(MustSeed(t)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(rec)
	for _, key := range []string{`"kind":"dossier"`, `"quotas":{"T1":25,"T2":0,"T4":0,"T5":0,"T13":6}`, `"term_months":12`} {
		if !bytes.Contains(b, []byte(key)) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}
