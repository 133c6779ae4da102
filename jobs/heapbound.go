package jobs

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// workbookBudget is the memory one review workbook needs above what the
// process already holds: excelize's stream buffer for a large sheet (it
// keeps up to 16 MB, in a buffer that doubles to 32 MB, until the file is
// closed), a second streamed sheet, the styles and small sheets, and the
// rows being encoded (report/review/BENCHMARKS.md).
const workbookBudget = 64 << 20

// breachBudget is the same for the quota-breach report of the exports'
// rows, whose tables are built whole before they are written. Measured on
// the demo directory plus a 50,000-row export, `run` peaks at 184 MB
// instead of 257 MB for 10–20 % more CPU; with 64 MiB it would be 160 MB
// for twice the CPU (the collector then runs all along).
const breachBudget = 128 << 20

// boundRows: workbooks of fewer rows are written without the bound. Their
// sheets stay under excelize's 16 MB stream buffer (about 1.4 kB of XML a
// row), so the collector's headroom adds little, and the forced collection
// would cost more than it saves on a night of two hundred small workbooks.
const boundRows = 10_000

// withHeapBoundFor runs fn, which writes a report of rows rows, under
// withHeapBound when it is large (boundRows or more), as it is otherwise.
func withHeapBoundFor(rows int, budget int64, fn func() error) error {
	if rows < boundRows {
		return fn() // small: not worth a forced collection
	}
	return withHeapBound(budget, fn)
}

// withHeapBound runs fn under a soft memory limit (debug.SetMemoryLimit) of
// the memory the process holds now plus budget, when that is below the
// limit in force, and restores the limit after.
//
// Why: by default the garbage collector lets the heap grow to twice what
// is live before collecting (GOGC=100). Writing a workbook allocates
// several times its working set, so the process's peak would be twice the
// inputs plus the writer's working set; under the bound it is about the
// inputs plus the budget. The bound is soft: a writer that needs more
// makes the collector work harder, never fails. Jobs run one at a time
// (Scheduler), so no other work shares the process's limit meanwhile.
func withHeapBound(budget int64, fn func() error) error {
	prev := debug.SetMemoryLimit(-1)
	// A collection first: what the last one found live may include the
	// previous workbook's garbage, and would raise the bound by as much.
	runtime.GC()
	limit := heldMemory() + budget
	if limit >= prev || limit <= 0 {
		return fn()
	}
	debug.SetMemoryLimit(limit)
	defer debug.SetMemoryLimit(prev)
	return fn()
}

// heldMemory is the memory the runtime would count against a limit if
// nothing were garbage: the heap found live by the last collection, plus
// the runtime's own (stacks, metadata), which the limit counts too.
func heldMemory() int64 {
	s := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	v := make([]uint64, len(s))
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = s[i].Value.Uint64()
		}
	}
	other := int64(v[1]) - int64(v[2]+v[3]+v[4]+v[5])
	held := int64(v[0]) + max(other, 0)
	if held <= 0 || held > math.MaxInt64/2 {
		return 0
	}
	return held
}
