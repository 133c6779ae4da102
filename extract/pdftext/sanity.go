package pdftext

import (
	"bytes"
	"fmt"
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

// checkSanity refuses a file whose cross-reference numbers would make the
// library allocate without bound, or loop on an object stream's /N. The
// keys are found with bytes.Index (a regular expression per key made this
// scan cost a third of the extraction).
func checkSanity(data []byte) error {
	bad := func(what string, n uint64) error {
		return fmt.Errorf("%s %d out of bounds: %w", what, n, model.ErrCorrupt)
	}
	for _, k := range []struct {
		key   string
		limit uint64
	}{{"/Size", maxObjects}, {"/N", maxObjects}, {"/Columns", maxColumns}} {
		for _, rest := range after(data, k.key) {
			if n, ok := leadingUint(rest); ok && n > k.limit {
				return bad(k.key, n)
			}
		}
	}
	for _, rest := range after(data, "/Index") {
		f := bracketFields(rest)
		for i := 0; i+1 < len(f); i += 2 {
			if n := parseUint(f[i]) + parseUint(f[i+1]); n > maxObjects {
				return bad("/Index", n)
			}
		}
	}
	for _, rest := range after(data, "/W") {
		if !inXRefDict(data, len(data)-len(rest)) {
			continue // a font's /W: widths, not field sizes
		}
		for _, f := range bracketFields(rest) {
			if n := parseUint(f); n > maxWidth {
				return bad("/W field", n)
			}
		}
	}
	for _, rest := range after(data, "xref") {
		if n := maxSubsection(rest); n > maxObjects {
			return bad("cross-reference object number", n)
		}
	}
	return nil
}

// after returns, for each occurrence of key followed by white space or a
// delimiter (so that /N does not match /Names), the bytes after it.
func after(data []byte, key string) [][]byte {
	var out [][]byte
	k := []byte(key)
	for from := 0; ; {
		i := bytes.Index(data[from:], k)
		if i < 0 {
			return out
		}
		j := from + i + len(k)
		from = j
		if j < len(data) && (isWhite(data[j]) || isDelimiter(data[j])) {
			out = append(out, data[j:])
		}
	}
}

// inXRefDict reports whether pos lies in the dictionary of a cross-reference
// stream: /Type /XRef between the object's « obj » and its « stream ».
func inXRefDict(data []byte, pos int) bool {
	start := bytes.LastIndex(data[:pos], []byte("obj"))
	end := bytes.Index(data[pos:], []byte("stream"))
	if start < 0 || end < 0 {
		return false
	}
	return bytes.Contains(data[start:pos+end], []byte("/XRef"))
}

// leadingUint parses the unsigned integer at the start of b after white
// space; ok is false when there is none.
func leadingUint(b []byte) (uint64, bool) {
	i := 0
	for i < len(b) && isWhite(b[i]) {
		i++
	}
	j := i
	for j < len(b) && j-i < 20 && b[j] >= '0' && b[j] <= '9' {
		j++
	}
	if j == i {
		return 0, false
	}
	return parseUint(b[i:j]), true
}

// bracketFields returns the fields of the array of integers « [ … ] » at the
// start of b (after white space), or nil: a font's /W (nested arrays of
// widths) is not a cross-reference stream's /W.
func bracketFields(b []byte) [][]byte {
	b = bytes.TrimLeft(b, "\t\r\n \x00")
	if len(b) == 0 || b[0] != '[' {
		return nil
	}
	end := bytes.IndexByte(b, ']')
	if end < 0 || end > 4096 {
		return nil
	}
	f := bytes.Fields(b[1:end])
	for _, x := range f {
		if !isDigits(x) {
			return nil
		}
	}
	return f
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
