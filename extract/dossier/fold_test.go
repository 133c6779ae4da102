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
