package breach

import (
	"encoding/json"
	"io"

	"habilitations/model"
)

// writeJSON writes findings.json exactly as records.md §4 (findings sorted).
func writeJSON(path string, asOf model.Date, fs []model.Finding) error {
	doc := model.Findings{AsOf: asOf, Findings: append([]model.Finding{}, fs...)}
	model.SortFindings(doc.Findings)
	return writeFile(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(doc)
	})
}
