package dossier

import "testing"

func TestIsAgreedClause(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Il est convenu ce qui suit :", true},
		{"Ilest convenu ce qui suit :", true},
		{"Il'est convenu ce qui suit :", true},
		{"Il est convenu", true},
		{"Il est entendu que", false},
		{"31 rue du Château - 38300 MEYLAN", false},
	} {
		if got := isAgreedClause(newLine([]string{tc.text}, 1)); got != tc.want {
			t.Errorf("isAgreedClause(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
