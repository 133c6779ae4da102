package dossier

import "testing"

// « 1er » as text recognition reads it, in a signature line's date.
func TestFindDateFirstMisread(t *testing.T) {
	for in, want := range map[string]string{
		"lyon, le ler fevrier 2023": "2023-02-01",
		"le ier mars 2023":          "2023-03-01",
		"le 1er juin 2021":          "2021-06-01",
	} {
		if got, ok := findDate(in); !ok || got != want {
			t.Errorf("findDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if got, ok := findDate("le premier mars"); ok {
		t.Errorf("a date without digits read: %q", got)
	}
}
