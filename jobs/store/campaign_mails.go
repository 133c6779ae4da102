package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Mail statuses: written as an .eml file, sent over SMTP, or a send that
// failed (tried again by the next run).
const (
	MailWritten = "written"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// Mail is one message of the campaign as stored (no address: the .eml file
// holds them, the store only counts the recipients).
type Mail struct {
	ID                int64
	Convention, DueOn string
	Kind              string // model.MailKind
	MessageID         string
	Path              string // the .eml, relative to the data directory
	Recipients        int
	WrittenOn         string // ISO date
	Status            string
	Attempts          int
	LastError         string
	SentAt            time.Time
}

// ErrMailExists is returned by AddMail when the message of that convention,
// cycle and kind was written before: a message is never written twice.
var ErrMailExists = errors.New("campaign message already written")

// AddMail records a written message; it returns its id.
func (s *Store) AddMail(ctx context.Context, m Mail) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO campaign_mails (convention, due_on, kind, message_id, path, recipients, written_on)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (convention, due_on, kind) DO NOTHING`,
			m.Convention, m.DueOn, m.Kind, m.MessageID, m.Path, m.Recipients, m.WrittenOn)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrMailExists
		}
		id, _ = res.LastInsertId()
		return s.auditTx(ctx, tx, "campaign.mail_written", m.Convention, fmt.Sprintf("due_on=%s kind=%s recipients=%d path=%s",
			m.DueOn, m.Kind, m.Recipients, m.Path))
	})
	if err != nil && !errors.Is(err, ErrMailExists) {
		err = fmt.Errorf("record %s message of %s: %w", m.Kind, m.Convention, err)
	}
	return id, err
}

// Mails returns the stored messages, oldest first; with unsent true, only
// those not sent yet (written or failed).
func (s *Store) Mails(ctx context.Context, unsent bool) ([]Mail, error) {
	q := `SELECT id, convention, due_on, kind, message_id, path, recipients, written_on, status, attempts, last_error, sent_at FROM campaign_mails`
	if unsent {
		q += ` WHERE status <> 'sent'`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("campaign messages: %w", err)
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		var at string
		if err := rows.Scan(&m.ID, &m.Convention, &m.DueOn, &m.Kind, &m.MessageID, &m.Path, &m.Recipients, &m.WrittenOn,
			&m.Status, &m.Attempts, &m.LastError, &at); err != nil {
			return nil, fmt.Errorf("campaign messages: %w", err)
		}
		m.SentAt = parseTS(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkMailSent records a successful send; a message already sent is left
// as it is (it is never sent twice).
func (s *Store) MarkMailSent(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE campaign_mails SET status = 'sent', attempts = attempts + 1, last_error = '', sent_at = ?
			WHERE id = ? AND status <> 'sent'`, ts(s.now()), id); err != nil {
			return fmt.Errorf("mark message %d sent: %w", id, err)
		}
		return s.auditTx(ctx, tx, "campaign.mail_sent", "", fmt.Sprintf("id=%d", id))
	})
}

// MarkMailFailed records a failed send; the error text must hold no
// address (the caller keeps the SMTP reply only).
func (s *Store) MarkMailFailed(ctx context.Context, id int64, msg string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE campaign_mails SET status = 'failed', attempts = attempts + 1, last_error = ?
			WHERE id = ? AND status <> 'sent'`, msg, id); err != nil {
			return fmt.Errorf("mark message %d failed: %w", id, err)
		}
		return s.auditTx(ctx, tx, "campaign.mail_failed", "", fmt.Sprintf("id=%d", id))
	})
}
