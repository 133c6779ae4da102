package model

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestPropMatchIsLookup: match's caches (last row, Organisme → SIRETs, and
// pairs once an Organisme is written with many SIRETs, as when the column
// is empty) give what the uncached lookup gives, whatever the order.
func TestPropMatchIsLookup(t *testing.T) {
	var records []Record
	var sirets, names []string
	for i := range 20 {
		r := Record{Kind: KindDossier, Convention: Convention{Number: fmt.Sprintf("%02d/2020", i+1), SignedOn: "2020-01-15",
			Partner: Partner{Name: fmt.Sprintf("CCAS de Ville-%d", i)}}}
		if i%3 != 0 {
			r.Convention.Partner.SIRET = fmt.Sprintf("260000000%05d", i)
		}
		records = append(records, r)
		sirets = append(sirets, fmt.Sprintf("260000000%05d", i))
		names = append(names, r.Convention.Partner.Name)
	}
	sirets = append(sirets, "", "12345678901234")
	names = append(names, "", "ccas de ville-3", "Association inconnue")
	rapid.Check(t, func(rt *rapid.T) {
		x := buildConvIndex(records, newFoldCache())
		for i := range rapid.IntRange(1, 300).Draw(rt, "rows") {
			h := &Habilitation{Organisme: rapid.SampledFrom(names).Draw(rt, "organisme"), SIRET: rapid.SampledFrom(sirets).Draw(rt, "siret")}
			if got, want := x.match(h), x.lookup(h); got != want {
				rt.Fatalf("row %d (%q, %q): match %d, lookup %d", i, h.Organisme, h.SIRET, got, want)
			}
		}
	})
}

// TestPropSIRETNumber: siretNumber takes exactly the 14-digit strings, and
// tells them apart as the strings are.
func TestPropSIRETNumber(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		a := rapid.StringMatching(`[0-9]{13,15}|[0-9]{0,13}[^0-9][0-9]{0,13}`).Draw(rt, "a")
		b := rapid.SampledFrom([]string{a, rapid.StringMatching(`[0-9]{14}`).Draw(rt, "b")}).Draw(rt, "either")
		na, oka := siretNumber(a)
		nb, okb := siretNumber(b)
		if oka != isDigits14(a) {
			rt.Fatalf("siretNumber(%q) ok = %v", a, oka)
		}
		if oka && okb && (na == nb) != (a == b) {
			rt.Fatalf("siretNumber(%q) = %d, siretNumber(%q) = %d", a, na, b, nb)
		}
	})
}

func isDigits14(s string) bool {
	return len(s) == 14 && strings.Trim(s, "0123456789") == ""
}
