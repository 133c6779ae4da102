package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
)

// Extractor turns the bytes of a dropped PDF into a record; an error becomes
// a rejection through model.NewRejection. extract.Extractor satisfies it.
type Extractor interface {
	Extract(ctx context.Context, name string, data []byte) (model.Record, error)
}

// IngestOptions are the settings of the ingest step.
type IngestOptions struct {
	// Settle is how long a file's size, mtime and ctime must stay unchanged
	// before it is taken (0: take at once; tests).
	Settle time.Duration
	// MaxBytes rejects larger files unread (0: DefaultIngestMaxBytes).
	MaxBytes int64
	// Log receives one line per file with its hash and outcome (nil: none).
	Log *slog.Logger
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Progress shows the files taken, per folder (nil: nothing).
	Progress Progress
	// Workers is how many PDFs are parsed at once, ahead of the one-by-one
	// commits (0: GOMAXPROCS; 1: no parsing ahead).
	Workers int
	// Review configures the import of the filled review workbooks dropped
	// in the inbox (the attestation writer, limits).
	Review ImportOptions
}

// DefaultIngestMaxBytes is the largest file taken from a drop folder.
const DefaultIngestMaxBytes = 64 << 20

func (o IngestOptions) withDefaults() IngestOptions {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultIngestMaxBytes
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Progress == nil {
		o.Progress = noProgress{}
	}
	return o
}

// IngestSummary counts what one ingest did. Safe to print and log: counts
// and folder paths only.
type IngestSummary struct {
	Seen            int `json:"seen"`             // files found in inbox/ and exports/
	Taken           int `json:"taken"`            // files taken out of the drop folders this run
	Archived        int `json:"archived"`         // PDFs that yielded a record, archived
	Rejected        int `json:"rejected"`         // PDFs rejected (rejected/ + motif)
	Duplicates      int `json:"duplicates"`       // contents already taken (archive/duplicates/)
	Exports         int `json:"exports"`          // exports archived
	ExportsRejected int `json:"exports_rejected"` // exports rejected
	Finished        int `json:"finished"`         // files an interrupted run had recorded, removed now
	Waiting         int `json:"waiting"`          // files still being written: left for the next run
	Ignored         int `json:"ignored"`          // temporary and system files, links
	Errors          int `json:"errors"`           // files left in place after an I/O error
	Scanned         int `json:"scanned"`          // records read (in part) by text recognition
	// ToVerify are the conventions of the records archived this run that
	// hold values read from a scan a person must check (« à vérifier »).
	ToVerify       []string `json:"to_verify,omitempty"`
	Reviews        int      `json:"reviews"`         // filled review workbooks imported from the inbox
	ReviewsRefused int      `json:"reviews_refused"` // review workbooks refused (in rejected/, counted in Rejected too)
	Verifications  int      `json:"verifications"`   // filled verification workbooks imported from the inbox
	Verified       int      `json:"verified"`        // values they checked and applied
}

