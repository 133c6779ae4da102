package jobs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"habilitations/extract/export"
	"habilitations/jobs/store"
	"habilitations/model"
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
	Findings  []model.Finding
	// New and Resolved compare with the findings of the latest earlier
	// reconciliation with an earlier as-of date, so that re-running a day
	// reproduces that day's report.
	New, Resolved []model.Finding
	PreviousRun   int64 // 0 when this is the first reconciliation
	Reports       []string

	// Records and Rows are the inputs reconciled (effective records, rows
	// of the current exports), for the reports and reviews of the same run.
	EffectiveRecords []model.Record
	CurrentRows      []model.Habilitation
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
		Findings: len(r.Findings), ByCode: map[string]int{}, New: len(r.New), Resolved: len(r.Resolved),
		Previous: r.PreviousRun, Reports: r.Reports}
	for _, f := range r.Findings {
		s.ByCode[string(f.Code)]++
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
	return reconcile(ctx, st, dataDir, runID, asOf, set, p, nil)
}

// reconcile is Reconcile; read (nil: none) is called with the number of
// rows once the exports are read, before the rules run (the nightly run
// bounds its heap from there).
func reconcile(ctx context.Context, st *store.Store, dataDir string, runID int64, asOf model.Date, set model.ReconcileSettings, p Progress,
	read func(rows int)) (ReconcileResult, error) {
	if p == nil {
		p = noProgress{}
	}
	res := ReconcileResult{RunID: runID, AsOf: asOf}
	records, err := st.EffectiveRecords(ctx)
	if err != nil {
		return res, err
	}
	res.Records = len(records)
	exports, err := st.CurrentExports(ctx)
	if err != nil {
		return res, err
	}
	// Sized once from the rows the store counted at intake (an upper bound:
	// rows of partners a newer export replaced are skipped): grown by
	// appending, the slice of 270,000 rows was briefly held twice and kept
	// a third of its capacity unused.
	n := 0
	for _, e := range exports {
		n += e.Rows
	}
	rows := make([]model.Habilitation, 0, n)
	p.Start("exports", len(exports))
	defer p.Finish()
	err = readExports(ctx, dataDir, exports, func(_ store.Export, r exportRead) error {
		rows = append(rows, r.rows...)
		p.Add(1)
		res.Exports++
		res.Rows += r.n
		res.RowErrors += r.bad
		return nil
	})
	if err != nil {
		return res, err
	}
	res.EffectiveRecords, res.CurrentRows = records, rows
	if read != nil {
		read(len(rows))
	}
	res.Findings = model.Reconcile(records, rows, asOf, set)
	if err := st.SaveFindings(ctx, runID, res.Findings); err != nil {
		return res, err
	}
	// The previous day's findings are read one at a time: only those
	// resolved are kept.
	prev, added, resolved, ok, err := st.DeltaBeforeDate(ctx, runID, asOf.String(), res.Findings)
	if err != nil {
		return res, err
	}
	if ok {
		res.PreviousRun = prev
	}
	res.New, res.Resolved = added, resolved
	return res, nil
}

// readCurrentRows streams the rows of an archived export that belong to the
// partners it is current for (an export may cover partners that a newer
// export has since replaced). It returns the rows kept and the bad rows.
func readCurrentRows(ctx context.Context, dataDir string, e store.Export, keep func(model.Habilitation)) (n, bad int, err error) {
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
			keep(h)
			n++
		}
		return nil
	})
	if err != nil {
		return n, 0, fmt.Errorf("read export %s: %w", e.StoredPath, err)
	}
	return n, sum.RowErrorCount, nil
}
