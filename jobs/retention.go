package jobs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"habilitations/jobs/store"
)

// RetentionResult counts what one purge deleted.
type RetentionResult struct {
	Exports    int   `json:"exports"`     // archived export files
	Findings   int64 `json:"findings"`    // stored findings of superseded runs
	Decisions  int64 `json:"decisions"`   // stored review decisions of superseded reviews
	ReportDirs int   `json:"report_dirs"` // reports/<date>/ folders
	Rejected   int   `json:"rejected"`    // files under rejected/
	Archived   int   `json:"archived"`    // archived signed documents
}

// Purge applies the retention settings at now (contrat de service art.
// 5.3.2; the README "Retention" says exactly what goes when). now carries the
// configured zone (report folders are dated in it). Every deletion
// is in the audit log. A zero duration keeps the data forever.
func Purge(ctx context.Context, st *store.Store, dataDir string, rc RetentionConfig, now time.Time) (RetentionResult, error) {
	var res RetentionResult
	var errs []error
	if rc.HabilitationYears > 0 {
		cutoff := now.AddDate(-rc.HabilitationYears, 0, 0)
		n, err := purgeExports(ctx, st, dataDir, cutoff)
		res.Exports = n
		errs = append(errs, err)
		res.Findings, err = st.PurgeFindings(ctx, cutoff)
		errs = append(errs, err)
		res.Decisions, err = st.PurgeDecisions(ctx, cutoff)
		errs = append(errs, err)
	}
	if rc.ReportsDays > 0 {
		n, err := purgeReportDirs(ctx, st, dataDir, DateOnlyIn(now, now.Location()).AddDate(0, 0, -rc.ReportsDays))
		res.ReportDirs = n
		errs = append(errs, err)
	}
	if rc.RejectedDays > 0 {
		n, err := purgeOldFiles(ctx, st, dataDir, "rejected", now.AddDate(0, 0, -rc.RejectedDays))
		res.Rejected = n
		errs = append(errs, err)
	}
	if rc.ArchiveDays > 0 {
		paths, err := st.ArchivedDocumentsBefore(ctx, now.AddDate(0, 0, -rc.ArchiveDays))
		errs = append(errs, err)
		for _, p := range paths {
			if err := removeAudited(ctx, st, dataDir, p, "retention.purge_archive"); err != nil {
				errs = append(errs, err)
				continue
			}
			res.Archived++
		}
	}
	return res, errors.Join(errs...)
}

// purgeExports deletes the archived files of exports superseded before cutoff.
func purgeExports(ctx context.Context, st *store.Store, dataDir string, cutoff time.Time) (int, error) {
	exps, err := st.SupersededExports(ctx, cutoff)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range exps {
		p := filepath.Join(dataDir, filepath.FromSlash(e.StoredPath))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("purge export %s: %w", e.StoredPath, err)
		}
		if err := st.MarkExportPurged(ctx, e.SHA256, fmt.Sprintf("path=%s rows=%d", e.StoredPath, e.Rows)); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// purgeReportDirs deletes the reports/<YYYY-MM-DD>/ folders dated before
// cutoff. Folders with other names are left alone.
func purgeReportDirs(ctx context.Context, st *store.Store, dataDir string, cutoff time.Time) (int, error) {
	ents, err := os.ReadDir(filepath.Join(dataDir, "reports"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("purge reports: %w", err)
	}
	n := 0
	for _, e := range ents {
		d, err := time.Parse(time.DateOnly, e.Name())
		if !e.IsDir() || err != nil || !d.Before(cutoff) {
			continue
		}
		rel := "reports/" + e.Name()
		files := countFiles(filepath.Join(dataDir, rel))
		if err := os.RemoveAll(filepath.Join(dataDir, rel)); err != nil {
			return n, fmt.Errorf("purge %s: %w", rel, err)
		}
		if err := st.Audit(ctx, "retention.purge_reports", rel, fmt.Sprintf("files=%d", files)); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// purgeOldFiles deletes the files under dataDir/folder last modified before
// cutoff (rejected files keep the time they were moved there).
func purgeOldFiles(ctx context.Context, st *store.Store, dataDir, folder string, cutoff time.Time) (int, error) {
	var old []string
	root := filepath.Join(dataDir, folder)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil && info.ModTime().Before(cutoff) {
				rel, _ := filepath.Rel(dataDir, p)
				old = append(old, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("purge %s: %w", folder, err)
	}
	n := 0
	for _, rel := range old {
		if err := removeAudited(ctx, st, dataDir, rel, "retention.purge_"+folder); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// removeAudited deletes one file of the data directory and audits it.
func removeAudited(ctx context.Context, st *store.Store, dataDir, rel, action string) error {
	if err := os.Remove(filepath.Join(dataDir, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("purge %s: %w", rel, err)
	}
	return st.Audit(ctx, action, rel, "")
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return nil
	})
	return n
}

// DateOnlyIn returns midnight UTC of t's calendar date in loc.
func DateOnlyIn(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
