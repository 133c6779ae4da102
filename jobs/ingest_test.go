package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
)

func TestIngestCorpus(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	x := mustTruthExtractor(t)
	pdfs, _ := filepath.Glob(filepath.Join(ingestCorpus, "*", "*.pdf"))
	for _, p := range pdfs {
		// Sub-folders of the inbox are walked.
		e.drop(t, DirInbox, filepath.Join(filepath.Base(filepath.Dir(p)), filepath.Base(p)), mustRead(t, p))
	}
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := IngestSummary{Seen: len(pdfs), Taken: len(pdfs), Archived: 7, Rejected: 7}
	if !reflect.DeepEqual(sum, want) {
		t.Fatalf("summary = %+v, want %+v", sum, want)
	}
	if left := listFiles(t, e.dd.Inbox()); len(left) != 0 {
		t.Errorf("inbox still holds %v", left)
	}
	// Each rejection class: the original in rejected/ with its French motif.
	for _, p := range pdfs {
		var truth model.Rejection
		json.Unmarshal(mustRead(t, p+".truth.json"), &truth)
		data := mustRead(t, p)
		doc, err := e.st.Document(ctx, sha256Hex(data))
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		stored := mustRead(t, e.dd.Path(doc.StoredPath))
		if string(stored) != string(data) {
			t.Errorf("%s: stored copy differs", filepath.Base(p))
		}
		if truth.Reason == "" {
			if doc.Outcome != store.OutcomeRecord || doc.StoredPath != ArchivePath(sha256Hex(data), ".pdf") {
				t.Errorf("%s: %+v, want archived record", filepath.Base(p), doc)
			}
			continue
		}
		t.Run(string(truth.Reason)+"/"+filepath.Base(p), func(t *testing.T) {
			if doc.Outcome != store.OutcomeRejected || doc.Reason != truth.Reason {
				t.Fatalf("document = %+v, want rejected %s", doc, truth.Reason)
			}
			if doc.StoredPath != DirRejected+"/"+filepath.Base(p) {
				t.Errorf("stored at %s", doc.StoredPath)
			}
			m := string(mustRead(t, e.dd.Path(doc.StoredPath+".motif.txt")))
			if !strings.Contains(m, "Motif du rejet : "+doc.Message) || !strings.Contains(m, filepath.Base(p)) {
				t.Errorf("motif = %q", m)
			}
		})
	}
	effs, err := e.st.EffectiveRecords(ctx)
	if err != nil || len(effs) != 5 {
		t.Fatalf("effective records = %d, %v", len(effs), err)
	}
	// Permissions: owner only.
	for _, rel := range []string{"", DirArchive, DirRejected, DirInbox} {
		if st, _ := os.Stat(e.dd.Path(rel)); st.Mode().Perm() != DirMode {
			t.Errorf("%s/ mode %v", rel, st.Mode().Perm())
		}
	}
	for _, rel := range append(listFiles(t, e.dd.Path(DirArchive)), listFiles(t, e.dd.Path(DirRejected))...) {
		if st, _ := os.Stat(e.dd.Path(DirArchive + "/" + rel)); st != nil && st.Mode().Perm() != FileMode {
			t.Errorf("%s mode %v", rel, st.Mode().Perm())
		}
	}
	// A second run over nothing new parses nothing.
	calls := x.calls.Load()
	sum, err = Ingest(ctx, e.dd, e.st, x, IngestOptions{})
	if err != nil || !reflect.DeepEqual(sum, IngestSummary{}) || x.calls.Load() != calls {
		t.Fatalf("second run: %+v, %v, %d extractions", sum, err, x.calls.Load()-calls)
	}
}

func TestIngestDuplicates(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	x := mustTruthExtractor(t)
	data := mustRead(t, filepath.Join(ingestCorpus, "05-herault-udaf34", "convention-07-2020-udaf-herault.pdf"))
	bad := mustRead(t, filepath.Join(ingestCorpus, "90-rejets", "facture-2026-0412.pdf"))
	e.drop(t, DirInbox, "a.pdf", data)
	e.drop(t, DirInbox, "copie/a.pdf", data)
	e.drop(t, DirInbox, "facture.pdf", bad)
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Archived != 1 || sum.Duplicates != 1 || sum.Rejected != 1 || sum.Taken != 3 {
		t.Fatalf("first run: %+v", sum)
	}
	// Dropped again, later: recorded once, the copy kept with a note.
	e.drop(t, DirInbox, "encore.pdf", data)
	e.drop(t, DirInbox, "facture (2).pdf", bad)
	sum, err = Ingest(ctx, e.dd, e.st, x, IngestOptions{})
	if err != nil || sum.Duplicates != 2 || sum.Taken != 2 || sum.Archived != 0 || sum.Rejected != 0 {
		t.Fatalf("second run: %+v, %v", sum, err)
	}
	if x.calls.Load() != 2 {
		t.Errorf("extractor called %d times, want 2 (duplicates are not parsed)", x.calls.Load())
	}
	dups := listFiles(t, e.dd.Path(DirDuplicates))
	if len(dups) != 6 || countSuffix(dups, ".motif.txt") != 3 {
		t.Fatalf("duplicates = %v", dups)
	}
	for _, d := range dups {
		if strings.HasSuffix(d, "facture (2).pdf.motif.txt") {
			note := string(mustRead(t, e.dd.Path(DirDuplicates+"/"+d)))
			if !strings.Contains(note, "identique") || !strings.Contains(note, "rejeté pour le motif suivant : Le document n'est pas une convention") {
				t.Errorf("note = %q", note)
			}
		}
	}
	docs, _ := e.st.Documents(ctx)
	rcs, _ := e.st.Receipts(ctx, store.FolderInbox)
	recs, _ := e.st.StoredRecords(ctx, "")
	if len(docs) != 2 || len(rcs) != 5 || len(recs) != 1 {
		t.Errorf("documents %d receipts %d records %d; want 2, 5, 1", len(docs), len(rcs), len(recs))
	}
	log, _ := e.st.AuditLog(ctx, 0, 0)
	if n := countAudit(log, "ingest.duplicate"); n != 3 {
		t.Errorf("audit ingest.duplicate = %d, want 3", n)
	}
}

