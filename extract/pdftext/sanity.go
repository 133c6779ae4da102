package pdftext

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"habilitations/model"
)

// The PDF library sizes some tables from numbers in the file before reading
// them: a cross-reference table from its first object number or /Size, a
// row buffer from /W or /Columns. A few bytes (« xref 1999999994 6 ») then
// make it allocate tens of gigabytes, and the Go runtime's out-of-memory is
// fatal, not a panic that can be recovered. These numbers sit in
// dictionaries that are never compressed (trailers, cross-reference streams,
// stream dictionaries), so a byte scan finds them before the library runs.
const (
	maxObjects = 4 << 20 // object numbers (a dossier has a few hundred)
	maxWidth   = 8       // bytes of a cross-reference stream field
	maxColumns = 1 << 20 // bytes of a predictor row
)

var (
	sizeKey    = regexp.MustCompile(`/(?:Size|N)[\t \r\n]+(\d+)`)
	indexKey   = regexp.MustCompile(`/Index[\t \r\n]*\[([\d\t \r\n]*)\]`)
	wKey       = regexp.MustCompile(`/W[\t \r\n]*\[([\d\t \r\n]*)\]`)
	columnsKey = regexp.MustCompile(`/Columns[\t \r\n]*(\d+)`)
	xrefTable  = regexp.MustCompile(`(?:^|[\r\n\t ])xref[\t \r\n]+`)
)

// checkSanity refuses a file whose cross-reference numbers would make the
// library allocate without bound, or loop on an object stream's /N.
func checkSanity(data []byte) error {
	bad := func(what string, n uint64) error {
		return fmt.Errorf("%s %d out of bounds: %w", what, n, model.ErrCorrupt)
	}
	for _, m := range sizeKey.FindAllSubmatch(data, -1) {
		if n := parseUint(m[1]); n > maxObjects {
			return bad("/Size or object stream /N", n)
		}
	}
	for _, m := range indexKey.FindAllSubmatch(data, -1) {
		f := bytes.Fields(m[1])
		for i := 0; i+1 < len(f); i += 2 {
			if n := parseUint(f[i]) + parseUint(f[i+1]); n > maxObjects {
				return bad("/Index", n)
			}
		}
	}
	for _, m := range wKey.FindAllSubmatch(data, -1) {
		for _, f := range bytes.Fields(m[1]) {
			if n := parseUint(f); n > maxWidth {
				return bad("/W field", n)
			}
		}
	}
	for _, m := range columnsKey.FindAllSubmatch(data, -1) {
		if n := parseUint(m[1]); n > maxColumns {
			return bad("/Columns", n)
		}
	}
	for _, loc := range xrefTable.FindAllIndex(data, -1) {
		if n := maxSubsection(data[loc[1]:]); n > maxObjects {
			return bad("cross-reference object number", n)
		}
	}
	return nil
}

// maxSubsection reads the subsections of a cross-reference table (« start
// count » then count entries of three tokens) and returns the largest
// start + count.
func maxSubsection(b []byte) uint64 {
	var top uint64
	pos := 0
	token := func() []byte {
		for pos < len(b) && isWhite(b[pos]) {
			pos++
		}
		start := pos
		for pos < len(b) && !isWhite(b[pos]) {
			pos++
		}
		return b[start:pos]
	}
	for {
		start, count := token(), token()
		if !isDigits(start) || !isDigits(count) {
			return top
		}
		n := parseUint(start) + parseUint(count)
		top = max(top, n)
		if n > maxObjects {
			return top
		}
		for i := uint64(0); i < 3*parseUint(count) && pos < len(b); i++ {
			token()
		}
	}
}

func isDigits(b []byte) bool {
	if len(b) == 0 || len(b) > 19 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// parseUint parses a run of digits, saturating (a number too long to parse
// is out of bounds anyway).
func parseUint(b []byte) uint64 {
	n, err := strconv.ParseUint(string(b), 10, 64)
	if err != nil {
		return 1 << 63
	}
	return n
}
