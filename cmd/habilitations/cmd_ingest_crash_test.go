package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"habilitations/jobs"
	"habilitations/jobs/store"
)

// crashIterations is how many times TestIngestSurvivesKill9 kills a real
// ingest at a random moment.
const crashIterations = 100

// crashDrop is one file dropped before an iteration.
type crashDrop struct {
	folder, name string
	data         []byte
}

// crashDrops are the files of every iteration: records, each kind of
// rejection that needs no parsing or a short one, duplicates (same content,
// other names, one in a sub-folder) and exports.
func crashDrops(tb testing.TB) []crashDrop {
	tb.Helper()
	read := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "cases", rel))
		if err != nil {
			tb.Fatal(err)
		}
		return b
	}
	bulletin := read("02-rhone-ccas-villeurbanne/bulletin-2-5-pole-seniors-2023.pdf")
	export := read("04-nord-ch-roubaix/export-habilitations-ch-roubaix.csv")
	return []crashDrop{
		{jobs.DirInbox, "bulletin-2-5.pdf", bulletin},
		{jobs.DirInbox, "copie/bulletin-2-5 (copie).pdf", bulletin},
		{jobs.DirInbox, "pas-un-pdf.pdf", read("90-rejets/convention-beaune.pdf")},
		{jobs.DirInbox, "vide.pdf", nil},
		{jobs.DirInbox, "courrier.docx", []byte("PK\x03\x04 courrier")},
		{jobs.DirInbox, "courrier-bis.docx", []byte("PK\x03\x04 courrier")},
		{jobs.DirExports, "export-roubaix.csv", export},
		{jobs.DirExports, "export-roubaix-copie.csv", export},
		{jobs.DirExports, "mauvais.csv", []byte("Nom;Prénom\nX;Y\n")},
	}
}

// TestIngestSurvivesKill9 builds the binary, kills `habilitations ingest`
// with SIGKILL at random moments (up to twice in a row), runs it to
// completion, and checks that every dropped file is exactly once in
// archive/ or rejected/, that the store agrees with the files, and that
// nothing was counted twice.
func TestIngestSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it 100+ times (13 s on an idle 2-core machine, 90 s under heavy load)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "habilitations")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	conf := filepath.Join(dir, "config.toml")
	os.WriteFile(conf, []byte("[inbox]\nsettle = \"0s\"\n[extraction]\nisolate = false\n"), 0o600)
	drops := crashDrops(t)
	run := func(data string) *exec.Cmd {
		return exec.Command(bin, "ingest", "--config", conf, "--data", data)
	}
	// Calibrate (medians of three): how long a run over nothing takes
	// (start-up, schema) and how long a whole run takes here.
	startup := medianRun(t, run, filepath.Join(dir, "empty"), nil)
	full := medianRun(t, run, filepath.Join(dir, "calibration"), drops)

	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewPCG(uint64(seed), 1))
	t.Logf("start-up %v, whole run %v; seed %d", startup, full, seed)
	kills, retries, finished := 0, 0, 0
	left := map[int]int{} // files still in the drop folders after the kills → iterations
	perFile := max((full-startup)/time.Duration(len(drops)), time.Millisecond)
	remaining := func(data string) int {
		return len(walkFiles(filepath.Join(data, jobs.DirInbox))) + len(walkFiles(filepath.Join(data, jobs.DirExports)))
	}
	for i := range crashIterations {
		data := filepath.Join(dir, fmt.Sprintf("it-%03d", i))
		setupDrops(t, data, drops)
		for k := 0; k < 1+rng.IntN(2); {
			// A random moment: after j files have left the drop folders (j
			// random; 0 is start-up and schema creation), plus a random delay
			// of up to the time one file takes.
			j := rng.IntN(len(drops))
			before := remaining(data)
			cmd := run(data)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			var delay time.Duration
			if j == 0 {
				delay = time.Duration(rng.Int64N(int64(startup) + 1))
			} else {
				for remaining(data) > before-j {
					select {
					case <-done:
					case <-time.After(100 * time.Microsecond):
						continue
					}
					break
				}
				delay = time.Duration(rng.Int64N(int64(perFile) + 1))
			}
			select {
			case <-done:
			case <-time.After(delay):
			}
			cmd.Process.Kill()
			<-done
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
				// It finished before the kill: start the iteration again.
				retries++
				if retries > 2*crashIterations {
					t.Fatalf("runs keep ending before the kill")
				}
				os.RemoveAll(data)
				setupDrops(t, data, drops)
				k = 0
				continue
			}
			kills++
			k++
		}
		left[len(walkFiles(filepath.Join(data, jobs.DirInbox)))+len(walkFiles(filepath.Join(data, jobs.DirExports)))]++
		out, err := run(data).Output()
		if err != nil {
			t.Fatalf("iteration %d: completing run: %v\n%s", i, err, out)
		}
		if bytes.Contains(out, []byte("finished:")) {
			finished++ // a file recorded but not removed by the killed run
		}
		checkCrashInvariants(t, data, drops)
		if t.Failed() {
			t.Fatalf("iteration %d (seed %d) broke the invariants", i, seed)
		}
		os.RemoveAll(data)
	}
	t.Logf("%d iterations, %d kills (%d restarts: run ended before the kill); files left after the kills → iterations: %v; "+
		"completing runs that finished a file recorded before the kill: %d", crashIterations, kills, retries, left, finished)
	partial := 0
	for n, c := range left {
		if n > 0 && n < len(drops) {
			partial += c
		}
	}
	if partial < crashIterations/5 {
		t.Errorf("kills too rarely landed mid-ingest: %d iterations with part of the files taken", partial)
	}
}

