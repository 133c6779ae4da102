package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"habilitations/model"
)

var update = flag.Bool("update", false, "rewrite the generated fixtures under testdata/")

const beauneTruth = "../../testdata/corpus/cases/01-cotedor-ccas-beaune/export-habilitations-ccas-beaune-2026-11-18.csv.truth.json"

// canonical returns the 13 cells of a canonical row, in records.md §3 order.
func canonical(h model.Habilitation, date func(model.Date) string) []string {
	return []string{h.Account, h.LastName, h.FirstName, h.Email, h.Organisme, h.SIRET, h.Unit,
		h.Service, string(h.Profile), h.Role, h.Status, date(h.Created), date(h.LastLogin)}
}

func frenchDate(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("02/01/2006")
}

func isoDate(d model.Date) string { return d.String() }

// permute returns cells in the given canonical-index order.
func permute(cells []string, order []int) []string {
	out := make([]string, len(order))
	for i, j := range order {
		out[i] = cells[j]
	}
	return out
}

// joinCSV writes records with delim and eol; quoteAll quotes every field.
func joinCSV(recs [][]string, delim, eol string, quoteAll bool) string {
	var b strings.Builder
	for _, rec := range recs {
		for i, f := range rec {
			if i > 0 {
				b.WriteString(delim)
			}
			if quoteAll || strings.ContainsAny(f, delim+"\"\r\n") {
				f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
			}
			b.WriteString(f)
		}
		b.WriteString(eol)
	}
	return b.String()
}

var identity = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}

// fixture is one generated variant of the Beaune export: same rows, other
// encoding, delimiter, headers or format.
type fixture struct {
	name       string
	build      func(tb testing.TB, rows []model.Habilitation) []byte
	format     string
	encoding   string
	delimiter  string
	sheet      string
	headerLine int
	columns    []string
}

func csvFixture(header []string, order []int, delim, eol string, quoteAll bool, date func(model.Date) string,
	mutate func(i int, cells []string), encode func(string) ([]byte, error)) func(testing.TB, []model.Habilitation) []byte {
	return func(tb testing.TB, rows []model.Habilitation) []byte {
		tb.Helper()
		recs := [][]string{header}
		for i, h := range rows {
			c := canonical(h, date)
			if mutate != nil {
				mutate(i, c)
			}
			recs = append(recs, permute(c, order))
		}
		b, err := encode(joinCSV(recs, delim, eol, quoteAll))
		if err != nil {
			tb.Fatal(err)
		}
		return b
	}
}

func utf8Bytes(s string) ([]byte, error) { return []byte(s), nil }

func cp1252(s string) ([]byte, error) { return charmap.Windows1252.NewEncoder().Bytes([]byte(s)) }

func utf16le(s string) ([]byte, error) {
	return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
}

var canonicalHeader = []string{"Identifiant", "Nom", "Prénom", "Adresse mél", "Organisme", "SIRET",
	"Structure", "Service", "Profil", "Rôle", "Statut", "Date de création", "Dernière connexion"}

// Alias headers, in another order: statut first, dates in the middle.
var (
	aliasOrder  = []int{10, 0, 2, 1, 3, 11, 12, 4, 5, 6, 7, 9, 8}
	aliasHeader = []string{"ETAT", "Login", "prénom", "Nom de famille", "Courriel", "Créé le", "Dernier accès",
		"Raison sociale", "N° SIRET", "Unité", "service", "Role", "Profil d'habilitation"}
)

// spelled writes statuses, roles and profiles as other tools do.
func spelled(i int, c []string) {
	c[10] = map[string]string{"Actif": "ACTIF", "Suspendu": "suspendue", "Désactivé": "desactive"}[c[10]]
	if c[8] == "T13" {
		c[8] = [...]string{"TD", "T13 (TD)", "t13"}[i%3]
	}
	if c[9] == model.RoleDeputyAdmin {
		c[9] = "Administrateur suppleant"
	}
}

var fixtures = []fixture{
	{name: "beaune-cp1252.csv", format: "csv", encoding: "windows-1252", delimiter: ";", headerLine: 1, columns: canonicalHeader,
		build: csvFixture(canonicalHeader, identity, ";", "\r\n", false, frenchDate, nil, cp1252)},
	{name: "beaune-comma.csv", format: "csv", encoding: "utf-8", delimiter: ",", headerLine: 1, columns: canonicalHeader,
		build: csvFixture(canonicalHeader, identity, ",", "\n", true, isoDate, nil, utf8Bytes)},
	{name: "beaune-aliases.csv", format: "csv", encoding: "utf-8", delimiter: ";", headerLine: 1, columns: aliasHeader,
		build: csvFixture(aliasHeader, aliasOrder, ";", "\r\n", false, frenchDate, spelled, utf8Bytes)},
	{name: "beaune-utf16.txt", format: "csv", encoding: "utf-16le", delimiter: "\t", headerLine: 1, columns: canonicalHeader,
		build: csvFixture(canonicalHeader, identity, "\t", "\r\n", false, frenchDate, nil, utf16le)},
	{name: "beaune.xlsx", format: "xlsx", sheet: "Habilitations", headerLine: 3, columns: canonicalHeader,
		build: buildXLSX},
}

// TestFixtures reads each generated variant of the Beaune export and expects
// the Beaune truth rows. Run with -update to regenerate testdata/.
func TestFixtures(t *testing.T) {
	truth := MustReadTruth(t, beauneTruth)
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			path := filepath.Join("testdata", fx.name)
			if *update {
				if err := os.WriteFile(path, fx.build(t, truth.Rows), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if fx.format == "csv" && !bytes.Equal(data, fx.build(t, truth.Rows)) {
				t.Errorf("%s is stale: run go test -update", path)
			}
			sum, rows := MustReadAll(t, fx.name, data, Options{})
			if sum.Format != fx.format || sum.Encoding != fx.encoding || sum.Delimiter != fx.delimiter ||
				sum.Sheet != fx.sheet || sum.HeaderLine != fx.headerLine {
				t.Errorf("summary = %q/%q/%q/%q/%d, want %q/%q/%q/%q/%d", sum.Format, sum.Encoding, sum.Delimiter,
					sum.Sheet, sum.HeaderLine, fx.format, fx.encoding, fx.delimiter, fx.sheet, fx.headerLine)
			}
			if len(sum.RowErrors) > 0 || len(sum.Missing) > 0 || len(sum.Warnings) > 0 {
				t.Errorf("row errors %v, missing %v, warnings %v", sum.RowErrors, sum.Missing, sum.Warnings)
			}
			compareRows(t, rows, truth.Rows)
			if !slices.Equal(sum.Columns, fx.columns) {
				t.Errorf("columns = %q, want %q", sum.Columns, fx.columns)
			}
			if len(rows) > 0 && rows[0].Line != fx.headerLine+1 {
				t.Errorf("first row on line %d, want %d", rows[0].Line, fx.headerLine+1)
			}
		})
	}
}
