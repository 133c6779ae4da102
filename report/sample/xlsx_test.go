package sample

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWriteExportXLSX(t *testing.T) {
	rows := Generate(12, 3, Options{})[2].Export
	var buf bytes.Buffer
	if err := WriteExportXLSX(&buf, rows); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.GetRows("Habilitations")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows)+1 || strings.Join(got[0], ";") != strings.Join(ExportHeader, ";") {
		t.Fatalf("%d rows, header %q", len(got), got[0])
	}
	if got[1][0] != rows[0].Account || got[1][1] != rows[0].LastName {
		t.Errorf("first row %q", got[1])
	}
	// LibreOffice must open it without repair (the converted PDF exists).
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "export.xlsx")
	if err := os.WriteFile(in, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "export.pdf")); err != nil {
		t.Fatalf("LibreOffice did not convert the export: %v", err)
	}
}

func TestWriteExportCSV(t *testing.T) {
	rows := Generate(12, 1, Options{})[0].Export
	var buf bytes.Buffer
	if err := WriteExportCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if !strings.HasPrefix(s, "\ufeffIdentifiant;Nom;Prénom;Adresse mél;") {
		t.Errorf("header %q", s[:60])
	}
	if n := strings.Count(s, "\r\n"); n != len(rows)+1 {
		t.Errorf("%d lines, want %d", n, len(rows)+1)
	}
}
