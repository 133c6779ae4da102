package pdftext

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"habilitations/model"
)

// The library parses the objects of an object stream with end of data
// allowed, and its hex string reader then spins forever on a string left
// open at the end (it reads the end as endless white space, without reading
// anything the guard sees). checkObjectStreams finds such streams before the
// library runs, so that in-process extraction does not leave a goroutine
// spinning behind its watchdog. Object streams with /DecodeParms (a
// predictor, unusual for them) are not decoded here: the watchdog and the
// worker kill still cover them.

var (
	streamKeyword = regexp.MustCompile(`stream\r?\n`)
	filterKey     = regexp.MustCompile(`/Filter[\t \r\n]*(\[[^\]]*\]|/[A-Za-z0-9]+)`)
	filterName    = regexp.MustCompile(`/[A-Za-z0-9]+`)
)

// maxObjStmBytes bounds the decoded size of one object stream checked.
const maxObjStmBytes = 16 << 20

func checkObjectStreams(data []byte) error {
	for from := 0; ; {
		i := bytes.Index(data[from:], []byte("/ObjStm"))
		if i < 0 {
			return nil
		}
		i += from
		from = i + len("/ObjStm")
		head := bytes.LastIndex(data[:i], []byte("obj"))
		loc := streamKeyword.FindIndex(data[i:])
		if head < 0 || loc == nil {
			continue
		}
		dict := data[head : i+loc[0]]
		if bytes.Contains(dict, []byte("/DecodeParms")) {
			continue
		}
		// The library cuts the stream at its /Length; a damaged file's
		// endstream may be lost, the next one found being another
		// stream's. Either end may leave a hex string open: both are read.
		body := data[i+loc[1]:]
		ends := []int{}
		if end := bytes.Index(body, []byte("endstream")); end >= 0 {
			ends = append(ends, end)
		} else {
			ends = append(ends, len(body))
		}
		if n, ok := directLength(dict); ok && n < len(body) && n != ends[0] {
			ends = append(ends, n)
		}
		for _, end := range ends {
			if decoded, ok := decodeObjStm(dict, body[:end]); ok && openHexString(decoded) {
				return fmt.Errorf("object stream ends inside a hex string: %w", model.ErrCorrupt)
			}
		}
	}
}

// lengthKey is a stream's /Length given directly (an indirect « n 0 R »
// does not match: the digits must not be followed by a generation and R).
var lengthKey = regexp.MustCompile(`/Length[\t \r\n]+([0-9]+)([\t \r\n]+[0-9]+[\t \r\n]+R)?`)

// directLength returns the /Length of a stream dictionary when it is a
// number written in it.
func directLength(dict []byte) (int, bool) {
	m := lengthKey.FindSubmatch(dict)
	if m == nil || m[2] != nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(m[1]))
	if err != nil {
		return 0, false
	}
	return n, true
}

// decodeObjStm applies the stream's filters (Flate and ASCII85, the ones the
// library knows); ok is false for a filter it cannot apply.
func decodeObjStm(dict, body []byte) ([]byte, bool) {
	var r io.Reader = bytes.NewReader(body)
	if m := filterKey.FindSubmatch(dict); m != nil {
		for _, f := range filterName.FindAll(m[1], -1) {
			switch string(f) {
			case "/FlateDecode":
				zr, err := zlib.NewReader(r)
				if err != nil {
					return nil, false
				}
				r = zr
			case "/ASCII85Decode":
				r = ascii85.NewDecoder(r)
			default:
				return nil, false
			}
		}
	}
	out, _ := io.ReadAll(io.LimitReader(r, maxObjStmBytes))
	return out, true
}

// openHexString reports whether b ends inside a hex string « <… » (literal
// strings and comments skipped).
func openHexString(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case '(':
			depth := 1
			for i++; i < len(b) && depth > 0; i++ {
				switch b[i] {
				case '\\':
					i++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			i--
		case '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i++
				continue
			}
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return true
			}
			i += j
		}
	}
	return false
}
