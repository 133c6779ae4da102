package jobs

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A verification workbook filled and saved by LibreOffice Calc, or filled
// by openpyxl, is imported as one filled by the pipeline's own library:
// the seals survive what other programs do to a workbook on save.
func TestVerificationResavedByOtherPrograms(t *testing.T) {
	t.Run("libreoffice", func(t *testing.T) {
		soffice := mustTool(t, "soffice")
		e := mustVerifyEnv(t)
		dir := t.TempDir()
		in := filepath.Join(dir, "verif.xlsx")
		os.WriteFile(in, e.fill(t, e.typedAll(), nil), 0o600)
		out := filepath.Join(dir, "calc")
		if b, err := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in).CombinedOutput(); err != nil {
			t.Fatalf("libreoffice: %v\n%s", err, b)
		}
		e.mustImportAll(t, filepath.Join(out, "verif.xlsx"))
	})
	t.Run("openpyxl", func(t *testing.T) {
		python := mustOpenpyxl(t)
		e := mustVerifyEnv(t)
		out := filepath.Join(t.TempDir(), "verif.xlsx")
		args := []string{filepath.Join("testdata", "openpyxl_verify_fill.py"), e.workbook, out}
		for f, v := range e.typedAll() {
			args = append(args, f+"="+v)
		}
		if b, err := exec.Command(python, args...).CombinedOutput(); err != nil {
			t.Fatalf("openpyxl: %v\n%s", err, b)
		}
		e.mustImportAll(t, out)
	})
}

// mustImportAll imports a workbook in which every value was checked.
func (e verifyEnv) mustImportAll(t *testing.T, path string) {
	t.Helper()
	res, err := ImportVerification(context.Background(), e.st, e.dd, path)
	if err != nil {
		t.Fatalf("import: %v\n%v", err, problemLines(res.Problems))
	}
	if res.Applied != len(misread) || res.Remaining != 0 {
		t.Fatalf("import: %+v", res)
	}
	if got := e.stored(t); got.NeedsVerification() || got.Contacts[1].Email != "cbertin@ccas-beaune.fr" {
		t.Errorf("record: %+v", got.ToVerify)
	}
}
