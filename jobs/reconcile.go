package jobs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"habilitations/extract/export"
	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/breach"
)

// ReconcileResult is what the store-based reconcile step concluded. It holds
// findings (account ids, never names); Summary gives the counts for logs.
type ReconcileResult struct {
	RunID     int64
	AsOf      model.Date
	Records   int // effective conventions
	Exports   int // current exports read
	Rows      int // export rows of the partners those exports are current for
	RowErrors int // bad export rows skipped
	// Findings are held by convention, as the rules made them.
	Findings *model.ConventionFindings
	// New tells the findings absent from the latest earlier reconciliation
	// with an earlier as-of date (every finding on the first), and
	// Resolved lists that run's findings gone, so that re-running a day
	// reproduces that day's report. NewCount counts the new findings.
	New         model.NewFindings
	NewCount    int
	Resolved    []model.Finding
	PreviousRun int64 // 0 when this is the first reconciliation
	Reports     []string

	// EffectiveRecords are the records reconciled, and CurrentRows the rows
	// of the current exports indexed by convention, whole for the
	// conventions rowUse.keep selected, for the reports and reviews of the
	// same run.
	EffectiveRecords []model.Record
	CurrentRows      *model.ConventionRows
	// Holders are the accounts behind the breaches, spooled while the
	// exports were read (rowUse.holders; nil otherwise): the caller closes
	// them.
	Holders *breach.SlotHolders
}

// rowUse says what the reconciliation keeps of the rows it streams: every
// row goes into the rules (model.Reconciler, a compact copy) and is then
// dropped, unless a later step of the run reads it.
type rowUse struct {
	// keep selects the conventions whose rows are kept whole (nil: none),
	// called with each effective record merged with its bulletins; of the
	// others CurrentRows keeps counts, slots and administrators.
	keep func(model.Record) bool
	// holders spools the accounts behind the breaches (the breach report).
	holders bool
	// read (nil: none) is called with the number of rows once the exports
	// are read, before the rules run (the nightly run bounds its heap from
	// there).
	read func(rows int)
}

// ReconcileSummary is the part of a ReconcileResult safe to print and log.
type ReconcileSummary struct {
	Records   int            `json:"records"`
	Exports   int            `json:"exports"`
	Rows      int            `json:"rows"`
	RowErrors int            `json:"row_errors"`
	Findings  int            `json:"findings"`
	ByCode    map[string]int `json:"by_code"`
	New       int            `json:"new"`
	Resolved  int            `json:"resolved"`
	Previous  int64          `json:"previous_run,omitempty"`
	Reports   []string       `json:"reports"`
	// ActionChecks counts the actions of earlier reviews checked against
	// the current exports.
	ActionChecks int `json:"action_checks"`
}

// Summary returns the counts of r.
func (r ReconcileResult) Summary() ReconcileSummary {
	s := ReconcileSummary{Records: r.Records, Exports: r.Exports, Rows: r.Rows, RowErrors: r.RowErrors,
		Findings: r.Findings.Len(), ByCode: map[string]int{}, New: r.NewCount, Resolved: len(r.Resolved),
		Previous: r.PreviousRun, Reports: r.Reports}
	for _, c := range model.Codes {
		if n := r.Findings.Count(c); n > 0 {
			s.ByCode[string(c)] = n
		}
	}
	if s.Reports == nil {
		s.Reports = []string{}
	}
	return s
}

// Reconcile runs the rules of records.md §4 on the effective records of the
// store and the current exports (each read only for the partners it is
// current for), saves the findings under runID, and tells which are new and
// which were resolved. Reports are written by the caller (the run's reconcile
// step). p (nil: none) advances by one per export read.
func Reconcile(ctx context.Context, st *store.Store, dataDir string, runID int64, asOf model.Date, set model.ReconcileSettings, p Progress) (ReconcileResult, error) {
	return reconcile(ctx, st, dataDir, runID, asOf, set, p, rowUse{})
}

