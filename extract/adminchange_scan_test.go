package extract_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"habilitations/extract"
	"habilitations/extract/ocr"
	"habilitations/model"
)

// TestAdminFormScanned: the form filled on screen, printed (poppler
// flattens the fields into the page) and scanned at 200 dpi grey is read by
// text recognition to the same record, every value exact or listed to
// verify. TestAdminFormTypedLibreOffice does the same with a typed form.
func TestAdminFormScanned(t *testing.T) {
	pdftocairo, err := exec.LookPath("pdftocairo")
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	filled := fillWithPDFCPU(t, writeForm(t, blankForm()), filledValues, map[string]bool{model.FieldReplacesYes: true})
	src := filepath.Join(dir, "rempli.pdf")
	if err := os.WriteFile(src, filled, 0o600); err != nil {
		t.Fatal(err)
	}
	printed := filepath.Join(dir, "imprime.pdf")
	if b, err := exec.Command(pdftocairo, "-pdf", src, printed).CombinedOutput(); err != nil {
		t.Fatalf("pdftocairo: %v\n%s", err, b)
	}
	checkScannedForm(t, printed)
}

// checkScannedForm scans the printed form at 200 dpi grey and reads it.
func checkScannedForm(t *testing.T, printed string) {
	t.Helper()
	engine, err := ocr.Find(0)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	scan, err := exec.Command(engine.Pdftoppm, "-r", "200", "-gray", "-png", "-singlefile", printed).Output()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := extract.Extractor{OCR: engine}.Extract(context.Background(), "scan.png", scan)
	if err != nil {
		t.Fatalf("scanned form not read: %v", err)
	}
	a := rec.Admin
	if rec.Kind != model.KindAdminChange || a == nil || a.Replaces == nil || rec.Source.PagesOCR != 1 {
		t.Fatalf("record %+v, source %+v", rec, rec.Source)
	}
	listed := map[string]bool{}
	for _, v := range rec.ToVerify {
		listed[v.Field] = true
	}
	for _, c := range []struct{ field, got, want string }{
		{"new_admin.name", a.NewAdmin.Name, "Agnès GUÉRIN"},
		{"new_admin.function", a.NewAdmin.Function, "Responsable du pôle accueil"},
		{"new_admin.phone", a.NewAdmin.Phone, "+33380221133"},
		{"new_admin.email", a.NewAdmin.Email, "aguerin@ccas-beaune.fr"},
		{"replaces.name", a.Replaces.Name, "Céline BERTIN"},
		{"replaces.email", a.Replaces.Email, "cbertin@ccas-beaune.fr"},
	} {
		if c.got != c.want && !listed[c.field] {
			t.Errorf("%s: %q, want %q, and not listed to verify", c.field, c.got, c.want)
		}
	}
	if rec.Convention.Number != "04/2018" && !listed["convention.number"] {
		t.Errorf("convention %q, not listed", rec.Convention.Number)
	}
	t.Logf("%d values to verify", len(rec.ToVerify))
}
