package pdftext

import "testing"

func TestJoinWrapped(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"Administrateur suppléant Anne", "CHEVALIER", "Administrateur suppléant Anne CHEVALIER"},
		{"Administrateur Jean-", "Pierre MARTIN", "Administrateur Jean-Pierre MARTIN"},
		{"les sous-", "traitants", "les sous-traitants"},
		{"Article 1 -", "Objet", "Article 1 - Objet"},
		{"moncomptepartenaire.caf38@caf.cnafmail.", "fr", "moncomptepartenaire.caf38@caf.cnafmail.fr"},
		{"moncomptepartenaire.", "caf38@caf.cnafmail.fr", "moncomptepartenaire.caf38@caf.cnafmail.fr"},
		{"smoreau@ville", "-meylan.fr", "smoreau@ville-meylan.fr"},
		{"smoreau@ville-meylan.fr", "(secrétariat)", "smoreau@ville-meylan.fr (secrétariat)"},
		{"Fin de phrase.", "Suite", "Fin de phrase. Suite"},
		{"", "T2", "T2"},
		{"T2", "", "T2"},
	}
	for _, tt := range tests {
		if got := joinWrapped(tt.a, tt.b); got != tt.want {
			t.Errorf("joinWrapped(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}
