package jobs

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/review"
)

// Progress receives the advance of long steps, for a progress bar on a
// terminal. Implementations must be cheap; nil is allowed everywhere and
// shows nothing (cron, pipes, the daemon).
type Progress interface {
	// Start begins a step of total units (-1 when unknown).
	Start(step string, total int)
	// Add advances the current step by n units.
	Add(n int)
	// Finish ends the current step.
	Finish()
}

// noProgress is the Progress of non-interactive runs.
type noProgress struct{}

func (noProgress) Start(string, int) {}
func (noProgress) Add(int)           {}
func (noProgress) Finish()           {}

// RunOptions configure one activation of a job.
type RunOptions struct {
	Config Config
	// AsOf is the reference date of the reconciliation and of the report
	// folder; zero means today in the configured time zone.
	AsOf     model.Date
	Log      *slog.Logger
	Progress Progress
	// Extractor reads the dropped PDFs (extract.Extractor, in-process or in
	// a child process per the configuration); the CLI builds it.
	Extractor Extractor
	// Attestation writes the attestation of a review workbook imported from
	// the inbox (report/forms.WriteAttestation); nil writes none.
	Attestation AttestationWriter
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
	// TextRecognition says why scans cannot be read on this machine (the
	// extractor has no text recognition: Tesseract or its French model
	// missing); nil when they can. The run report and summary warn.
	TextRecognition error
	// MailTLS overrides the TLS configuration of the SMTP connection
	// (tests trust their own certificate); nil: the system's roots.
	MailTLS *tls.Config
}

func (o RunOptions) withDefaults() RunOptions {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Progress == nil {
		o.Progress = noProgress{}
	}
	if o.AsOf.IsZero() {
		o.AsOf = model.DateOf(o.Now().In(o.Config.Location()))
	}
	return o
}

// workspace is what a job holds while it runs: the locked data directory,
// the open store and its run row.
type workspace struct {
	opts  RunOptions
	dd    *DataDir
	st    *store.Store
	runID int64
	log   *slog.Logger
	// The inputs and findings of this run's reconciliation, for the forms
	// and reviews.
	findings *model.ConventionFindings
	// newFindings are the administrator findings absent the previous day
	// (all of them on the first reconciliation), for the forms.
	newFindings []model.Finding
	records     []model.Record
	// followUp is the check of earlier reviews' actions against the
	// current exports, done once by the reconcile step.
	followUp map[string][]model.ActionResult
	rows     *model.ConventionRows
	// reviewLines are the overview's rows the reviews step prepared, and
	// campaign the campaign step's lines: the overview step writes both.
	reviewLines []review.ConventionLine
	campaign    []CampaignLine
	// restoreHeap ends the heap bound of a large night (boundHeap).
	restoreHeap func()
}

// boundHeap bounds the heap for the rest of the run once a large night's
// rows are read (holdHeapBound): what it holds then stays to the end, and
// the collector's default headroom would double it.
func (w *workspace) boundHeap(rows int) {
	if rows >= nightBoundRows && w.restoreHeap == nil {
		w.restoreHeap = holdHeapBound(nightBudgetFor(rows))
	}
}

// withRun takes the data directory (ErrLocked when another process has it),
// opens the store, records a run of this kind and calls fn; the run row gets
// fn's summary and error, whatever happens, even on a panic (then re-raised
// for the daemon's recovery to log).
func withRun(ctx context.Context, o RunOptions, kind string, fn func(ctx context.Context, w *workspace) (any, error)) (err error) {
	o = o.withDefaults()
	dd, err := OpenDataDir(o.Config.DataDir)
	if err != nil {
		return err
	}
	lock, err := dd.Lock()
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, lock.Unlock()) }()
	st, err := store.Open(ctx, dd.StatePath())
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, st.Close()) }()
	st.SetClock(o.Now) // the run's clock stamps what it stores (simulated time in tests)
	// Holding the lock, any run still marked running died with its process.
	if n, err := st.CloseStaleRuns(ctx); err != nil {
		return err
	} else if n > 0 {
		o.Log.Warn("runs of a process that died closed as failed", "runs", n)
	}
	id, err := st.StartRun(ctx, kind, o.AsOf.String())
	if err != nil {
		return err
	}
	w := &workspace{opts: o, dd: dd, st: st, runID: id, log: o.Log.With("job", kind, "run", id)}
	var summary any
	finished := false
	defer func() {
		if finished {
			return
		}
		p := recover()
		ferr := st.FinishRun(ctx, id, summary, fmt.Errorf("panic: %v", p))
		if p != nil {
			panic(p)
		}
		err = errors.Join(err, ferr)
	}()
	summary, err = fn(ctx, w)
	finished = true
	return errors.Join(err, st.FinishRun(ctx, id, summary, err))
}
