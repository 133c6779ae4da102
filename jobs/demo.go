package jobs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"habilitations/model"
	"habilitations/report/sample"
)

// Demo settings: a fixed seed, so that every machine gets the same fictional
// partners and the same findings.
const (
	DemoSeed     = 2026
	DemoPartners = 8
	// demoMarker marks a directory made by PrepareDemo: only such a
	// directory is ever emptied by a new demo.
	demoMarker = ".habilitations-demo"
	// DemoConfigName is the configuration file the demo writes in its directory.
	DemoConfigName = "habilitations.toml"
)

// DemoAsOf is the reference date of the sample data: the demo reconciles as
// of that day so that its findings are those planted.
var DemoAsOf = model.NewDate(2026, time.November, 25)

// Demo describes a prepared demo directory.
type Demo struct {
	Config     Config
	ConfigPath string
	AsOf       model.Date
	Partners   int
	Dossiers   int // PDFs dropped in inbox/ (dossiers and later bulletins)
	Exports    int // exports dropped in exports/
	Broken     int // files dropped to show rejections
	// Scan is the scanned dossier dropped in inbox/ (relative to the data
	// directory), read by text recognition; "" when pdftoppm is missing
	// to make it.
	Scan string
}

// PrepareDemo creates a data directory in dir filled with built-in sample
// data (fictional partners of report/sample): their signed dossiers and later
// bulletins as PDFs in inbox/, their user exports (CSV, and XLSX for every
// third) in exports/, the scanned dossier of one more partner (no export
// yet), and one file that is not a PDF, to show a rejection. It
// writes a configuration beside them whose review lead time covers a whole
// year, so that every convention gets its review workbook. A directory that
// exists must be empty or an earlier demo (which is then started afresh).
func PrepareDemo(dir string) (Demo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Demo{}, fmt.Errorf("demo %s: %w", dir, err)
	}
	if err := clearDemoDir(abs); err != nil {
		return Demo{}, err
	}
	dd, err := OpenDataDir(abs)
	if err != nil {
		return Demo{}, err
	}
	if err := writeFileAtomic(dd.Path(demoMarker), []byte("made by habilitations demo; a new demo empties this directory\n")); err != nil {
		return Demo{}, err
	}
	d := Demo{AsOf: DemoAsOf, ConfigPath: dd.Path(DemoConfigName)}
	partners := sample.Generate(DemoSeed, DemoPartners, sample.Options{AsOf: DemoAsOf})
	d.Partners = len(partners)
	for i, p := range partners {
		if err := demoWrite(dd.Path(DirInbox+"/"+p.Stem+".pdf"), func(w io.Writer) error { return sample.WriteDossierPDF(w, p.Record) }); err != nil {
			return d, err
		}
		d.Dossiers++
		for j, b := range p.Bulletins {
			name := fmt.Sprintf("%s/%s-bulletin-%d.pdf", DirInbox, p.Stem, j+1)
			if err := demoWrite(dd.Path(name), func(w io.Writer) error { return sample.WriteBulletinPDF(w, b, p.Record) }); err != nil {
				return d, err
			}
			d.Dossiers++
		}
		name, write := DirExports+"/export-"+p.Stem+".csv", sample.WriteExportCSV
		if i%3 == 2 {
			name, write = DirExports+"/export-"+p.Stem+".xlsx", sample.WriteExportXLSX
		}
		if err := demoWrite(dd.Path(name), func(w io.Writer) error { return write(w, p.Export) }); err != nil {
			return d, err
		}
		d.Exports++
	}
	if d.Scan, err = demoScannedDossier(dd); err != nil {
		return d, err
	}
	// A scan saved under a .pdf name that is not a PDF: rejected with its motif.
	if err := writeFileAtomic(dd.Path(DirInbox+"/numerisation-illisible.pdf"), []byte("Ceci n'est pas un PDF.\n")); err != nil {
		return d, err
	}
	d.Broken++

	cfg := DefaultConfig()
	cfg.DataDir = abs
	cfg.Inbox.Settle = Duration{0} // the demo wrote every file itself: nothing is still being copied
	cfg.Review.LeadDays = 366      // every convention's review falls due within the year
	var buf bytes.Buffer
	buf.WriteString("# Configuration of the demo data directory (habilitations demo).\n")
	if err := cfg.WriteTOML(&buf); err != nil {
		return d, err
	}
	if err := writeFileAtomic(d.ConfigPath, buf.Bytes()); err != nil {
		return d, err
	}
	d.Config = cfg
	return d, nil
}

// clearDemoDir empties dir when it is an earlier demo; it refuses any other
// directory that is not empty.
func clearDemoDir(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(ents) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("demo %s: %w", dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, demoMarker)); err != nil {
		return fmt.Errorf("demo %s: the directory is not empty and was not made by habilitations demo; choose another", dir)
	}
	for _, e := range ents {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("demo %s: %w", dir, err)
		}
	}
	return nil
}

// demoWrite writes one sample file through fn.
func demoWrite(path string, fn func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		return fmt.Errorf("demo %s: %w", filepath.Base(path), err)
	}
	return writeFileAtomic(path, buf.Bytes())
}
