package extract

import (
	"testing"

	"habilitations/extract/pdftext"
)

// What recognition adds and no printed value holds is taken out of a
// recognised page: rules at a cell's ends, spaces around « @ », a dash read
// twice (found on the scanned corpus: « Merle —- 69003 » for « Merle – »).
func TestTidyRecognised(t *testing.T) {
	for in, want := range map[string]string{
		"67 boulevard Vivier Merle —- 69003 LYON": "67 boulevard Vivier Merle — 69003 LYON",
		"82 rue Brûle Maison -— 59000 LILLE":      "82 rue Brûle Maison — 59000 LILLE",
		"8 Bd Clemenceau -- 21000 DIJON":          "8 Bd Clemenceau - 21000 DIJON",
		"| ycharpentier @udaf34.fr ]":             "ycharpentier@udaf34.fr",
		"Marc-Antoine LE GALL – Directeur":        "Marc-Antoine LE GALL – Directeur",
	} {
		p := pdftext.Page{Lines: []pdftext.Line{{Cells: []string{in}}}}
		tidyRecognised(&p)
		if got := p.Lines[0].Cells[0]; got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}

// An e-mail read by recognition with a capital letter is listed: its I is
// most often an l (« Inoel@ » for « lnoel@ », read with confidence).
func TestCaseConfusable(t *testing.T) {
	for v, want := range map[string]bool{"Inoel@mairie-villeurbanne.fr": true, "lnoel@mairie-villeurbanne.fr": false} {
		if got := caseConfusable(field{path: "contacts[3].email", value: v}); got != want {
			t.Errorf("%s: %v", v, got)
		}
	}
	if caseConfusable(field{path: "contacts[3].name", value: "Isabelle NOEL"}) {
		t.Error("a name is not an address")
	}
}
