package xlsxout

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"
)

// failAfter fails once it has taken n bytes.
type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestWrite: the workbook written on the fly reads back with excelize, and
// a destination's failure, at the start or in the middle, is Write's error.
func TestWrite(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 20_000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		if err := sw.SetRow(cell, []any{fmt.Sprintf("Ligne n° %d — « accentuée »", i), i}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(f, &buf); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if v, _ := g.GetCellValue("Sheet1", "A20000"); v != "Ligne n° 20000 — « accentuée »" {
		t.Errorf("A20000 = %q", v)
	}
	for _, n := range []int{0, 10 << 10, buf.Len() - 100} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			if err := Write(f, &failAfter{n}); err == nil || err.Error() != "disk full" {
				t.Errorf("Write = %v, want the destination's error", err)
			}
		})
	}
}
