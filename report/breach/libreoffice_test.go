package breach_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"habilitations/report/breach"
)

// TestLibreOfficeOpensWorkbook converts the workbook to PDF with LibreOffice
// (when soffice is on PATH; CI installs it), complete and with its detail
// sheets summarised: a workbook LibreOffice cannot open or convert is a bug.
// With BREACH_KEEP=dir the files are kept there to be looked at (pdftoppm
// -png -r 60).
func TestLibreOfficeOpensWorkbook(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH")
	}
	for _, tc := range []struct {
		name  string
		limit int
	}{{"complete", 0}, {"summarised", 5}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if keep := os.Getenv("BREACH_KEEP"); keep != "" {
				dir = filepath.Join(keep, tc.name)
			}
			in := MustCorpusInput(t)
			in.SheetLimit = tc.limit
			p, err := breach.Write(context.Background(), dir, in)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			profile := "-env:UserInstallation=file://" + filepath.Join(t.TempDir(), "lo-profile")
			cmd := exec.CommandContext(ctx, soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, p.XLSX)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("soffice: %v\n%s", err, out)
			}
			pdf := p.XLSX[:len(p.XLSX)-len(".xlsx")] + ".pdf"
			st, err := os.Stat(pdf)
			if err != nil || st.Size() < 1000 {
				t.Fatalf("no PDF from LibreOffice (%v): %s", err, out)
			}
		})
	}
}
