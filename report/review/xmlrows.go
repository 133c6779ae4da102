package review

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"habilitations/model"
)

// rowEncoder writes SpreadsheetML rows the way excelize's StreamWriter does
// (same elements, attributes and escaping: inline strings, numbers, styled
// empty cells), without holding them: see streamZip for why. A test checks
// that its rows are byte for byte those of excelize.
type rowEncoder struct {
	w   *bufio.Writer
	row []byte // the current row number, in digits
	num []byte // scratch for numbers
}

func newRowEncoder(w io.Writer) *rowEncoder {
	return &rowEncoder{w: bufio.NewWriterSize(w, 64<<10)}
}

// raw writes XML as is.
func (e *rowEncoder) raw(b []byte) { e.w.Write(b) }

// flush ends the writing and returns the first write error.
func (e *rowEncoder) flush() error { return e.w.Flush() }

// check returns ctx's error or the first write error, so that a long sheet
// stops early (the row loops call it every few thousand rows).
func (e *rowEncoder) check(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := e.w.Write(nil) // bufio.Writer returns its sticky error
	return err
}

// startRow opens row r (1-based) with a fixed height in points.
func (e *rowEncoder) startRow(r int, height float64) {
	e.row = strconv.AppendInt(e.row[:0], int64(r), 10)
	e.w.WriteString(`<row r="`)
	e.w.Write(e.row)
	e.w.WriteString(`" ht="`)
	e.num = strconv.AppendFloat(e.num[:0], height, 'f', -1, 64)
	e.w.Write(e.num)
	e.w.WriteString(`" customHeight="1">`)
}

func (e *rowEncoder) endRow() { e.w.WriteString(`</row>`) }

// open writes the start of cell col (0-based) of the current row.
func (e *rowEncoder) open(col, style int) {
	e.w.WriteString(`<c r="`)
	e.w.WriteString(colLetters[col])
	e.w.Write(e.row)
	if style != 0 {
		e.w.WriteString(`" s="`)
		e.num = strconv.AppendInt(e.num[:0], int64(style), 10)
		e.w.Write(e.num)
	}
	e.w.WriteByte('"')
}

// blank writes a styled cell without a value (the reviewer's cells).
func (e *rowEncoder) blank(col, style int) {
	e.open(col, style)
	e.w.WriteString(`></c>`)
}

// text writes an inline string cell, as excelize does: cut to the 32,767
// characters a cell holds, xml:space="preserve" when it starts or ends with
// white space, XML-escaped (characters XML cannot hold become U+FFFD, new
// lines stay as they are), and « _xHHHH_ » escaped so that Excel does not
// decode it.
func (e *rowEncoder) text(col, style int, s string) {
	e.open(col, style)
	e.w.WriteString(` t="inlineStr"><is><t`)
	if len(s) > maxCellChars {
		s = truncateUTF16(s, maxCellChars)
	}
	if s != "" && (isSpace(s[0]) || isSpace(s[len(s)-1])) {
		e.w.WriteString(` xml:space="preserve"`)
	}
	e.w.WriteByte('>')
	if strings.Contains(s, "_x") {
		s = escapeBstr(s)
	}
	e.escape(s)
	e.w.WriteString(`</t></is></c>`)
}

// date writes a date as Excel's serial day number (the style gives its
// format), or as text before 1 March 1900, where Excel's calendar is wrong.
func (e *rowEncoder) date(col, style int, d model.Date) {
	days := d.Time().Unix() / 86400
	serial := days + excelEpochOffset
	if serial < 61 {
		e.text(col, style, d.String())
		return
	}
	e.open(col, style)
	e.w.WriteString(`><v>`)
	e.num = strconv.AppendInt(e.num[:0], serial, 10)
	e.w.Write(e.num)
	e.w.WriteString(`</v></c>`)
}

// excelEpochOffset is the serial number of 1970-01-01 (Excel counts days
// from 1899-12-30 for dates from 1 March 1900).
var excelEpochOffset = int64(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)

// maxCellChars is the number of UTF-16 units a cell holds.
const maxCellChars = 32767

// escapeBstr escapes, as excelize does, each « _xHHHH_ » in s, which Excel
// would read as the character U+HHHH: its underscore becomes « _x005F_ ».
// Overlapping ones count (« _x005F_x0041_ » has two). Unlike excelize,
// which drops « _xD83D_ » (a lone surrogate), every one is kept.
func escapeBstr(s string) string {
	var b strings.Builder
	last := 0
	for i := 0; i+7 <= len(s); i++ {
		if s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex(s[i+2:i+6]) {
			b.WriteString(s[last:i])
			b.WriteString("_x005F")
			last = i
		}
	}
	if last == 0 && b.Len() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// escape writes s as XML text as encoding/xml.EscapeText does, except for
// new lines (kept, as excelize keeps them).
func (e *rowEncoder) escape(s string) {
	last := 0
	for i := 0; i < len(s); {
		r, width := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, width = utf8.DecodeRuneInString(s[i:])
		}
		var esc string
		switch {
		case r == '"':
			esc = "&#34;"
		case r == '\'':
			esc = "&#39;"
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '\t':
			esc = "&#x9;"
		case r == '\r':
			esc = "&#xD;"
		case r == '\n':
		case !xmlChar(r) || (r == utf8.RuneError && width == 1):
			esc = "\uFFFD"
		}
		if esc != "" {
			e.w.WriteString(s[last:i])
			e.w.WriteString(esc)
			last = i + width
		}
		i += width
	}
	e.w.WriteString(s[last:])
}

// xmlChar reports whether XML 1.0 allows r in text.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// truncateUTF16 cuts s to n UTF-16 units, at a character boundary.
func truncateUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > n {
			return s[:i]
		}
	}
	return s
}

// colLetters are the names of the columns the encoder writes.
var colLetters = func() []string {
	out := make([]string, 26)
	for i := range out {
		out[i] = string(rune('A' + i))
	}
	return out
}()