func countAudit(log []store.AuditEntry, action string) int {
	n := 0
	for _, a := range log {
		if a.Action == action {
			n++
		}
	}
	return n
}

func TestIngestLeavesFileBeingWritten(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	x := mustTruthExtractor(t)
	data := mustRead(t, filepath.Join(ingestCorpus, "05-herault-udaf34", "convention-07-2020-udaf-herault.pdf"))
	p := e.drop(t, DirInbox, "scan.pdf", data[:1000])
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // a slow copy over a share: a chunk every 20 ms
		defer close(done)
		f, _ := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
		defer f.Close()
		for off := 1000; off < len(data); off += 1000 {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			f.Write(data[off:min(off+1000, len(data))])
		}
	}()
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{Settle: 200 * time.Millisecond})
	close(stop)
	<-done
	if err != nil || sum.Waiting != 1 || sum.Taken != 0 || x.calls.Load() != 0 {
		t.Fatalf("while written: %+v, %v, %d extractions", sum, err, x.calls.Load())
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("file in progress was moved: %v", err)
	}
	// Once complete and quiet, it is taken.
	os.WriteFile(p, data, 0o644)
	sum, err = Ingest(ctx, e.dd, e.st, x, IngestOptions{Settle: 50 * time.Millisecond})
	if err != nil || sum.Archived != 1 {
		t.Fatalf("once complete: %+v, %v", sum, err)
	}
}

func TestIngestIgnoresTemporaryAndSystemFiles(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	names := []string{"~$convention.pdf", "convention.pdf.part", "convention.pdf.crdownload", "x.tmp", "x.TMP",
		".convention.pdf", "Thumbs.db", "desktop.ini", "upload.pdf.filepart", ".DS_Store", "@eaDir/a.pdf", ".Trash-1000/b.pdf"}
	for _, n := range names {
		e.drop(t, DirInbox, n, []byte("%PDF-1.4 partial"))
	}
	sum, err := Ingest(ctx, e.dd, e.st, mustTruthExtractor(t), IngestOptions{})
	if err != nil || sum.Taken != 0 || sum.Seen != 0 || sum.Ignored != len(names)-2+2 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	if left := listFiles(t, e.dd.Inbox()); len(left) != len(names) {
		t.Errorf("inbox = %v", left)
	}
}

func TestIngestRejectsNonPDF(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	x := mustTruthExtractor(t)
	e.drop(t, DirInbox, "courrier.docx", []byte("PK\x03\x04 not a pdf"))
	e.drop(t, DirInbox, "LISEZMOI", []byte("bonjour"))
	data := mustRead(t, filepath.Join(ingestCorpus, "04-nord-ch-roubaix", "convention-03-2024-ch-roubaix.pdf"))
	e.drop(t, DirInbox, "SCAN0001.PDF", data)
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{})
	if err != nil || sum.Rejected != 2 || sum.Archived != 1 || x.calls.Load() != 1 {
		t.Fatalf("summary = %+v, %v, %d extractions", sum, err, x.calls.Load())
	}
	m := string(mustRead(t, e.dd.Path("rejected/courrier.docx.motif.txt")))
	if !strings.Contains(m, "n'est pas un document PDF ni une image (extension « .docx »)") {
		t.Errorf("motif = %q", m)
	}
	// Rejected once, never retried: a new run has nothing to do.
	sum, _ = Ingest(ctx, e.dd, e.st, x, IngestOptions{})
	if !reflect.DeepEqual(sum, IngestSummary{}) {
		t.Errorf("second run = %+v", sum)
	}
}

func TestIngestTooLarge(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	x := mustTruthExtractor(t)
	big := append([]byte("%PDF-1.7\n"), make([]byte, 5000)...)
	e.drop(t, DirInbox, "énorme.pdf", big)
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{MaxBytes: 4096})
	if err != nil || sum.Rejected != 1 || x.calls.Load() != 0 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	doc, err := e.st.Document(ctx, sha256Hex(big))
	if err != nil || !strings.Contains(doc.Message, "trop volumineux") {
		t.Fatalf("document = %+v, %v", doc, err)
	}
	if got := mustRead(t, e.dd.Path(doc.StoredPath)); string(got) != string(big) {
		t.Error("rejected copy differs")
	}
}

