package dossier

import (
	"slices"
	"testing"
)

func TestMendWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Administrateu r Mélanie VINCENT", "Administrateur Mélanie VINCENT"},
		{"Fonction et dénominatio n", "Fonction et dénomination"},
		{"Responsable sécur ité Benoît ÉTIENNE", "Responsable sécurité Benoît ÉTIENNE"},
		{"Administrateur Marc ROUSSEL", "Administrateur Marc ROUSSEL"}, // whole: unchanged
		{"Administrateur s", "Administrateur s"},                       // a whole word stays whole
		{"Jean Responsable", "Jean Responsable"},                       // nothing to join
		{"Admin istrateur principal", "Administrateur principal"},      // any cut point
		{"Léa Martin", "Léa Martin"},
	} {
		if got := mendWords(tc.in); got != tc.want {
			t.Errorf("mendWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMendAcrossLines(t *testing.T) {
	mk := func(rows ...[]string) []line {
		var ls []line
		for _, r := range rows {
			ls = append(ls, newLine(r, 1))
		}
		return ls
	}
	ls := mk([]string{"Administrateu"}, []string{"moncomptepartenaire.caf38@caf.cnafmail."}, []string{"r Mélanie"},
		[]string{"fr"}, []string{"VINCENT"}, []string{"Administrateurs"}, []string{"Responsable"}, []string{"sécurité", "x@y.fr"},
		[]string{"Benoît"}, []string{"CIL ou"}, []string{"référent"}, []string{"Informatique"}, []string{"Admi"}, []string{"Paul"})
	mendAcrossLines(ls, 0, len(ls))
	var got []string
	for _, l := range ls {
		got = append(got, l.text)
	}
	want := []string{"", "moncomptepartenaire.caf38@caf.cnafmail.", "Administrateur Mélanie", "fr", "VINCENT",
		"Administrateurs", "", "Responsable sécurité x@y.fr", "Benoît", "CIL ou", "référent", "Informatique", "Admi", "Paul"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
