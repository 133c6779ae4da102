package extract_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"habilitations/extract"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

// pypdfFill fills the form's fields by name with Debian's python3-pypdf: a
// second library than the one that wrote them, so the names of records.md
// §2c work with any tool.
const pypdfFill = `
import json, sys
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
values = json.loads(sys.argv[3])
reader = PdfReader(sys.argv[1])
writer = PdfWriter()
writer.append(reader)
for page in writer.pages:
    writer.update_page_form_field_values(page, values)
    for a in page.get("/Annots", []):
        a = a.get_object()
        if a.get("/T") == "replaces_no":
            a[NameObject("/V")] = NameObject("/Yes")
            a[NameObject("/AS")] = NameObject("/Yes")
        if a.get("/T") == "replaces_yes":
            a[NameObject("/V")] = NameObject("/Off")
            a[NameObject("/AS")] = NameObject("/Off")
with open(sys.argv[2], "wb") as f:
    writer.write(f)
`

// TestAdminFormFilledByPypdf fills the fillable form with pypdf (the
// partner adds an administrator: « non » ticked) and reads it back.
func TestAdminFormFilledByPypdf(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import pypdf").Run(); err != nil {
		t.Skip("python3-pypdf not installed (.ci/run installs it)")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "form.pdf"), filepath.Join(dir, "filled.pdf")
	if err := os.WriteFile(in, writeForm(t, blankForm()), 0o600); err != nil {
		t.Fatal(err)
	}
	values := `{"new_admin_name": "Agnès GUÉRIN", "new_admin_mobile": "06 12 34 56 78", "new_admin_email": "aguerin@ccas-beaune.fr",
		"signed_on": "01/12/2026", "replaced_name": "", "replaced_email": ""}`
	if b, err := exec.Command(py, "-c", pypdfFill, in, out, values).CombinedOutput(); err != nil {
		t.Fatalf("pypdf: %v\n%s", err, b)
	}
	filled, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	keepFile(t, "annexe3-pypdf.pdf", filled)
	rec, err := extract.Extractor{Limits: pdftext.DefaultLimits()}.Extract(context.Background(), "annexe3.pdf", filled)
	if err != nil {
		t.Fatal(err)
	}
	a := rec.Admin
	if a.NewAdmin.Name != "Agnès GUÉRIN" || a.NewAdmin.Mobile != "+33612345678" || a.NewAdmin.Email != "aguerin@ccas-beaune.fr" ||
		a.SignedOn != "2026-12-01" || a.Replaces != nil || a.FormRef != "A3-04-2018-0a1b2c3d" || rec.Convention.Number != "04/2018" {
		t.Errorf("record = %+v, admin %+v", rec, a)
	}
}

// typedByHand is an Annexe 3 form as a partner types it in a word
// processor, without the Caf's file (fictional people).
const typedByHand = `Annexe 3 – Formulaire de changement d'administrateur partenaire

Partenaire : Centre Communal d'Action Sociale de la Ville de Beaune
Convention n° 04/2018

Objet : modification d'un administrateur

Prénom et NOM de l'administrateur à habiliter : Agnès GUÉRIN
Fonction : Responsable du pôle accueil
Cet administrateur remplace-t-il un administrateur existant : X oui ☐ non
Si oui,
- précisez les prénoms et noms de l'administrateur à remplacer : Céline BERTIN
- précisez l'adresse mél de l'administrateur à remplacer : cbertin@ccas-beaune.fr
Coordonnées :
- Numéro de téléphone (renseigner au moins un numéro) :
o Téléphone fixe : 03 80 22 11 33
o Téléphone mobile : ……………
- Adresse mél personnelle et individuelle : aguerin@ccas-beaune.fr

Fait le : 30/11/2026
Référence du formulaire : A3-04-2018-0a1b2c3d
`

// TestAdminFormTypedLibreOffice reads a form typed in a word processor and
// printed to PDF by LibreOffice.
func TestAdminFormTypedLibreOffice(t *testing.T) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice not installed")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "annexe3.txt")
	if err := os.WriteFile(src, []byte(typedByHand), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "pdf", "--outdir", dir, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	pdf, err := os.ReadFile(strings.TrimSuffix(src, ".txt") + ".pdf")
	if err != nil {
		t.Fatal(err)
	}
	keepFile(t, "annexe3-libreoffice.pdf", pdf)
	rec, err := extract.Extractor{Limits: pdftext.DefaultLimits()}.Extract(context.Background(), "annexe3.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	a := rec.Admin
	if rec.Kind != model.KindAdminChange || a.NewAdmin.Name != "Agnès GUÉRIN" || a.NewAdmin.Phone != "+33380221133" ||
		a.NewAdmin.Mobile != "" || a.Replaces == nil || a.Replaces.Email != "cbertin@ccas-beaune.fr" || a.SignedOn != "2026-11-30" ||
		a.FormRef != "A3-04-2018-0a1b2c3d" || len(rec.ToVerify) != 0 {
		t.Errorf("record = %+v, admin %+v", rec, a)
	}
	t.Run("printed and scanned", func(t *testing.T) {
		checkScannedForm(t, strings.TrimSuffix(src, ".txt")+".pdf")
	})
}
