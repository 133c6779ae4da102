package model

import "unsafe"

// strRef is a string a Reconciler keeps for a row, without a pointer: a
// million rows holding two string headers each were two million pointers
// the collector followed on every cycle; rows of refs are not scanned at
// all.
type strRef struct{ blk, off, n uint32 }

// strTab keeps the strings strRefs point to: copied into shared blocks
// (which hold no pointers either), or, for a Reconciler whose caller holds
// the rows (Reconcile), referred to as given.
type strTab struct {
	blocks [][]byte
	ext    []string // the strings kept as given: strRef.blk == extBlock
}

const (
	extBlock = ^uint32(0)
	tabBlock = 64 << 10
)

// copyIn keeps a copy of s, sharing no memory with it.
func (t *strTab) copyIn(s string) strRef {
	if len(s) == 0 {
		return strRef{}
	}
	last := len(t.blocks) - 1
	if last < 0 || cap(t.blocks[last])-len(t.blocks[last]) < len(s) {
		// A new block: appending within a block's capacity never moves the
		// bytes already referred to.
		t.blocks = append(t.blocks, make([]byte, 0, max(tabBlock, len(s))))
		last++
	}
	b := t.blocks[last]
	off := len(b)
	t.blocks[last] = append(b, s...)
	return strRef{blk: uint32(last), off: uint32(off), n: uint32(len(s))}
}

// refer keeps s itself.
func (t *strTab) refer(s string) strRef {
	if len(s) == 0 {
		return strRef{}
	}
	t.ext = append(t.ext, s)
	return strRef{blk: extBlock, off: uint32(len(t.ext) - 1), n: uint32(len(s))}
}

// str returns the string r refers to.
func (t *strTab) str(r strRef) string {
	switch {
	case r.n == 0:
		return ""
	case r.blk == extBlock:
		return t.ext[r.off]
	}
	return unsafe.String(&t.blocks[r.blk][r.off], r.n)
}
