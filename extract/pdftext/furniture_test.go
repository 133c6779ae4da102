package pdftext

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestFurniture: the running header and the « Page n / m » footer of the
// Villeurbanne dossier leave the text for Page.Furniture on every page, and
// the footnote calls and footnotes of its contrat de service are gone.
func TestFurniture(t *testing.T) {
	doc := mustExtract(t, "../../testdata/corpus/cases/02-rhone-ccas-villeurbanne/convention-12-2021-ccas-villeurbanne.pdf")
	for _, p := range doc.Pages {
		var furn []string
		for _, l := range p.Furniture {
			furn = append(furn, l.Text())
		}
		if want := fmt.Sprintf("Page %d / %d", p.Number, len(doc.Pages)); !slices.Contains(furn, want) {
			t.Errorf("page %d: furniture %q lacks %q", p.Number, furn, want)
		}
		if p.Number > 1 && !slices.Contains(furn, "Convention n° 12/2021 – Mon Compte Partenaire") {
			t.Errorf("page %d: furniture %q lacks the running header", p.Number, furn)
		}
	}
	text := doc.String()
	for _, gone := range []string{"Voir tableau", "\n____", "habilitations1", "suppléant 2", "Caf3"} {
		if strings.Contains(text, gone) {
			t.Errorf("footnote text %q left in the document", gone)
		}
	}
	for _, kept := range []string{
		"principal des habilitations du partenaire ainsi qu'à son suppléant. La Caf assure uniquement la gestion de",
		"La prise en compte des incidents de 1er niveau est assurée par les structures de support utilisateur du",
	} {
		if !strings.Contains(text, kept) {
			t.Errorf("line %q missing", kept)
		}
	}
}
