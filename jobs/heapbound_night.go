package jobs

import (
	"runtime"
	"runtime/debug"
)

// nightBudget is what a large night needs above the rows, records and
// findings it holds once the exports are read: the reconciliation's
// compact rows, the breach report's and each review workbook's writers.
// Measured on the national workload (10,000 conventions, 271,390 rows,
// jobs/BENCHMARKS.md): without a bound the night with nothing new peaked
// at 370–380 MB, the collector's headroom doubling what is held; with
// 128 MB, at 290 MB; 96 MB saved 10 MB more for 25 % more CPU, and made a
// night with a 100,000-row export spend most of its time collecting.
const nightBudget = 128 << 20

// nightBudgetPerRow: what the night's steps build grows with its rows (the
// breach report's tables, the reconciliation's compact rows, the largest
// review workbook), so past 128 MB the budget follows them. Measured on the
// national night with one export grown to 100,000 rows (371,210 rows):
// with 128 MB the collector ran back to back, a fifth of the night's CPU;
// with 160 MB the night took 16.3 s of CPU instead of 19.7 s. 480 bytes a
// row leaves the night with nothing new (271,390 rows: 130 MB) as it was.
const nightBudgetPerRow = 480

// nightBudgetFor is the budget of a night of rows rows.
func nightBudgetFor(rows int) int64 {
	return max(nightBudget, int64(rows)*nightBudgetPerRow)
}

// nightBoundRows: nights over fewer rows run without the bound (the demo,
// the tests: a few thousand rows, where the headroom is a few megabytes).
const nightBoundRows = 100_000

// holdHeapBound sets a soft memory limit of what the process holds now
// plus budget, when that is below the limit in force (withHeapBound's rule,
// for the rest of a run rather than one call), and returns what restores
// the previous limit.
func holdHeapBound(budget int64) (restore func()) {
	prev := debug.SetMemoryLimit(-1)
	runtime.GC()
	limit := heldMemory() + budget
	if limit >= prev || limit <= budget {
		return func() {}
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}
