package breach

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"habilitations/model"
)

// Input is everything the report shows.
type Input struct {
	AsOf     model.Date
	Findings []model.Finding
	// Spool, when set, holds the findings instead of Findings (a report of
	// a million rows, findings produced convention by convention).
	Spool *Spool
	// Grouped, when set (and Spool is not), holds the findings instead of
	// Findings, by convention (the night's, which later steps read by
	// convention).
	Grouped *model.ConventionFindings
	// Records are the records reconciled (raw or already merged): they give
	// the partner names and, with Rows, the accounts behind each breach.
	Records []model.Record
	Rows    []model.Habilitation
	// Holders, when set, gives the accounts behind each breach, spooled
	// with their slot while the exports were read (model.SlotIndex)
	// without keeping Rows; nil: model.SlotHolders of Records and Rows.
	// Write calls it once, from the files that list accounts, after it has
	// begun the others: a caller may still be sorting the accounts out
	// while the findings are written.
	Holders func() (*HolderSpool, error)
	// New tells the findings absent from the previous run (the zero
	// value: none), Resolved lists those of the previous run that are
	// gone. HasPrevious is false on the first run: then nothing is called
	// new.
	New         model.NewFindings
	Resolved    []model.Finding
	HasPrevious bool
	// Settings are those of the reconciliation (quoted in the sentences).
	Settings model.ReconcileSettings
	// SheetLimit is the most rows a detail sheet of the workbook lists
	// (« Comptes au-delà du quota », « Autres constats »); past it the
	// sheet lists one row per convention and finding, pointing to the CSV
	// file that holds them all. 0: DefaultSheetLimit.
	SheetLimit int
}

// Paths are the files written.
type Paths struct {
	XLSX        string // the workbook
	CSV         string // every finding, one per line
	AccountsCSV string // the accounts behind each breach
	JSON        string // findings.json
}

// Write writes the report into dir (created 0700 if missing); every file is
// owner-only and written atomically. Cancelled, it stops within a few
// thousand rows and leaves the files as they were.
func Write(ctx context.Context, dir string, in Input) (Paths, error) {
	if in.AsOf.IsZero() {
		return Paths{}, errors.New("breach report: as_of is required")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Paths{}, fmt.Errorf("breach report: %w", err)
	}
	d := in.AsOf.String()
	p := Paths{
		XLSX:        filepath.Join(dir, "depassements-quotas-"+d+".xlsx"),
		CSV:         filepath.Join(dir, "depassements-quotas-"+d+".csv"),
		AccountsCSV: filepath.Join(dir, "comptes-au-dela-du-quota-"+d+".csv"),
		JSON:        filepath.Join(dir, "findings.json"),
	}
	var src source
	switch {
	case in.Spool != nil:
		src = in.Spool
	case in.Grouped != nil:
		src = newGrouped(in.Grouped)
	default:
		src = newHeld(in.Findings)
	}
	holders := func() (holderSource, error) {
		if in.Holders != nil {
			return in.Holders()
		}
		var quota []model.Finding
		for f, err := range src.breaches() {
			if err != nil {
				return nil, err
			}
			quota = append(quota, f)
		}
		return heldHolders(model.SlotHolders(in.Records, in.Rows, quota)), nil
	}
	t, err := build(ctx, in, src, holders, p)
	if err != nil {
		return Paths{}, fmt.Errorf("breach report: %w", err)
	}
	steps := []struct {
		path  string
		write func(string, tables) error
	}{
		{p.XLSX, writeXLSX}, {p.CSV, writeFindingsCSV}, {p.AccountsCSV, writeAccountsCSV},
		{p.JSON, func(path string, t tables) error {
			if in.Spool != nil {
				// The kernel copies the spool's text: nothing to interrupt.
				if err := ctx.Err(); err != nil {
					return err
				}
				return writeFile(path, func(w io.Writer) error { return in.Spool.WriteJSON(w, in.AsOf) })
			}
			return writeJSON(path, in.AsOf, untilDone(ctx, src.All()))
		}},
	}
	var staged stagedFiles
	tmp := make([]string, len(steps))
	for i, s := range steps {
		if tmp[i], err = staged.stage(s.path); err != nil {
			staged.abort()
			return Paths{}, fmt.Errorf("breach report %s: %w", s.path, err)
		}
	}
	// The files are independent readers of the same spools (read through
	// their own section readers once written): side by side, a
	// findings-heavy report takes the time of its largest file, not of the
	// four, and those that list no account do not wait for them.
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, s := range steps {
		wg.Go(func() {
			if err := s.write(tmp[i], t); err != nil {
				errs[i] = fmt.Errorf("breach report %s: %w", s.path, err)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		staged.abort()
		return Paths{}, err
	}
	if err := staged.commit(); err != nil {
		return Paths{}, fmt.Errorf("breach report: %w", err)
	}
	return p, nil
}
