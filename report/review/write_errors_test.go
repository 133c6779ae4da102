package review

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"habilitations/model"
)

// failingWriter fails once it has taken limit bytes.
type failingWriter struct{ n, limit int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errors.New("disk full")
	}
	w.n += len(p)
	return len(p), nil
}

// TestWriteFails: a write error of the destination, at the start or while
// the large sheet is compressed, is Write's error, although excelize drops
// some of the errors its zip writer returns.
func TestWriteFails(t *testing.T) {
	rows := make([]model.Habilitation, 20_000)
	for i := range rows {
		rows[i] = model.Habilitation{Account: fmt.Sprintf("u-%05d", i), LastName: strings.Repeat("Dupont", i%7), Status: model.StatusActive}
	}
	rv := model.BuildReview(model.Record{Convention: model.Convention{Number: "1"}}, rows, nil, model.NewDate(2026, 11, 25))
	for _, limit := range []int{0, 100 << 10} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			w := failingWriter{limit: limit}
			if _, err := Write(context.Background(), &w, rv, nil, []byte("k")); err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Errorf("Write: %v, want the writer's error", err)
			}
		})
	}
}

// TestWriteCancelled: a cancelled context stops Write with its error.
func TestWriteCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rows := make([]model.Habilitation, 5000)
	for i := range rows {
		rows[i] = model.Habilitation{Account: fmt.Sprintf("u-%05d", i), Status: model.StatusActive}
	}
	rv := model.BuildReview(model.Record{Convention: model.Convention{Number: "1"}}, rows, nil, model.NewDate(2026, 11, 25))
	if _, err := Write(ctx, io.Discard, rv, nil, []byte("k")); !errors.Is(err, context.Canceled) {
		t.Errorf("Write: %v, want context.Canceled", err)
	}
}
