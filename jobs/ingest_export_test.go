package jobs

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"habilitations/jobs/store"
)

func TestIngestExports(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	x := mustTruthExtractor(t)
	csvs, _ := filepath.Glob(filepath.Join(ingestCorpus, "*", "*.csv"))
	if len(csvs) != 3 {
		t.Fatalf("corpus exports: %v", csvs)
	}
	for _, c := range csvs {
		e.drop(t, DirExports, filepath.Base(c), mustRead(t, c))
	}
	e.drop(t, DirExports, "copie.csv", mustRead(t, csvs[0]))
	e.drop(t, DirExports, "sans-colonnes.csv", []byte("Identifiant;Nom\nu1;X\n"))
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{})
	if err != nil || sum.Exports != 3 || sum.Duplicates != 1 || sum.ExportsRejected != 1 || sum.Taken != 5 || x.calls.Load() != 0 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	cur, err := e.st.CurrentExports(ctx)
	if err != nil || len(cur) != 3 {
		t.Fatalf("current exports = %d, %v", len(cur), err)
	}
	for _, c := range cur {
		if c.Format != "csv" || c.Rows == 0 || len(c.Partners) == 0 || !strings.HasPrefix(c.StoredPath, "archive/") {
			t.Errorf("export %+v", c)
		}
		if got := mustRead(t, e.dd.Path(c.StoredPath)); sha256Hex(got) != c.SHA256 {
			t.Errorf("archived export %s differs", c.StoredPath)
		}
	}
	m := string(mustRead(t, e.dd.Path("rejected/sans-colonnes.csv.motif.txt")))
	if !strings.Contains(m, "colonne") || !strings.Contains(m, "Déposer de nouveau l'export") {
		t.Errorf("motif = %q", m)
	}
	// A newer export of the same partner becomes its current one.
	newer := strings.Replace(string(mustRead(t, csvs[0])), "\n", "\n", 1) + "\n"
	p := e.drop(t, DirExports, "nouvel-export.csv", []byte(newer))
	future := time.Now().Add(time.Hour)
	if err := chtimes(p, future); err != nil {
		t.Fatal(err)
	}
	if sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{}); err != nil || sum.Exports != 1 {
		t.Fatalf("newer: %+v, %v", sum, err)
	}
	cur, _ = e.st.CurrentExports(ctx)
	names := []string{}
	for _, c := range cur {
		names = append(names, c.Name)
	}
	if len(cur) != 3 || !strings.Contains(strings.Join(names, ","), "nouvel-export.csv") {
		t.Errorf("current exports = %v", names)
	}
	if ex, _ := e.st.Export(ctx, sha256Hex(mustRead(t, csvs[0]))); ex.Outcome != store.OutcomeExport {
		t.Errorf("older export lost: %+v", ex)
	}
}
