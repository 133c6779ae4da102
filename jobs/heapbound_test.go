package jobs

import (
	"errors"
	"math"
	"runtime/debug"
	"testing"
)

// TestWithHeapBound: fn runs under a limit of the held memory plus the
// budget, the limit in force is restored after (even on error), and a lower
// limit already in force is left alone.
func TestWithHeapBound(t *testing.T) {
	orig := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(orig)
	debug.SetMemoryLimit(math.MaxInt64)
	var during int64
	boom := errors.New("boom")
	err := withHeapBound(32<<20, func() error { during = debug.SetMemoryLimit(-1); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want fn's", err)
	}
	if held := heldMemory(); during == math.MaxInt64 || during < 32<<20 || during > held+64<<20 {
		t.Errorf("limit during fn = %d MB (held %d MB), want held + 32 MB", during>>20, held>>20)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit after = %d, want restored", got)
	}
	debug.SetMemoryLimit(8 << 20)
	withHeapBound(32<<20, func() error { during = debug.SetMemoryLimit(-1); return nil })
	if during != 8<<20 {
		t.Errorf("a lower limit in force became %d", during)
	}
}
