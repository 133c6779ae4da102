package forms

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxText bounds one printed value: fpdf wraps an unbroken word in quadratic
// time, and no real value (the longest are boilerplate paragraphs) nears it.
const maxText = 1500

// printable makes s safe for fpdf's UTF-8 fonts, which accept only the Basic
// Multilingual Plane: invalid bytes and characters beyond it (emoji…) become
// U+FFFD, control characters (tabs, line breaks) a space, and a value longer
// than maxText runes is cut with « … ». Values come from parsed PDFs and
// exports, so anything may be there.
func printable(s string) string {
	if utf8.RuneCountInString(s) > maxText {
		s = string([]rune(s)[:maxText]) + "…"
	}
	ok := true
	for _, r := range s {
		if r == utf8.RuneError || r > 0xFFFF || unicode.IsControl(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case r == utf8.RuneError || r > 0xFFFF:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func printables(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = printable(s)
	}
	return out
}

// printableBlock cleans every text of b.
func printableBlock(b Block) Block {
	b.Text, b.Page, b.Value = printable(b.Text), printable(b.Page), printable(b.Value)
	b.Header, b.Left, b.Right = printables(b.Header), printables(b.Left), printables(b.Right)
	b.LeftValues, b.RightValues = printables(b.LeftValues), printables(b.RightValues)
	if b.Rows != nil {
		rows := make([][]string, len(b.Rows))
		for i, r := range b.Rows {
			rows[i] = printables(r)
		}
		b.Rows = rows
	}
	return b
}
