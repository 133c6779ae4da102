package model

import (
	"testing"
	"unsafe"
)

// TestCompactRowSize guards the figure the 1M-row benchmark rests on: a
// kept row is 64 bytes (model/BENCHMARKS.md).
func TestCompactRowSize(t *testing.T) {
	if n := unsafe.Sizeof(crow{}); n > 64 {
		t.Fatalf("crow is %d bytes, want at most 64", n)
	}
}
