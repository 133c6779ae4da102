package jobs

import (
	"errors"
	"fmt"
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

// TestNightBudgetFor: the night's budget is 128 MB up to the national night
// with nothing new, then follows the rows.
func TestNightBudgetFor(t *testing.T) {
	for _, c := range []struct {
		rows int
		want int64
	}{{0, 128 << 20}, {271_390, 128 << 20}, {371_210, 371_210 * 480}, {1_000_000, 480_000_000}} {
		t.Run(fmt.Sprint(c.rows), func(t *testing.T) {
			if got := nightBudgetFor(c.rows); got != c.want {
				t.Errorf("nightBudgetFor(%d) = %d, want %d", c.rows, got, c.want)
			}
		})
	}
}
