package jobs

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
)

// StoreRecordsWorkload makes a data directory of records already read: each
// stored as if ingested from a PDF (a document with no file behind it), and
// the export that writeExport writes dropped in exports/ for the next run.
// A findings-heavy night of thousands of conventions (the reconciliation
// workload of `habilitations workload --reconcile`) is then measured as a
// whole night, without extracting thousands of PDFs first. For benchmarks
// only: a Caf's records come from its documents.
func StoreRecordsWorkload(ctx context.Context, dd *DataDir, records []model.Record, writeExport func(io.Writer) error) error {
	st, err := store.Open(ctx, dd.StatePath())
	if err != nil {
		return err
	}
	defer st.Close()
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := range records {
		if err := ctx.Err(); err != nil {
			return err
		}
		sum := sha256.Sum256(fmt.Appendf(nil, "records-workload-%d", i))
		sha := hex.EncodeToString(sum[:])
		name := fmt.Sprintf("workload-%05d.pdf", i)
		d := store.Document{SHA256: sha, Name: name, ReceivedAt: at, Size: 1, Outcome: store.OutcomeRecord, StoredPath: ArchivePath(sha, ".pdf")}
		r := store.Receipt{Folder: store.FolderInbox, SHA256: sha, Name: name, Size: 1, ReceivedAt: at, Outcome: store.OutcomeRecord, StoredPath: d.StoredPath}
		if err := st.SaveDocument(ctx, d, &records[i], r); err != nil {
			return fmt.Errorf("workload record %d: %w", i, err)
		}
	}
	return createAtomic(filepath.Join(dd.Exports(), "export-workload.csv"), func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		if err := writeExport(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}
