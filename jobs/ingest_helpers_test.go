package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
)

// ingestCorpus is the project's copy of the shared corpus.
const ingestCorpus = "../testdata/corpus/cases"

// truthExtractor answers with the corpus truth of a PDF (by content hash):
// the record, or the sentinel error of its rejection reason. It stands in for
// the real extractor where a test is about the intake, not the parsing.
type truthExtractor struct {
	bySHA map[[32]byte]json.RawMessage
	calls atomic.Int64
}

// mustTruthExtractor loads every *.pdf.truth.json of the corpus.
func mustTruthExtractor(tb testing.TB) *truthExtractor {
	tb.Helper()
	x := &truthExtractor{bySHA: map[[32]byte]json.RawMessage{}}
	files, err := filepath.Glob(filepath.Join(ingestCorpus, "*", "*.pdf"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("corpus PDFs: %v (%d)", err, len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		truth, err := os.ReadFile(f + ".truth.json")
		if err != nil {
			tb.Fatal(err)
		}
		x.bySHA[sha256.Sum256(data)] = truth
	}
	return x
}

func (x *truthExtractor) Extract(ctx context.Context, name string, data []byte) (model.Record, error) {
	x.calls.Add(1)
	truth, ok := x.bySHA[sha256.Sum256(data)]
	if !ok {
		return model.Record{}, fmt.Errorf("%s: %w", name, model.ErrNotConvention)
	}
	var probe struct {
		Reason model.Reason `json:"reason"`
	}
	json.Unmarshal(truth, &probe)
	switch probe.Reason {
	case "":
		var r model.Record
		err := json.Unmarshal(truth, &r)
		return r, err
	case model.ReasonEncrypted:
		return model.Record{}, model.ErrEncrypted
	case model.ReasonNoText:
		return model.Record{}, model.ErrNoText
	case model.ReasonNotPDF:
		return model.Record{}, model.ErrNotPDF
	case model.ReasonNotConvention:
		return model.Record{}, model.ErrNotConvention
	case model.ReasonIncomplete:
		return model.Record{}, &model.IncompleteError{Fields: []string{"bulletins d'adhésion"}}
	}
	return model.Record{}, model.ErrCorrupt
}

// ingestEnv is a data directory with its store, for ingest tests.
type ingestEnv struct {
	dd *DataDir
	st *store.Store
}

// mustIngestEnv opens a new data directory and its store.
func mustIngestEnv(tb testing.TB) ingestEnv {
	tb.Helper()
	dd, err := OpenDataDir(filepath.Join(tb.TempDir(), "data"))
	if err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(context.Background(), dd.StatePath())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return ingestEnv{dd, st}
}

// drop writes a file into a drop folder (rel may hold sub-folders).
func (e ingestEnv) drop(tb testing.TB, folder, rel string, data []byte) string {
	tb.Helper()
	p := filepath.Join(e.dd.Path(folder), rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// mustRead reads a file or fails.
func mustRead(tb testing.TB, p string) []byte {
	tb.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// listFiles returns the regular files under dir, relative, slash-separated.
func listFiles(tb testing.TB, dir string) []string {
	tb.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

// countSuffix counts names ending with suffix.
func countSuffix(names []string, suffix string) int {
	n := 0
	for _, s := range names {
		if strings.HasSuffix(s, suffix) {
			n++
		}
	}
	return n
}

// chtimes sets a file's access and modification times.
func chtimes(p string, t time.Time) error { return os.Chtimes(p, t, t) }
