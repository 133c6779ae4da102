package jobs

import (
	"fmt"
	"os"
	"path/filepath"
)

// DataDir is the pipeline's data directory (layout in jobs/DATADIR.md):
//
//	inbox/     signed PDFs dropped by Caf staff (sub-folders allowed)
//	exports/   partners' user exports (CSV, XLSX) dropped the same way
//	archive/   originals taken, content-addressed: archive/ab/<sha256>.pdf|.csv|.xlsx;
//	           archive/duplicates/ keeps second copies of a content already taken
//	rejected/  files that yield no record, each with <name>.motif.txt (French)
//	reports/   reports/<date>/… written by the runs
//	state.db   the state store (SQLite, WAL: state.db-wal, state.db-shm)
//	lock       held (flock) by the one process working on the directory
//	review.key the secret sealing the review workbooks' rows (ReviewKeyFile)
type DataDir struct {
	Root string
}

// Sub-directories of the data directory, created by OpenDataDir.
const (
	DirInbox    = "inbox"
	DirExports  = "exports"
	DirArchive  = "archive"
	DirRejected = "rejected"
	DirReports  = "reports"
	// DirDuplicates, under archive/, keeps the second copies of a content.
	DirDuplicates = "archive/duplicates"
)

// Owner-only permissions of everything the pipeline creates: the data holds
// personal data (contacts, accounts).
const (
	DirMode  os.FileMode = 0o700
	FileMode os.FileMode = 0o600
)

// OpenDataDir creates the data directory and its layout when missing (owner
// only) and returns it. Existing folders keep their permissions: the inbox
// may be a share that others write to.
func OpenDataDir(root string) (*DataDir, error) {
	if root == "" {
		return nil, fmt.Errorf("data directory: empty path")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("data directory %s: %w", root, err)
	}
	d := &DataDir{Root: abs}
	for _, sub := range []string{"", DirInbox, DirExports, DirArchive, DirDuplicates, DirRejected, DirReports} {
		if err := os.MkdirAll(d.Path(sub), DirMode); err != nil {
			return nil, fmt.Errorf("data directory %s: %w", root, err)
		}
	}
	if err := d.ensureReviewKey(); err != nil {
		return nil, fmt.Errorf("data directory %s: %w", root, err)
	}
	return d, nil
}

// Path joins a slash-separated path relative to the data directory.
func (d *DataDir) Path(rel string) string { return filepath.Join(d.Root, filepath.FromSlash(rel)) }

// Inbox is the folder of dropped PDFs.
func (d *DataDir) Inbox() string { return d.Path(DirInbox) }

// Exports is the folder of dropped user exports.
func (d *DataDir) Exports() string { return d.Path(DirExports) }

// Reports is the folder runs write their reports to.
func (d *DataDir) Reports() string { return d.Path(DirReports) }

// StatePath is the state database.
func (d *DataDir) StatePath() string { return d.Path("state.db") }

// LockPath is the lock file.
func (d *DataDir) LockPath() string { return d.Path("lock") }

// ArchivePath is where content with this hash and extension is archived,
// relative to the data directory: archive/ab/abcdef….pdf.
func ArchivePath(sha, ext string) string {
	return DirArchive + "/" + sha[:2] + "/" + sha + ext
}
