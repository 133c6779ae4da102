package forms

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"habilitations/model"
)

// TestFillableAdminChange checks the fillable form: every field of
// records.md §2c is there once, pre-filled with what the pipeline knows,
// the read-only ones locked; the page still prints the paper form's text.
func TestFillableAdminChange(t *testing.T) {
	rec := beaune(t)
	rows := []model.Habilitation{{Account: "u-20001", LastName: "Lefèvre", FirstName: "Hélène", Email: "hlefevre@ccas-beaune.fr",
		Role: model.RoleDeputyAdmin, Status: model.StatusActive, Profile: model.T1}}
	tests := []struct {
		name    string
		finding model.Finding
		want    map[string]string // field values expected
	}{
		{"missing admin", model.Finding{Code: model.CodeMissingAdmin, Convention: "04/2018", Name: "Céline BERTIN"},
			map[string]string{model.FieldReplacedName: "Céline BERTIN", model.FieldReplacesYes: "Yes", model.FieldReplacesNo: "",
				model.FieldNewAdminName: "", model.FieldConventionNumber: "04/2018", model.FieldFormRef: "A3-TEST"}},
		{"undeclared admin", model.Finding{Code: model.CodeUndeclaredAdmin, Convention: "04/2018", Account: "u-20001"},
			map[string]string{model.FieldNewAdminName: "Hélène LEFÈVRE", model.FieldNewAdminEmail: "hlefevre@ccas-beaune.fr",
				model.FieldReplacesYes: "", model.FieldReplacedName: ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := model.AdminChangeFor(rec, tc.finding, rows)
			if err != nil {
				t.Fatal(err)
			}
			f.FormRef = "A3-TEST"
			var buf bytes.Buffer
			if err := WriteAdminChange(&buf, f); err != nil {
				t.Fatal(err)
			}
			fields, err := api.FormFields(bytes.NewReader(buf.Bytes()), nil)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			var names []string
			for _, fd := range fields {
				got[fd.Name] = fd.V
				names = append(names, fd.Name)
				if locked := fd.Name == model.FieldConventionNumber || fd.Name == model.FieldFormRef; fd.Locked != locked {
					t.Errorf("field %s locked = %v", fd.Name, fd.Locked)
				}
			}
			want := append(slices.Clone(model.AdminFormTextFields), model.AdminFormCheckBoxes...)
			slices.Sort(want)
			slices.Sort(names)
			if !slices.Equal(names, want) {
				t.Errorf("fields = %v\nwant %v", names, want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
			if _, err := exec.LookPath("pdftotext"); err == nil {
				text := pdfText(t, "annexe3-fillable-"+strings.ReplaceAll(tc.name, " ", "-")+".pdf", buf.Bytes())
				for _, s := range []string{"Objet : modification d'un administrateur", "Prénom et NOM de l'administrateur à habiliter :",
					"Téléphone mobile :", "Fait le :", "Prénom NOM et signature :", "Référence du formulaire"} {
					if !strings.Contains(text, s) {
						t.Errorf("pdftotext lacks %q", s)
					}
				}
			}
		})
	}
}

// TestFillableLooksAsPrinted renders the blank form printed (WritePDF, as
// before it was fillable) and fillable with pdftoppm: the pages differ only
// where the check boxes' fields lie over the printed boxes.
func TestFillableLooksAsPrinted(t *testing.T) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm not installed")
	}
	rec := beaune(t)
	f := model.AdminChange{Partner: rec.Convention.Partner.Name, Convention: "04/2018", CafLines: model.CafPostalLines(rec.Convention.Caf)}
	var printed, fillable bytes.Buffer
	if err := WritePDF(&printed, AdminChangeDocument(f)); err != nil {
		t.Fatal(err)
	}
	if err := WriteAdminChange(&fillable, f); err != nil {
		t.Fatal(err)
	}
	render := func(pdf []byte) image.Image {
		dir := t.TempDir()
		in := filepath.Join(dir, "in.pdf")
		if err := os.WriteFile(in, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bin, "-png", "-gray", "-r", "60", "-singlefile", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		fh, err := os.Open(filepath.Join(dir, "page.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		img, err := png.Decode(fh)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	a, b := render(printed.Bytes()), render(fillable.Bytes())
	if a.Bounds() != b.Bounds() {
		t.Fatalf("page sizes differ: %v, %v", a.Bounds(), b.Bounds())
	}
	diff, total := 0, 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			total++
			ga, _, _, _ := a.At(x, y).RGBA()
			gb, _, _, _ := b.At(x, y).RGBA()
			if d := int(ga>>8) - int(gb>>8); d > 64 || d < -64 {
				diff++
			}
		}
	}
	t.Logf("%d of %d pixels differ (%.3f%%)", diff, total, 100*float64(diff)/float64(total))
	if float64(diff) > 0.002*float64(total) {
		t.Errorf("the fillable form does not look like the printed one: %d of %d pixels differ", diff, total)
	}
}
