package jobs

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"habilitations/report/sample"
)

// WorkloadOptions choose what WriteWorkload drops besides the dossiers.
type WorkloadOptions struct {
	Bulletins bool // the partners' later standalone bulletins, into inbox/
	Exports   bool // the partners' user exports (CSV), into exports/
}

// Workload counts the files WriteWorkload dropped.
type Workload struct {
	Dossiers, Bulletins, Exports int
	Bytes                        int64
}

// WriteWorkload drops into the data directory the signed dossiers of n
// fictional partners generated from seed (report/sample: the same seed and n
// give the same files), for benchmarks and load tests. Files are named after
// the partners' stems, so dropping the same workload twice overwrites it.
func WriteWorkload(ctx context.Context, dd *DataDir, seed int64, n int, o WorkloadOptions) (Workload, error) {
	var w Workload
	var buf bytes.Buffer
	put := func(folder, name string) error {
		p := filepath.Join(dd.Path(folder), name)
		if err := os.WriteFile(p, buf.Bytes(), FileMode); err != nil {
			return fmt.Errorf("workload: %w", err)
		}
		w.Bytes += int64(buf.Len())
		return nil
	}
	for _, p := range sample.Generate(seed, n, sample.Options{}) {
		if err := ctx.Err(); err != nil {
			return w, err
		}
		buf.Reset()
		if err := sample.WriteDossierPDF(&buf, p.Record); err != nil {
			return w, fmt.Errorf("workload %s: %w", p.Stem, err)
		}
		if err := put(DirInbox, p.Stem+".pdf"); err != nil {
			return w, err
		}
		w.Dossiers++
		for i, b := range p.Bulletins {
			if !o.Bulletins {
				break
			}
			buf.Reset()
			if err := sample.WriteBulletinPDF(&buf, b, p.Record); err != nil {
				return w, fmt.Errorf("workload %s: %w", p.Stem, err)
			}
			if err := put(DirInbox, fmt.Sprintf("%s-bulletin-%d.pdf", p.Stem, i+1)); err != nil {
				return w, err
			}
			w.Bulletins++
		}
		if o.Exports {
			buf.Reset()
			if err := sample.WriteExportCSV(&buf, p.Export); err != nil {
				return w, fmt.Errorf("workload %s: %w", p.Stem, err)
			}
			if err := put(DirExports, "export-"+p.Stem+".csv"); err != nil {
				return w, err
			}
			w.Exports++
		}
	}
	return w, nil
}