func TestIngestFinishesWhatACrashLeft(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	x := mustTruthExtractor(t)
	data := mustRead(t, filepath.Join(ingestCorpus, "03-gironde-cd33", "convention-2019-014-departement-gironde.pdf"))
	p := e.drop(t, DirInbox, "cd33.pdf", data)
	// What a run killed between its commit and the removal leaves: the
	// archive copy, the store rows, and the file still in the inbox.
	info, _ := os.Lstat(p)
	f := observe(p, "cd33.pdf", info)
	sha := sha256Hex(data)
	rec, _ := x.Extract(ctx, "cd33.pdf", data)
	x.calls.Store(0)
	rel := ArchivePath(sha, ".pdf")
	if err := e.dd.keep(rel, data); err != nil {
		t.Fatal(err)
	}
	doc := store.Document{SHA256: sha, Name: f.Rel, ReceivedAt: time.Now(), Size: f.Size, Outcome: store.OutcomeRecord, StoredPath: rel}
	rc := store.Receipt{Folder: store.FolderInbox, SHA256: sha, Name: f.Rel, Size: f.Size, MtimeNS: f.MtimeNS, CtimeNS: f.CtimeNS,
		ReceivedAt: doc.ReceivedAt, Outcome: store.OutcomeRecord, StoredPath: rel}
	if err := e.st.SaveDocument(ctx, doc, &rec, rc); err != nil {
		t.Fatal(err)
	}
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{})
	if err != nil || sum.Finished != 1 || sum.Taken != 0 || sum.Duplicates != 0 || x.calls.Load() != 0 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Error("file left in the inbox")
	}
	if rcs, _ := e.st.Receipts(ctx, ""); len(rcs) != 1 {
		t.Errorf("receipts = %d, want 1", len(rcs))
	}
}

// cancellingExtractor cancels the run while extracting its first document.
type cancellingExtractor struct {
	*truthExtractor
	cancel context.CancelFunc
}

func (c cancellingExtractor) Extract(ctx context.Context, name string, data []byte) (model.Record, error) {
	c.cancel()
	return c.truthExtractor.Extract(ctx, name, data)
}

func TestIngestCancelFinishesCurrentDocument(t *testing.T) {
	e := mustIngestEnv(t)
	for _, c := range []string{"03-gironde-cd33/convention-2019-014-departement-gironde.pdf", "05-herault-udaf34/convention-07-2020-udaf-herault.pdf"} {
		e.drop(t, DirInbox, filepath.Base(c), mustRead(t, filepath.Join(ingestCorpus, c)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	x := cancellingExtractor{mustTruthExtractor(t), cancel}
	// One worker: the parse is the current document's, which is finished.
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{Workers: 1})
	if err != context.Canceled || sum.Archived != 1 || sum.Taken != 1 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	if left := listFiles(t, e.dd.Inbox()); len(left) != 1 {
		t.Errorf("inbox = %v, want the second file only", left)
	}
}

func TestIngestCancelWithParsingAhead(t *testing.T) {
	e := mustIngestEnv(t)
	pdfs, _ := filepath.Glob(filepath.Join(ingestCorpus, "0*", "*.pdf"))
	for _, p := range pdfs {
		e.drop(t, DirInbox, filepath.Base(p), mustRead(t, p))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	x := cancellingExtractor{mustTruthExtractor(t), cancel}
	// Parses ahead may have started the cancel before any file was current:
	// whatever was taken is complete, the rest is still in the inbox.
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{Workers: 4})
	if err != context.Canceled || sum.Taken > 1 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	docs, _ := e.st.Documents(context.Background())
	if left := listFiles(t, e.dd.Inbox()); len(left)+len(docs) != len(pdfs) || len(docs) != sum.Archived {
		t.Errorf("inbox %d + documents %d != %d dropped", len(left), len(docs), len(pdfs))
	}
}

// failingOnCancel is an extractor whose worker dies with the run (Ctrl-C
// reaches the whole process group).
type failingOnCancel struct{ cancel context.CancelFunc }

func (f failingOnCancel) Extract(ctx context.Context, name string, data []byte) (model.Record, error) {
	f.cancel()
	return model.Record{}, errors.New("extraction worker: signal: interrupt")
}

func TestIngestInterruptedExtractionIsNoRejection(t *testing.T) {
	e := mustIngestEnv(t)
	p := e.drop(t, DirInbox, "a.pdf", []byte("%PDF-1.4 x"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sum, err := Ingest(ctx, e.dd, e.st, failingOnCancel{cancel}, IngestOptions{})
	if !errors.Is(err, context.Canceled) || sum.Rejected != 0 || sum.Taken != 0 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Errorf("file left the inbox: %v", err)
	}
	if docs, _ := e.st.Documents(context.Background()); len(docs) != 0 {
		t.Errorf("documents = %+v", docs)
	}
}
