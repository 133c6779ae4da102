package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"habilitations/model"
)

// TestFormsAdminChangeCLI: « forms admin-change » from a record JSON writes
// an owner-only PDF with the values typed, and refuses bad command lines.
func TestFormsAdminChangeCLI(t *testing.T) {
	record := "../../testdata/corpus/cases/01-cotedor-ccas-beaune/convention-04-2018-ccas-beaune.pdf.truth.json"
	out := filepath.Join(t.TempDir(), "form.pdf")
	code, stdout, stderr := runMain(t, "forms", "admin-change", "--convention", "04 / 2018", "--name", "Agnès GUÉRIN",
		"--function", "Responsable accueil", "--phone", "03 80 22 11 33", "--mobile", "06.12.34.56.78",
		"--email", "aguerin@ccas-beaune.fr", "--replaces", "céline bertin", "--record", record, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout %q does not name the file", stdout)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	// The form is fillable: « oui » is its ticked check box (the values
	// typed are in its fields, which pdftotext prints too).
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	fields, err := api.FormFields(bytes.NewReader(pdf), nil)
	if err != nil {
		t.Fatal(err)
	}
	ticked := map[string]string{}
	for _, f := range fields {
		ticked[f.Name] = f.V
	}
	if ticked[model.FieldReplacesYes] != "Yes" || ticked[model.FieldReplacesNo] != "" || ticked[model.FieldNewAdminName] != "Agnès GUÉRIN" {
		t.Errorf("form fields = %v", ticked)
	}
	if bin, err := exec.LookPath("pdftotext"); err == nil {
		b, err := exec.Command(bin, "-enc", "UTF-8", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(b)), " ")
		for _, w := range []string{"Agnès GUÉRIN", "Responsable accueil", "03 80 22 11 33", "06 12 34 56 78",
			"aguerin@ccas-beaune.fr", "Céline BERTIN", "cbertin@ccas-beaune.fr", "Convention n° 04/2018",
			"de la Côte d'Or"} {
			if !strings.Contains(text, w) {
				t.Errorf("form lacks %q", w)
			}
		}
	}
	bad := []struct {
		name string
		args []string
		want string
	}{
		{"no form named", []string{"forms"}, "admin-change"},
		{"no name", []string{"forms", "admin-change", "--convention", "04/2018", "--record", record}, "--name"},
		{"bad phone", []string{"forms", "admin-change", "--convention", "04/2018", "--name", "A B", "--phone", "abc", "--record", record}, "invalid phone"},
		{"other convention", []string{"forms", "admin-change", "--convention", "05/2018", "--name", "A B", "--record", record}, "05/2018"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runMain(t, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, tt.want)
			}
		})
	}
}
