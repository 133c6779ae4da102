//go:build !linux

package pdftext

// limitAddressSpace is a no-op where RLIMIT_AS is not available; the GC
// memory limit and the parent's wall-clock kill still apply.
func limitAddressSpace(max int64) {}
