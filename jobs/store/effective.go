package store

import (
	"context"
	"fmt"
	"slices"

	"habilitations/model"
)

// StoredRecords returns the records of one convention number, or of all
// conventions when number is "", in insertion order.
func (s *Store) StoredRecords(ctx context.Context, number string) ([]StoredRecord, error) {
	return queryAll(ctx, s, "records", scanStoredRecord, `SELECT r.id, r.document_sha256, d.name, r.received_at, r.signed_on, r.json
		FROM records r JOIN documents d ON d.sha256 = r.document_sha256
		WHERE ? = '' OR r.convention = ? ORDER BY r.id`, number, number)
}

// EffectiveRecords returns the effective record of every convention (see
// Merge), sorted by convention number.
func (s *Store) EffectiveRecords(ctx context.Context) ([]model.Record, error) {
	all, err := s.StoredRecords(ctx, "")
	if err != nil {
		return nil, err
	}
	byNumber := map[string][]StoredRecord{}
	var numbers []string
	for _, r := range all {
		n := r.Record.Convention.Number
		if _, ok := byNumber[n]; !ok {
			numbers = append(numbers, n)
		}
		byNumber[n] = append(byNumber[n], r)
	}
	slices.Sort(numbers)
	out := make([]model.Record, 0, len(numbers))
	for _, n := range numbers {
		eff, _ := Merge(byNumber[n])
		if eff.Kind == "" {
			continue // only forms, none applied: no convention to show
		}
		out = append(out, eff)
	}
	return out, nil
}

// ConventionHistory returns the effective record of one convention and the
// changes that led to it, oldest first. ErrNotFound when no record has that
// number.
func (s *Store) ConventionHistory(ctx context.Context, number string) (model.Record, []Change, error) {
	recs, err := s.StoredRecords(ctx, number)
	if err != nil {
		return model.Record{}, nil, err
	}
	if len(recs) == 0 {
		return model.Record{}, nil, fmt.Errorf("convention %s: %w", number, ErrNotFound)
	}
	eff, hist := Merge(recs)
	return eff, hist, nil
}
