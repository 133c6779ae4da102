package export

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"habilitations/model"
)

// BenchmarkReadCSVSmall reads a 27-row export, the size of most partners'
// (the national night reads ten thousand of them): what a reader costs per
// file, besides its rows.
func BenchmarkReadCSVSmall(b *testing.B) {
	data := []byte(goodHeader + strings.Repeat(goodRow, 27))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if _, err := Read(context.Background(), "export.csv", bytes.NewReader(data), Options{}, func(model.Habilitation) error {
			n++
			return nil
		}); err != nil || n != 27 {
			b.Fatalf("%d rows: %v", n, err)
		}
	}
}
