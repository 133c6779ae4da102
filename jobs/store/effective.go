package store

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"habilitations/model"
)

// StoredRecords returns the records of one convention number, or of all
// conventions when number is "", in insertion order.
func (s *Store) StoredRecords(ctx context.Context, number string) ([]StoredRecord, error) {
	raw, err := queryAll(ctx, s, "records", scanRawRecord, `SELECT r.id, r.document_sha256, d.name, r.received_at, r.signed_on, r.json
		FROM records r JOIN documents d ON d.sha256 = r.document_sha256
		WHERE ? = '' OR r.convention = ? ORDER BY r.id`, number, number)
	if err != nil {
		return nil, err
	}
	return decodeRecords(raw)
}

// rawRecord is a stored record whose JSON is not decoded yet.
type rawRecord struct {
	StoredRecord
	json string
}

func scanRawRecord(scan func(...any) error) (rawRecord, error) {
	var r rawRecord
	var at string
	if err := scan(&r.ID, &r.DocumentSHA, &r.DocumentName, &at, &r.SignedOn, &r.json); err != nil {
		return r, err
	}
	r.ReceivedAt = parseTS(at)
	return r, nil
}

// decodeRecords decodes the records' JSON, one worker per processor: every
// night reads every record (twelve thousand at a national Caf), and
// decoding them is most of that. The first error in order is returned.
func decodeRecords(raw []rawRecord) ([]StoredRecord, error) {
	out := make([]StoredRecord, len(raw))
	errs := make([]error, len(raw))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(raw)/64)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(raw); i = int(next.Add(1) - 1) {
				out[i] = raw[i].StoredRecord
				if err := json.Unmarshal([]byte(raw[i].json), &out[i].Record); err != nil {
					errs[i] = fmt.Errorf("read records: record %d: %w", raw[i].ID, err)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
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
