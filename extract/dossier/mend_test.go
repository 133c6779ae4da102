package dossier

import "testing"

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
