package model_test

import "unsafe"

// unsafeString views b as a string without copying, as a reader that reuses
// its line buffer might hand out fields: what the Reconciler keeps of a row
// must not point into it.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
