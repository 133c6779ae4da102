package model

import (
	"testing"
	"unsafe"
)

// TestCompactRowSize guards the figure the 1M-row benchmark rests on: a
// kept row is 48 bytes, and holds no pointer for the collector to follow
// (model/BENCHMARKS.md).
func TestCompactRowSize(t *testing.T) {
	if n := unsafe.Sizeof(crow{}); n > 48 {
		t.Fatalf("crow is %d bytes, want at most 48", n)
	}
	if n := unsafe.Alignof(crow{}); n > 4 {
		t.Fatalf("crow is aligned on %d bytes: it holds a pointer or a 64-bit field", n)
	}
}

// TestRowStoreKeepsEachConventionsOrder: rows added to conventions in any
// interleaving come back per convention in the order added, across chunk
// and slab boundaries.
func TestRowStoreKeepsEachConventionsOrder(t *testing.T) {
	const convs = 7
	s := newRowStore(convs)
	want := make([][]uint32, convs)
	for i := range uint32(slabChunks*chunkRows + 1000) {
		c := int32((i*i + 3*i) % convs)
		if c == 5 {
			continue // a convention without rows
		}
		s.add(c, crow{last: i})
		want[c] = append(want[c], i)
	}
	for c := range int32(convs) {
		var got []uint32
		s.each(c, func(r *crow) { got = append(got, r.last) })
		if len(got) != len(want[c]) || s.has(c) != (len(want[c]) > 0) {
			t.Fatalf("convention %d: %d rows, want %d", c, len(got), len(want[c]))
		}
		for i := range got {
			if got[i] != want[c][i] {
				t.Fatalf("convention %d, row %d: %d, want %d", c, i, got[i], want[c][i])
			}
		}
	}
}
