package store

import (
	"context"
	"fmt"
)

// queryAll runs a query and scans every row with scan (one of the scanX
// functions of this package); what names the rows in errors ("documents").
func queryAll[T any](ctx context.Context, s *Store, what string, scan func(func(...any) error) (T, error), query string, args ...any) ([]T, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	return out, nil
}
