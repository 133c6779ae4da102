package pdftext

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

func mustExtract(tb testing.TB, path string) Document {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := Extract(context.Background(), data, DefaultLimits())
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return doc
}

func hasLine(doc Document, cells ...string) bool {
	for _, l := range doc.Lines() {
		if slices.Equal(l.Cells, cells) {
			return true
		}
	}
	return false
}

// TestChromiumWords: Chromium (Skia) positions words instead of writing
// spaces, with composite Identity-H fonts; spaces, ligatures, no-break spaces
// and footnote marks must come out right (testdata/chromium/make.sh).
func TestChromiumWords(t *testing.T) {
	doc := mustExtract(t, "testdata/chromium/words.pdf")
	want := [][]string{
		{"Le service Cdap permet à des partenaires habilités de consulter diverses"},
		{"définies à l’article 1 de la convention ; les fichiers ne sont pas conservés."},
		{"Profils", "Nombre d’utilisateurs autorisés"},
		{"T1", "25"},
		{"T2", ""},
		{"T13 (TD)", "6"},
		{"Administrateur principal Aline MARTIN-DUPRÉ de la Fontaine-Blanche", "amartin@ccas-exemple.fr", "03 80 44 10 21"},
		{"Fait à Dijon, le 1er mars 2024"},
	}
	for _, w := range want {
		if !hasLine(doc, w...) {
			t.Errorf("no line %q in\n%s", w, doc)
		}
	}
}

// TestChromiumTableSplit: a 60-row table over three pages, its header row
// repeated by Chromium on each page and the page header and footer (date,
// title, URL, « n/m ») around it, reads as one table.
func TestChromiumTableSplit(t *testing.T) {
	doc := mustExtract(t, "testdata/chromium/table-split.pdf")
	if len(doc.Pages) < 2 {
		t.Fatalf("%d pages, want the table split over pages", len(doc.Pages))
	}
	var rows []Line
	for _, l := range doc.Lines() {
		if len(l.Cells) == 3 {
			rows = append(rows, l)
		}
		if s := l.Text(); strings.Contains(s, "file://") || strings.Contains(s, " PM") || strings.Contains(s, " AM") {
			t.Errorf("page furniture left in the text: %q", s)
		}
	}
	if len(rows) != 61 {
		t.Fatalf("%d table rows, want the header and 60 rows", len(rows))
	}
	for i, r := range rows[1:] {
		n := i + 1
		role := "Administrateur suppléant"
		if n%7 == 0 {
			role = "Délégué à la protection des données (DPO)"
		}
		want := []string{
			fmt.Sprintf("%s Prénom%02d NOM-COMPOSÉ%02d", role, n, n),
			fmt.Sprintf("p%02d.nom@ccas-exemple.fr", n),
			fmt.Sprintf("03 80 44 %02d %02d", n, n),
		}
		if !slices.Equal(r.Cells, want) {
			t.Errorf("row %d = %q, want %q", n, r.Cells, want)
		}
	}
}