// medianRun times three whole runs over fresh data directories.
func medianRun(t *testing.T, run func(string) *exec.Cmd, data string, drops []crashDrop) time.Duration {
	t.Helper()
	var ds []time.Duration
	for i := range 3 {
		d := fmt.Sprintf("%s-%d", data, i)
		setupDrops(t, d, drops)
		start := time.Now()
		if out, err := run(d).CombinedOutput(); err != nil {
			t.Fatalf("calibration run: %v\n%s", err, out)
		}
		ds = append(ds, time.Since(start))
		if drops != nil {
			checkCrashInvariants(t, d, drops)
		}
	}
	slices.Sort(ds)
	return ds[1]
}

// setupDrops creates a data directory and drops the files.
func setupDrops(tb testing.TB, data string, drops []crashDrop) {
	tb.Helper()
	dd, err := jobs.OpenDataDir(data)
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range drops {
		p := filepath.Join(dd.Path(d.folder), filepath.FromSlash(d.name))
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, d.data, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
}

// checkCrashInvariants checks a data directory after a completed run.
func checkCrashInvariants(t *testing.T, data string, drops []crashDrop) {
	t.Helper()
	ctx := context.Background()
	dd := &jobs.DataDir{Root: data}
	for _, f := range []string{jobs.DirInbox, jobs.DirExports} {
		if left := walkFiles(dd.Path(f)); len(left) != 0 {
			t.Errorf("%s/ still holds %v", f, left)
		}
	}
	// Every stored copy (motifs aside), by content hash.
	copies := map[string]int{}
	var paths []string
	for _, d := range []string{jobs.DirArchive, jobs.DirRejected} {
		for _, rel := range walkFiles(dd.Path(d)) {
			if strings.HasSuffix(rel, ".motif.txt") {
				continue
			}
			if strings.HasPrefix(filepath.Base(rel), ".tmp-") {
				t.Errorf("temporary file left: %s/%s", d, rel)
				continue
			}
			b, _ := os.ReadFile(dd.Path(d + "/" + rel))
			copies[hashOf(b)]++
			paths = append(paths, d+"/"+rel)
		}
	}
	want := map[string]int{}
	for _, d := range drops {
		want[hashOf(d.data)]++
	}
	if len(paths) != len(drops) {
		t.Errorf("%d stored copies for %d dropped files: %v", len(paths), len(drops), paths)
	}
	for h, n := range want {
		if copies[h] != n {
			t.Errorf("content %.12s dropped %d times, stored %d times", h, n, copies[h])
		}
	}
	st, err := store.Open(ctx, dd.StatePath())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rcs, _ := st.Receipts(ctx, "")
	docs, _ := st.Documents(ctx)
	recs, _ := st.StoredRecords(ctx, "")
	audit, _ := st.AuditLog(ctx, 0, 0)
	if len(rcs) != len(drops) {
		t.Errorf("%d receipts for %d dropped files", len(rcs), len(drops))
	}
	stored := map[string]bool{}
	dups, exports := 0, 0
	for _, rc := range rcs {
		stored[rc.StoredPath] = true
		b, err := os.ReadFile(dd.Path(rc.StoredPath))
		if err != nil || hashOf(b) != rc.SHA256 {
			t.Errorf("receipt %s: stored copy %s missing or different (%v)", rc.Name, rc.StoredPath, err)
		}
		switch rc.Outcome {
		case store.OutcomeDuplicate:
			dups++
		case store.OutcomeExport:
			exports++
		}
	}
	for _, p := range paths {
		if !stored[p] {
			t.Errorf("%s is in no receipt (orphan)", p)
		}
	}
	distinctPDF, distinctExp := map[string]bool{}, map[string]bool{}
	for _, d := range drops {
		if d.folder == jobs.DirInbox {
			distinctPDF[hashOf(d.data)] = true
		} else {
			distinctExp[hashOf(d.data)] = true
		}
	}
	if len(docs) != len(distinctPDF) || dups != len(drops)-len(distinctPDF)-len(distinctExp) || exports != 1 {
		t.Errorf("documents %d (want %d), duplicates %d, exports %d", len(docs), len(distinctPDF), dups, exports)
	}
	if len(recs) != 1 {
		t.Errorf("%d records, want 1", len(recs))
	}
	count := map[string]int{}
	for _, a := range audit {
		count[a.Action]++
	}
	if count["ingest.document"] != len(docs) || count["ingest.duplicate"] != dups || count["ingest.export"] != len(distinctExp) {
		t.Errorf("audit %v disagrees with the store", count)
	}
}

func walkFiles(dir string) []string {
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

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
