package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"habilitations/model"
)

// Export is one unique user export taken from exports/.
type Export struct {
	SHA256     string
	Name       string // relative to exports/
	ReceivedAt time.Time
	ModifiedAt time.Time // the file's mtime when dropped: orders a partner's exports
	Size       int64
	Outcome    string // OutcomeExport or OutcomeRejected
	Format     string // csv | xlsx
	Rows       int
	RowErrors  int
	Message    string // French motif of a rejection
	StoredPath string // relative to the data directory
	Partners   []ExportPartner
}

// ExportPartner is one partner an export covers.
type ExportPartner struct {
	Key       string // PartnerKey(siret, organisme)
	SIRET     string
	Organisme string
	Rows      int
}

// PartnerKey identifies the partner of an export row: its SIRET when the row
// has one, else its folded Organisme.
func PartnerKey(siret, organisme string) string {
	if s := strings.TrimSpace(siret); s != "" {
		return "siret:" + s
	}
	return "nom:" + model.Fold(organisme)
}

// PartnerKeys computes PartnerKey for the rows of one export, remembering
// each (SIRET, Organisme) pair met: an export names its partners a few ways
// at most, and folding the Organisme of each of a national night's 370,000
// rows was half a gigabyte of allocations. The zero value is ready.
type PartnerKeys struct {
	m map[[2]string]string
}

// Key returns PartnerKey(siret, organisme).
func (p *PartnerKeys) Key(siret, organisme string) string {
	k, ok := p.m[[2]string{siret, organisme}]
	if !ok {
		if p.m == nil {
			p.m = map[[2]string]string{}
		}
		k = PartnerKey(siret, organisme)
		p.m[[2]string{siret, organisme}] = k
	}
	return k
}

// SaveExport stores, in one transaction, a new export, the partners it
// covers, its receipt and the audit entry.
func (s *Store) SaveExport(ctx context.Context, e Export, r Receipt) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO exports (sha256, name, received_at, modified_at, size, outcome, format, rows, row_errors, message, stored_path)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.SHA256, e.Name, ts(e.ReceivedAt), ts(e.ModifiedAt), e.Size, e.Outcome,
			e.Format, e.Rows, e.RowErrors, e.Message, e.StoredPath); err != nil {
			return err
		}
		for _, p := range e.Partners {
			if _, err := tx.ExecContext(ctx, `INSERT INTO export_partners (export_sha256, partner_key, siret, organisme, rows)
				VALUES (?, ?, ?, ?, ?)`, e.SHA256, p.Key, p.SIRET, p.Organisme, p.Rows); err != nil {
				return err
			}
		}
		if err := insertReceipt(ctx, tx, r); err != nil {
			return err
		}
		return s.auditTx(ctx, tx, "ingest.export", e.SHA256, fmt.Sprintf("%s format=%s rows=%d row_errors=%d partners=%d path=%s",
			e.Outcome, e.Format, e.Rows, e.RowErrors, len(e.Partners), AuditPath(e.StoredPath)))
	})
	if err != nil {
		return fmt.Errorf("save export %.12s: %w", e.SHA256, err)
	}
	return nil
}

const exportCols = `sha256, name, received_at, modified_at, size, outcome, format, rows, row_errors, message, stored_path`

func scanExport(scan func(...any) error) (Export, error) {
	var e Export
	var rec, mod string
	err := scan(&e.SHA256, &e.Name, &rec, &mod, &e.Size, &e.Outcome, &e.Format, &e.Rows, &e.RowErrors, &e.Message, &e.StoredPath)
	e.ReceivedAt, e.ModifiedAt = parseTS(rec), parseTS(mod)
	return e, err
}

// Export returns the export with this content hash (with all its partners),
// or ErrNotFound.
func (s *Store) Export(ctx context.Context, sha string) (Export, error) {
	e, err := scanExport(s.db.QueryRowContext(ctx, `SELECT `+exportCols+` FROM exports WHERE sha256 = ?`, sha).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return Export{}, ErrNotFound
	}
	if err != nil {
		return Export{}, fmt.Errorf("read export %.12s: %w", sha, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT partner_key, siret, organisme, rows FROM export_partners WHERE export_sha256 = ? ORDER BY partner_key`, sha)
	if err != nil {
		return Export{}, fmt.Errorf("read export %.12s: %w", sha, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p ExportPartner
		if err := rows.Scan(&p.Key, &p.SIRET, &p.Organisme, &p.Rows); err != nil {
			return Export{}, fmt.Errorf("read export %.12s: %w", sha, err)
		}
		e.Partners = append(e.Partners, p)
	}
	return e, rows.Err()
}

// CurrentExports returns, for every partner seen in an export, the newest
// export covering it (latest file mtime, then latest reception), grouped by
// export: each Export's Partners lists only the partners it is current for,
// so a reconcile reads from it only those partners' rows. Sorted by name.
func (s *Store) CurrentExports(ctx context.Context) ([]Export, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.partner_key, p.siret, p.organisme, p.rows, e.sha256
		FROM export_partners p JOIN exports e ON e.sha256 = p.export_sha256
		WHERE e.outcome = 'export'
		ORDER BY p.partner_key, e.modified_at DESC, e.received_at DESC, e.sha256`)
	if err != nil {
		return nil, fmt.Errorf("read current exports: %w", err)
	}
	current := map[string][]ExportPartner{}
	last := ""
	for rows.Next() {
		var p ExportPartner
		var sha string
		if err := rows.Scan(&p.Key, &p.SIRET, &p.Organisme, &p.Rows, &sha); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read current exports: %w", err)
		}
		if p.Key == last {
			continue // an older export of the same partner
		}
		last = p.Key
		current[sha] = append(current[sha], p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read current exports: %w", err)
	}
	// The exports' rows are read in batches: one query per export (and one
	// for its partners, replaced here anyway) was a tenth of a night of
	// 10,000 exports.
	shas := make([]string, 0, len(current))
	for sha := range current {
		shas = append(shas, sha)
	}
	out := make([]Export, 0, len(current))
	for b := range slices.Chunk(shas, 500) {
		args := make([]any, len(b))
		for i, sha := range b {
			args[i] = sha
		}
		q := `SELECT ` + exportCols + ` FROM exports WHERE sha256 IN (?` + strings.Repeat(",?", len(b)-1) + `)`
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("read current exports: %w", err)
		}
		for rows.Next() {
			e, err := scanExport(rows.Scan)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read current exports: %w", err)
			}
			e.Partners = current[e.SHA256]
			out = append(out, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read current exports: %w", err)
		}
	}
	if len(out) != len(current) {
		return nil, fmt.Errorf("read current exports: %d of %d exports found", len(out), len(current))
	}
	slices.SortFunc(out, func(a, b Export) int {
		return strings.Compare(a.Name+"\x00"+a.SHA256, b.Name+"\x00"+b.SHA256)
	})
	return out, nil
}