// Ingest takes the complete files of the inbox (PDFs → records or
// rejections) and of the exports folder (user exports), one transaction per
// file, in a crash-safe order: the original is written to archive/ or
// rejected/ (atomically, fsynced), then the store records it, then it leaves
// the drop folder. A file a crash left behind after its commit is recognised
// by its receipt and only removed. On cancellation the current file is
// finished, then Ingest returns ctx.Err(). The caller holds the lock.
func Ingest(ctx context.Context, dd *DataDir, st *store.Store, x Extractor, opts IngestOptions) (IngestSummary, error) {
	opts = opts.withDefaults()
	var sum IngestSummary
	in := &intake{dd: dd, st: st, x: x, opts: opts, sum: &sum, parent: ctx}
	// The caller holds the lock: temporary files are what a killed run left.
	if err := dd.removeTemporaries(); err != nil {
		return sum, err
	}
	// Both folders are observed, then one settle interval covers them.
	folders := []string{store.FolderInbox, store.FolderExports}
	var files []dropped
	for _, folder := range folders {
		fs, ignored, err := scanFolder(ctx, dd.Path(folder))
		sum.Ignored += ignored
		if err != nil {
			return sum, fmt.Errorf("ingest %s: %w", folder, err)
		}
		for i := range fs {
			fs[i].Folder = folder
		}
		files = append(files, fs...)
	}
	sum.Seen = len(files)
	ready, waiting, err := settled(ctx, files, opts.Settle)
	sum.Waiting += waiting
	if err != nil {
		return sum, err
	}
	for _, folder := range folders {
		var batch []dropped
		for _, f := range ready {
			if f.Folder == folder {
				batch = append(batch, f)
			}
		}
		if err := in.batch(ctx, folder, batch); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// intake is the state of one Ingest.
type intake struct {
	dd   *DataDir
	st   *store.Store
	x    Extractor
	opts IngestOptions
	sum  *IngestSummary
	// parent is the caller's context: the current file goes on without it,
	// but a failure it caused is no verdict on the file.
	parent context.Context
	// pre holds the parses started ahead (inbox batch only).
	pre *prefetch
}

// batch takes the settled files of one folder, in path order.
func (in *intake) batch(ctx context.Context, folder string, ready []dropped) error {
	if len(ready) == 0 {
		return nil
	}
	if folder == store.FolderInbox {
		pctx, stop := context.WithCancel(ctx)
		defer stop() // no more parses ahead once the batch returns
		in.pre = in.startPrefetch(pctx, ready)
		defer func() { in.pre = nil }()
	}
	in.opts.Progress.Start(folder, len(ready))
	defer in.opts.Progress.Finish()
	for _, f := range ready {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The current file is finished even if ctx is cancelled meanwhile.
		if err := in.file(context.WithoutCancel(ctx), folder, f); err != nil {
			return err
		}
		in.opts.Progress.Add(1)
	}
	return nil
}

// file takes one settled file. It returns an error only for what must stop
// the batch (the store failing); a file that cannot be read is left in place.
func (in *intake) file(ctx context.Context, folder string, f dropped) error {
	log := in.opts.Log.With("folder", folder, "name_hash", sha256Hex([]byte(f.Rel))[:12])
	data, err := readDropped(f, in.opts.MaxBytes)
	switch {
	case errors.Is(err, errChanged), errors.Is(err, os.ErrNotExist):
		in.sum.Waiting++
		return nil
	case errors.Is(err, errTooLarge):
		data = nil // hashed, copied and rejected without being held in memory
	case err != nil:
		in.sum.Errors++
		log.Warn("cannot read dropped file; left in place", "error", pathless(err))
		return nil
	}
	sha := sha256Hex(data)
	if data == nil {
		if sha, err = hashFile(f.Path); err != nil {
			in.sum.Errors++
			log.Warn("cannot read dropped file; left in place", "error", pathless(err))
			return nil
		}
	}
	rc := store.Receipt{Folder: folder, SHA256: sha, Name: f.Rel, Size: f.Size, MtimeNS: f.MtimeNS, CtimeNS: f.CtimeNS,
		ReceivedAt: in.opts.Now()}
	log = log.With("sha256", sha[:16])
	if prev, err := in.st.FindReceipt(ctx, rc); err == nil {
		// Recorded by a run that stopped before removing it.
		in.sum.Finished++
		log.Info("already recorded; removed from the drop folder", "outcome", prev.Outcome)
		return in.remove(f, log)
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	var outcome string
	if folder == store.FolderInbox {
		if kind := classifyInbox(f.Rel, data); kind == inboxPDF {
			outcome, err = in.pdf(ctx, f, data, rc)
		} else {
			outcome, err = in.workbook(ctx, f, data, rc, kind)
		}
	} else {
		outcome, err = in.export(ctx, f, data, rc)
	}
	if err != nil {
		return err
	}
	in.sum.Taken++
	log.Info("taken", "outcome", outcome, "bytes", f.Size)
	return in.remove(f, log)
}

// remove takes a recorded file out of its drop folder. Failing to (a
// read-only share) is not fatal: the next run recognises it by its receipt.
func (in *intake) remove(f dropped, log *slog.Logger) error {
	if err := os.Remove(f.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
		in.sum.Errors++
		log.Warn("recorded but cannot remove from the drop folder", "error", pathless(err))
	}
	return nil
}

// pathless drops the path of a *PathError: paths name people's files.
func pathless(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}
