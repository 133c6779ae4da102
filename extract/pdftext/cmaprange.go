package pdftext

import (
	"sort"
	"unicode/utf16"
)

// Bounds of one CMap. Ranges stay ranges (an identity CMap over 65,536
// codes is one entry), so maxCmapRanges bounds the ranges themselves: real
// CMaps have a few hundred at most, and inserting out of order costs a copy
// of the slice, so a crafted CMap costs at most maxCmapRanges² / 2 moves.
const (
	maxCmapEntries = 1 << 17 // single codes (bfchar, bfrange with an array)
	maxCmapRanges  = 1 << 12 // bfrange with an incrementing destination
	maxCmapMemo    = 1 << 16 // texts of range codes kept once computed
)

// cmap is a /ToUnicode map. Single codes are in a map; bfrange entries
// with an incrementing destination are kept as ranges, sorted and
// disjoint, and consulted by binary search. Every entry carries the
// sequence number of its definition, so that a later definition wins over
// an earlier one whatever their kinds, as when every code was expanded.
type cmap struct {
	codes  map[uint32]cmapText
	ranges []cmapRange
	// memo keeps the texts computed from ranges (pages show the same codes
	// again and again). A cmap belongs to the fonts of one document, read
	// by one goroutine, so lookup may write it without a lock.
	memo map[uint32]string
	seq  int32
}

type cmapText struct {
	s   string
	seq int32
}

// cmapRange maps lo..hi: code c to dst with its last UTF-16 unit increased
// by c-start (start is the range's first code as written, which stays when
// a later range trims the front of this one).
type cmapRange struct {
	lo, hi, start uint32
	dst           []uint16
	seq           int32
}

func newCmap() *cmap {
	return &cmap{codes: map[uint32]cmapText{}}
}

func (m *cmap) addCode(c uint32, s string) {
	m.seq++
	if _, ok := m.codes[c]; ok || len(m.codes) < maxCmapEntries {
		m.codes[c] = cmapText{s, m.seq}
	}
}

func (m *cmap) addArray(lo, hi uint32, dst []string) {
	for c := lo; c <= hi && int(c-lo) < len(dst); c++ {
		m.addCode(c, utf16Text(dst[c-lo]))
	}
}

// addRange adds lo..hi → dst, trimming or splitting the ranges it overlaps.
func (m *cmap) addRange(lo, hi uint32, dst string) {
	u := utf16Units(dst)
	if lo == hi { // a one-code range is a bfchar written as a range (Ghostscript)
		u = unswapLetters(u)
	}
	if hi < lo || len(u) == 0 || len(m.ranges) >= maxCmapRanges {
		return
	}
	m.seq++
	r := cmapRange{lo: lo, hi: hi, start: lo, dst: u, seq: m.seq}
	n := len(m.ranges)
	if n == 0 || m.ranges[n-1].hi < lo { // in order: the usual case
		m.ranges = append(m.ranges, r)
		return
	}
	i := sort.Search(n, func(k int) bool { return m.ranges[k].hi >= lo }) // first overlapping or after
	j := sort.Search(n, func(k int) bool { return m.ranges[k].lo > hi })  // first after
	repl := make([]cmapRange, 0, 3)
	if i < j && m.ranges[i].lo < lo {
		left := m.ranges[i]
		left.hi = lo - 1
		repl = append(repl, left)
	}
	repl = append(repl, r)
	if i < j && m.ranges[j-1].hi > hi {
		right := m.ranges[j-1]
		right.lo = hi + 1
		repl = append(repl, right)
	}
	m.ranges = append(m.ranges[:i], append(repl, m.ranges[j:]...)...)
}

// lookup returns the text of code c.
func (m *cmap) lookup(c uint32) (string, bool) {
	e, exact := m.codes[c]
	k := sort.Search(len(m.ranges), func(k int) bool { return m.ranges[k].hi >= c })
	if k == len(m.ranges) || m.ranges[k].lo > c || exact && e.seq > m.ranges[k].seq {
		return e.s, exact
	}
	if s, ok := m.memo[c]; ok {
		return s, true
	}
	r := &m.ranges[k]
	var s string
	if len(r.dst) == 1 { // a lone surrogate gives U+FFFD, as utf16.Decode would
		s = string(rune(r.dst[0] + uint16(c-r.start)))
	} else {
		v := append([]uint16(nil), r.dst...)
		v[len(v)-1] += uint16(c - r.start)
		s = string(utf16.Decode(v))
	}
	if m.memo == nil {
		m.memo = map[uint32]string{}
	}
	if len(m.memo) < maxCmapMemo {
		m.memo[c] = s
	}
	return s, true
}
