package breach

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"iter"

	"habilitations/model"
)

// writeJSON writes findings.json exactly as records.md §4, the findings
// in the order fs yields them (model.SortFindings').
func writeJSON(path string, asOf model.Date, fs iter.Seq2[model.Finding, error]) error {
	return writeFile(path, func(w io.Writer) error { return WriteFindingsJSONSeq(w, asOf, fs) })
}

// WriteFindingsJSON writes doc as the findings JSON of records.md §4,
// indented by two spaces, HTML characters unescaped: the bytes of a
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false). It
// encodes one finding at a time, so that a hundred thousand findings do not
// need their whole document in memory twice (encoded, then indented).
func WriteFindingsJSON(w io.Writer, doc model.Findings) error {
	if doc.Findings == nil {
		return writeFindingsJSON(w, doc.AsOf, nil)
	}
	return writeFindingsJSON(w, doc.AsOf, func(yield func(model.Finding, error) bool) {
		for _, f := range doc.Findings {
			if !yield(f, nil) {
				return
			}
		}
	})
}

// WriteFindingsJSONSeq writes the findings JSON of records.md §4 of the
// findings fs yields, in that order, byte for byte what WriteFindingsJSON
// writes of them in a slice (never « null »): a caller that produces
// findings convention by convention (Spool.All) needs none in memory. The
// sequence's error stops the writing and is returned.
func WriteFindingsJSONSeq(w io.Writer, asOf model.Date, fs iter.Seq2[model.Finding, error]) error {
	if fs == nil {
		fs = func(func(model.Finding, error) bool) {}
	}
	return writeFindingsJSON(w, asOf, fs)
}

// errShortSequence: a sequence ended before the count announced for it.
var errShortSequence = errors.New("findings ended before their count")

func writeFindingsJSON(w io.Writer, asOf model.Date, fs iter.Seq2[model.Finding, error]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := writeJSONHead(bw, asOf); err != nil {
		return err
	}
	if fs == nil {
		bw.WriteString("null\n}\n")
		return bw.Flush()
	}
	bw.WriteByte('[')
	n := 0
	var buf []byte
	for f, err := range fs {
		if err != nil {
			return err
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		bw.WriteString("\n    ")
		buf = appendFindingIndented(buf[:0], &f)
		bw.Write(buf)
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// writeJSONHead writes the findings JSON up to the value of "findings"
// (the list's opening bracket, or null).
func writeJSONHead(bw *bufio.Writer, asOf model.Date) error {
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(asOf); err != nil {
		return err
	}
	bw.WriteString("{\n  \"as_of\": ")
	bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	bw.WriteString(",\n  \"findings\": ")
	return nil
}
