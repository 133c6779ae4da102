package model

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ReviewMaxCellUnits is the most a spreadsheet cell holds: 32,767 UTF-16
// code units (Excel's limit; excelize and LibreOffice cut there too).
const ReviewMaxCellUnits = 32767

// ReviewCellText is the one form in which a protected cell of the review
// workbook is written, read back and compared: the writer writes this text
// and seals it, the reader applies the same function to what it reads. It
// keeps every character a spreadsheet keeps (spaces at either end or doubled,
// tabs, non-breaking spaces, leading zeros, « = » first, emoji) and folds
// only what a spreadsheet program may legitimately change on save:
//   - line breaks: CR LF and a lone CR become LF (XML readers and
//     LibreOffice normalise them);
//   - characters XML 1.0 cannot carry (C0 controls but tab and line feed,
//     U+FFFE, U+FFFF, invalid UTF-8) are dropped: writers replace or drop
//     them, each in its own way;
//   - Unicode is NFC (a program may compose what was decomposed);
//   - text past ReviewMaxCellUnits is cut, as every writer cuts it.
//
// Whether the text sits in a shared or an inline string, or a number is
// stored as text or as a number, does not reach this function: the reader
// takes every cell's raw text. ReviewCellText is idempotent.
func ReviewCellText(s string) string {
	if cleanCell(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r < 0x20 && r != '\t' && r != '\n', r == 0xFFFE, r == 0xFFFF:
			return -1
		}
		return r
	}, s)
	s = norm.NFC.String(s)
	return cutUTF16(s, ReviewMaxCellUnits)
}

// cleanCell reports whether s is already canonical on the fast path: short
// printable ASCII, as most cells are.
func cleanCell(s string) bool {
	if len(s) > ReviewMaxCellUnits {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || (c < 0x20 && c != '\t' && c != '\n') {
			return false
		}
	}
	return true
}

// cutUTF16 cuts s after max UTF-16 code units, never inside a character.
func cutUTF16(s string, max int) string {
	units := 0
	for i, r := range s {
		n := 1
		if r > 0xFFFF {
			n = 2
		}
		if units+n > max {
			return s[:i]
		}
		units += n
	}
	return s
}
