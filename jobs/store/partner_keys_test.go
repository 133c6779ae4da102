package store_test

import (
	"testing"

	"pgregory.net/rapid"

	"habilitations/jobs/store"
)

// TestPropPartnerKeysIsPartnerKey: the memo of the last row gives what
// PartnerKey gives, whatever the order of the rows (a partner's rows
// together or interleaved, a SIRET written with or without spaces).
func TestPropPartnerKeysIsPartnerKey(t *testing.T) {
	sirets := []string{"", " ", "26000000100015", " 26000000100015", "26000000200013"}
	names := []string{"", "CCAS de Beaune", "ccas  de beaune", "CCAS DE BEAUNÉ", "Mairie d'Autun"}
	rapid.Check(t, func(rt *rapid.T) {
		var keys store.PartnerKeys
		for i := range rapid.IntRange(1, 40).Draw(rt, "rows") {
			s, o := rapid.SampledFrom(sirets).Draw(rt, "siret"), rapid.SampledFrom(names).Draw(rt, "organisme")
			if got, want := keys.Key(s, o), store.PartnerKey(s, o); got != want {
				rt.Fatalf("row %d (%q, %q): %q, want %q", i, s, o, got, want)
			}
		}
	})
}
