package pdftext

import "time"

// Limits bound the work spent on one PDF, so that a hostile or broken file
// (decompression bomb, page-tree loop, endless content stream) is refused
// instead of taking the machine.
type Limits struct {
	MaxBytes  int64         // largest accepted file, in bytes
	MaxPages  int           // most pages read from one file
	Timeout   time.Duration // wall-clock budget for one file (0 = none beyond ctx)
	MaxMemory int64         // memory bound in bytes: in process, growth of the heap during one extraction, checked while reading; in a worker, also the GC limit and the address space (RLIMIT_AS) past the runtime's own
}

// DefaultLimits returns limits that fit every genuine dossier with a wide
// margin (a dossier is 20–30 pages and well under 1 MB).
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:  64 << 20,
		MaxPages:  500,
		Timeout:   60 * time.Second,
		MaxMemory: 1 << 30,
	}
}

// withDefaults fills the zero fields of l from DefaultLimits, so that a zero
// Limits{} is safe rather than unbounded.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	if l.MaxMemory <= 0 {
		l.MaxMemory = d.MaxMemory
	}
	return l
}
