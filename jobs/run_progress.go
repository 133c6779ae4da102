package jobs

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"

	"habilitations/model"
)

// progressExtractor counts the PDFs read for the progress bar: the ingest
// step calls the extractor once per new PDF, after the cheap checks
// (settle, duplicates), so the bar advances on the slow work only.
type progressExtractor struct {
	x Extractor
	p Progress
}

func (e progressExtractor) Extract(ctx context.Context, name string, data []byte) (model.Record, error) {
	defer e.p.Add(1)
	return e.x.Extract(ctx, name, data)
}

// countPDFs counts the files of the inbox that look like PDFs: the total of
// the ingest progress bar (an estimate: duplicates are not read).
func countPDFs(root string) int {
	n := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.EqualFold(filepath.Ext(p), ".pdf") && !ignoredName(d.Name()) {
			n++
		}
		return nil
	})
	return n
}
