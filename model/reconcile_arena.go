package model

import "strings"

// strArena copies strings into large shared blocks: one allocation per
// 64 KiB instead of one per identifier and e-mail (two million for a
// million rows), and blocks the garbage collector need not scan.
type strArena struct {
	b strings.Builder
}

const arenaBlock = 64 << 10

// clone returns a copy of s that shares no memory with it.
func (a *strArena) clone(s string) string {
	if len(s) == 0 {
		return ""
	}
	if a.b.Cap()-a.b.Len() < len(s) {
		// A new block; the strings already handed out keep the old one
		// alive. Writing within the capacity never moves or changes the
		// bytes that String has already returned.
		a.b = strings.Builder{}
		a.b.Grow(max(arenaBlock, len(s)))
	}
	start := a.b.Len()
	a.b.WriteString(s)
	return a.b.String()[start:]
}
