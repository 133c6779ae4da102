package pdftext

import (
	"slices"
	"testing"
)

func TestUnswapLetters(t *testing.T) {
	for _, tc := range []struct {
		in, want []uint16
	}{
		{[]uint16{0x6600, 0x6900}, []uint16{'f', 'i'}},              // « 昀椀 »: Ghostscript's « fi »
		{[]uint16{0x6600, 0x6600, 0x6c00}, []uint16{'f', 'f', 'l'}}, // « ffl »
		{[]uint16{0x6600}, []uint16{0x6600}},                        // one unit: left alone
		{[]uint16{0x0066, 0x0069}, []uint16{0x0066, 0x0069}},        // already right
		{[]uint16{0x6600, 0x3000}, []uint16{0x6600, 0x3000}},        // not all letters
		{[]uint16{0x4e2d, 0x6587}, []uint16{0x4e2d, 0x6587}},        // real ideographs (« 中文 »)
	} {
		if got := unswapLetters(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("unswapLetters(%04x) = %04x, want %04x", tc.in, got, tc.want)
		}
	}
}
