package dossier

import (
	"strings"
	"testing"

	"habilitations/model"
)

// TestFoldAgrees checks the fast fold against model.Fold on every line of
// the seed and on the marks French documents print.
func TestFoldAgrees(t *testing.T) {
	in := strings.Split(MustSeed(t), "\n")
	in = append(in, "Œuvre ÆTHER – l’État « Délégué » n° 3 — Ñ 1er", "Ĳ ǅ ﬁ x²", "ÉTIENNE Coralie", "")
	for _, ln := range in {
		c := model.CleanText(ln)
		if got, want := fold(c), model.Fold(c); got != want {
			t.Errorf("fold(%q) = %q, model.Fold = %q", c, got, want)
		}
	}
}

func TestPlausibleName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"Aline BOUCHARD", true},
		{"Marc-Antoine LE GALL", true},
		{"LE GALL Marc-Antoine", true},
		{"Coralie ÉTIENNE", true},
		{"Jean de la Fontaine", true},
		{"Tony SCHNEIDER Alain LAMBERT", false},
		{"Noémie 04 67 74 75 LAMBERT", false},
		{"Lionel NOËL Délégué à la protection", false},
		{"Aline BOUCHARD dijon.fr", false},
		{"J.-P. DURAND", true},
	} {
		if got := plausibleName(tc.name); got != tc.want {
			t.Errorf("plausibleName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
