package pdftext

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
	"pgregory.net/rapid"
)

// parseCmap parses the body of a ToUnicode CMap, written as the stream
// object that the trailer's /Root refers to.
func parseCmap(tb testing.TB, body string) *cmap {
	tb.Helper()
	data := buildPDF(stream([]byte("/CIDInit /ProcSet findresource begin begincmap\n"+body+"\nendcmap end"), ""))
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	return readToUnicode(rd.Trailer().Key("Root"))
}

func TestCmapLookup(t *testing.T) {
	tests := []struct {
		name string
		body string
		want map[uint32]string // code → text; "" for unmapped
	}{
		{"identity over all two-byte codes", "1 beginbfrange <0000> <FFFF> <0000> endbfrange",
			map[uint32]string{0x41: "A", 0xE9: "é", 0x20AC: "€", 0xFFFF: "\uFFFF", 0x10000: ""}},
		{"bfchar", "2 beginbfchar <01> <0041> <02> <00660069> endbfchar",
			map[uint32]string{1: "A", 2: "fi", 3: ""}},
		{"array destinations", "1 beginbfrange <01> <03> [<0041> <0042>] endbfrange",
			map[uint32]string{1: "A", 2: "B", 3: ""}},
		{"range with a two-unit destination increments the last", "1 beginbfrange <10> <11> <00660069> endbfrange",
			map[uint32]string{0x10: "fi", 0x11: "fj"}},
		{"surrogate pair destination", "1 beginbfrange <01> <02> <D835DC00> endbfrange",
			map[uint32]string{1: "\U0001D400", 2: "\U0001D401"}},
		{"one-byte destination", "1 beginbfchar <01> <41> endbfchar", map[uint32]string{1: "A"}},
		{"later range splits an earlier one", "2 beginbfrange <00> <FF> <0000> <40> <41> <0061> endbfrange",
			map[uint32]string{0x3F: "?", 0x40: "a", 0x41: "b", 0x42: "B", 0xFF: "ÿ"}},
		{"later range covers several", "3 beginbfrange <10> <1F> <0041> <30> <3F> <0061> <18> <35> <0030> endbfrange",
			map[uint32]string{0x10: "A", 0x17: "H", 0x18: "0", 0x19: "1", 0x35: "\x4d", 0x36: "g", 0x3F: "p"}},
		{"ranges out of order", "2 beginbfrange <30> <31> <0061> <10> <11> <0041> endbfrange",
			map[uint32]string{0x10: "A", 0x11: "B", 0x30: "a", 0x31: "b", 0x20: ""}},
		{"bfchar after a range wins", "1 beginbfrange <00> <FF> <0000> endbfrange 1 beginbfchar <41> <0058> endbfchar",
			map[uint32]string{0x41: "X", 0x42: "B"}},
		{"range after a bfchar wins", "1 beginbfchar <41> <0058> endbfchar 1 beginbfrange <40> <42> <0040> endbfrange",
			map[uint32]string{0x41: "A"}},
		{"reversed range ignored", "1 beginbfrange <42> <41> <0041> endbfrange", map[uint32]string{0x41: "", 0x42: ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := parseCmap(t, tt.body)
			for c, want := range tt.want {
				for round := range 2 { // the second lookup comes from the memo
					got, ok := m.lookup(c)
					if ok != (want != "") || got != want {
						t.Errorf("code %#x (lookup %d): %q, %v; want %q", c, round+1, got, ok, want)
					}
				}
			}
		})
	}
}

// TestCmapBounded: an identity CMap is one range, not 65,536 entries, and a
// CMap of many ranges keeps at most maxCmapRanges of them.
func TestCmapBounded(t *testing.T) {
	m := parseCmap(t, "1 beginbfrange <0000> <FFFF> <0000> endbfrange")
	if len(m.codes) != 0 || len(m.ranges) != 1 {
		t.Errorf("identity CMap: %d codes, %d ranges; want 0 and 1", len(m.codes), len(m.ranges))
	}
	var b strings.Builder
	n := 2 * maxCmapRanges
	fmt.Fprintf(&b, "%d beginbfrange\n", n)
	for i := n - 1; i >= 0; i-- { // out of order: the slow path
		fmt.Fprintf(&b, "<%04X> <%04X> <0041>\n", 2*i, 2*i)
	}
	b.WriteString("endbfrange")
	m = parseCmap(t, b.String())
	if len(m.ranges) != maxCmapRanges {
		t.Errorf("%d ranges kept, want the bound %d", len(m.ranges), maxCmapRanges)
	}
	for i := 1; i < len(m.ranges); i++ {
		if m.ranges[i-1].hi >= m.ranges[i].lo {
			t.Fatalf("ranges %d and %d overlap or are out of order: %+v %+v", i-1, i, m.ranges[i-1], m.ranges[i])
		}
	}
}

// TestCmapMatchesExpansion: whatever the order and overlaps of bfchar,
// bfrange and array entries, the ranges give what expanding every entry
// into a map, later over earlier, gives.
func TestCmapMatchesExpansion(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := newCmap()
		want := map[uint32]string{}
		n := rapid.IntRange(0, 30).Draw(t, "entries")
		for i := range n {
			lo := uint32(rapid.IntRange(0, 60).Draw(t, fmt.Sprintf("lo%d", i)))
			hi := lo + uint32(rapid.IntRange(0, 20).Draw(t, fmt.Sprintf("len%d", i)))
			dst := uint16(rapid.IntRange(0x41, 0x7A).Draw(t, fmt.Sprintf("dst%d", i)))
			dstStr := string([]byte{byte(dst >> 8), byte(dst)})
			switch rapid.IntRange(0, 2).Draw(t, fmt.Sprintf("kind%d", i)) {
			case 0:
				m.addCode(lo, utf16Text(dstStr))
				want[lo] = string(rune(dst))
			case 1:
				m.addRange(lo, hi, dstStr)
				for c := lo; c <= hi; c++ {
					want[c] = string(rune(dst + uint16(c-lo)))
				}
			case 2:
				arr := []string{dstStr, dstStr}
				m.addArray(lo, hi, arr)
				for c := lo; c <= hi && c-lo < 2; c++ {
					want[c] = string(rune(dst))
				}
			}
		}
		for c := uint32(0); c < 90; c++ {
			got, ok := m.lookup(c)
			if w, wok := want[c]; ok != wok || got != w {
				t.Fatalf("code %d: %q, %v; want %q, %v", c, got, ok, w, wok)
			}
		}
		for i := 1; i < len(m.ranges); i++ {
			if m.ranges[i-1].hi >= m.ranges[i].lo {
				t.Fatalf("ranges %d and %d overlap or are out of order", i-1, i)
			}
		}
	})
}
