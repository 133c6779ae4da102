package breach

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"habilitations/model"
)

// writeJSON writes findings.json exactly as records.md §4 (findings sorted).
func writeJSON(path string, asOf model.Date, fs []model.Finding) error {
	doc := model.Findings{AsOf: asOf, Findings: append([]model.Finding{}, fs...)}
	model.SortFindings(doc.Findings)
	return writeFile(path, func(w io.Writer) error { return WriteFindingsJSON(w, doc) })
}

// WriteFindingsJSON writes doc as the findings JSON of records.md §4,
// indented by two spaces, HTML characters unescaped: the bytes of a
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false). It
// encodes one finding at a time, so that a hundred thousand findings do not
// need their whole document in memory twice (encoded, then indented).
func WriteFindingsJSON(w io.Writer, doc model.Findings) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var one, ind bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc.AsOf); err != nil {
		return err
	}
	bw.WriteString("{\n  \"as_of\": ")
	bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	if doc.Findings == nil {
		bw.WriteString(",\n  \"findings\": null\n}\n")
		return bw.Flush()
	}
	bw.WriteString(",\n  \"findings\": [")
	for i := range doc.Findings {
		one.Reset()
		ind.Reset()
		if err := enc.Encode(&doc.Findings[i]); err != nil {
			return err
		}
		if err := json.Indent(&ind, bytes.TrimSuffix(one.Bytes(), []byte("\n")), "    ", "  "); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(ind.Bytes())
	}
	if len(doc.Findings) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}
