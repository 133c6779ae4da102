// Command gen writes the sources of the producer fixtures: one fictional
// dossier (report/sample, fixed seed) as HTML variants for LibreOffice and
// Chromium, as the fpdf PDF of report/sample, and its record JSON (the truth
// every twin must parse to). make-fixtures.sh runs it; see README.md.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"habilitations/model"
	"habilitations/report/sample"
)

func main() {
	out := flag.String("out", ".", "directory to write into")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// pick returns the first generated partner with several units, two
// administrators and a SIRET: the richest dossier to test producers on.
func pick() (model.Record, error) {
	for _, p := range sample.Generate(2024, 200, sample.Options{}) {
		r := p.Record
		if len(r.Services) >= 3 && len(r.PartnerAdmins()) == 2 && r.Convention.Partner.SIRET != "" {
			return r, nil
		}
	}
	return model.Record{}, fmt.Errorf("no suitable partner generated")
}

func run(dir string) error {
	rec, err := pick()
	if err != nil {
		return err
	}
	truth, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	files := map[string]sample.HTMLOptions{
		"dossier.html":         {},
		"dossier-serif.html":   {FontFamily: "'DejaVu Serif', serif"},
		"dossier-split.html":   {SplitQuotaTables: true},
		"dossier-hf.html":      {HeaderFooter: true},
		"dossier-wrap.html":    {FontFamily: "'DejaVu Serif', serif", NarrowEmailColumns: true},
		"dossier-norules.html": {FontFamily: "'DejaVu Serif', serif", NarrowEmailColumns: true, NoRules: true},
	}
	for name, o := range files {
		var b bytes.Buffer
		if err := sample.WriteDossierHTML(&b, rec, o); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if err := writeBulletin(dir); err != nil {
		return err
	}
	var pdf bytes.Buffer
	if err := sample.WriteDossierPDF(&pdf, rec); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "fpdf.pdf"), pdf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "record.json"), append(truth, '\n'), 0o644)
}

// writeBulletin writes the first standalone bulletin generated (its
// dossier gives the Caf and the signatories) as HTML variants, and its
// record: the bulletin fixtures of testdata/producers/bulletins.
func writeBulletin(dir string) error {
	for _, p := range sample.Generate(2024, 200, sample.Options{BulletinRate: 1}) {
		if len(p.Bulletins) == 0 {
			continue
		}
		b := p.Bulletins[0]
		for name, o := range map[string]sample.HTMLOptions{
			"bulletin.html":         {},
			"bulletin-serif.html":   {FontFamily: "'DejaVu Serif', serif"},
			"bulletin-norules.html": {FontFamily: "'DejaVu Serif', serif", NoRules: true},
		} {
			var buf bytes.Buffer
			if err := sample.WriteBulletinHTML(&buf, b, p.Record, o); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
				return err
			}
		}
		truth, err := json.MarshalIndent(b, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, "bulletin.json"), append(truth, '\n'), 0o644)
	}
	return fmt.Errorf("no bulletin generated")
}