// reconcile is Reconcile keeping of the rows what use says. On error,
// nothing is left to close.
func reconcile(ctx context.Context, st *store.Store, dataDir string, runID int64, asOf model.Date, set model.ReconcileSettings, p Progress,
	use rowUse) (res ReconcileResult, err error) {
	if p == nil {
		p = noProgress{}
	}
	res = ReconcileResult{RunID: runID, AsOf: asOf}
	records, err := st.EffectiveRecords(ctx)
	if err != nil {
		return res, err
	}
	res.Records = len(records)
	exports, err := st.CurrentExports(ctx)
	if err != nil {
		return res, err
	}
	// Rows are streamed: each export's rows go into the rules' compact
	// copy, the index by convention and the breach accounts' spool, and
	// are dropped. Held, the rows of a million-row export (232 bytes and
	// ten pointers each) were most of a findings-heavy night's memory and
	// of its collector's work.
	merged := model.MergeBulletins(records)
	kept := map[string]bool{}
	for _, r := range merged {
		if use.keep != nil && use.keep(r) {
			kept[r.Convention.Number] = true
		}
	}
	rec := model.NewReconciler(records, asOf, set)
	// Indexed by the records merged (the reviews' and action checks') and
	// as stored (the forms'): a bulletin's partner may be spelled its own
	// way. Kept by number: a bulletin has no date of its own to be due on.
	index := model.NewConventionRowsKeeping(append(merged, records...), func(r model.Record) bool { return kept[r.Convention.Number] })
	if use.holders {
		// In the data directory, not the system's temporary folder: the
		// spool holds names and e-mails (0600 in a 0700 folder, removed on
		// Close), and may be as large as the exports' slot-holding rows,
		// which a small in-memory /tmp could not take.
		if res.Holders, err = breach.NewSlotHolders(rec, dataDir); err != nil {
			return res, err
		}
		defer func() {
			if err != nil {
				res.Holders.Close()
				res.Holders = nil
			}
		}()
	}
	p.Start("exports", len(exports))
	defer p.Finish()
	err = readExports(ctx, dataDir, exports, func(_ store.Export, r exportRead) error {
		for i := range r.rows {
			h := &r.rows[i]
			rec.Add(h)
			index.Add(h)
			if res.Holders != nil {
				if err := res.Holders.Add(h); err != nil {
					return err
				}
			}
		}
		if r.done {
			p.Add(1)
			res.Exports++
			res.Rows += r.n
			res.RowErrors += r.bad
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	res.EffectiveRecords, res.CurrentRows = records, index
	if use.read != nil {
		use.read(res.Rows)
	}
	// Each convention's findings are saved as the rules make them (their
	// workers run a few conventions ahead of the store), and held by
	// convention: never gathered, sorted or copied into one slice, as the
	// 740,000 findings of a findings-heavy night were three times over.
	res.Findings = &model.ConventionFindings{}
	_, err = st.SaveFindingsSeq(ctx, runID, func(yield func([]model.Finding, error) bool) {
		for conv, fs := range rec.FindingsByConventionToKeep() {
			if err := res.Findings.Keep(conv, fs); err != nil {
				yield(nil, err)
				return
			}
			if !yield(fs, nil) {
				return
			}
		}
	})
	if err != nil {
		return res, err
	}
	// Compared with the previous day's inside the store, by key: only the
	// findings resolved are read back, and the new ones are told by a set
	// of keys, not copied.
	prev, added, resolved, ok, err := st.DeltaBeforeDate(ctx, runID, asOf.String())
	if err != nil {
		return res, err
	}
	if ok {
		res.PreviousRun = prev
	}
	res.New, res.Resolved = added, resolved
	if !added.None() {
		for f := range res.Findings.Sorted() {
			if added.Has(f) {
				res.NewCount++
			}
		}
	}
	return res, nil
}

// readCurrentRows streams the rows of an archived export that belong to the
// partners it is current for (an export may cover partners that a newer
// export has since replaced). It returns the rows kept and the bad rows;
// an error of keep stops the reading.
func readCurrentRows(ctx context.Context, dataDir string, e store.Export, keep func(model.Habilitation) error) (n, bad int, err error) {
	current := map[string]bool{}
	for _, p := range e.Partners {
		current[p.Key] = true
	}
	path := filepath.Join(dataDir, filepath.FromSlash(e.StoredPath))
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, fmt.Errorf("read export %s: %w", e.StoredPath, err)
	}
	defer f.Close()
	var keys store.PartnerKeys
	sum, err := export.Read(ctx, e.Name, f, export.Options{}, func(h model.Habilitation) error {
		if current[keys.Key(h.SIRET, h.Organisme)] {
			n++
			return keep(h)
		}
		return nil
	})
	if err != nil {
		return n, 0, fmt.Errorf("read export %s: %w", e.StoredPath, err)
	}
	return n, sum.RowErrorCount, nil
}
