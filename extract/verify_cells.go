package extract

import (
	"context"
	"fmt"
	"image"
	"slices"
	"strconv"
	"strings"

	"habilitations/extract/ocr"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

// quotaBands are the bands of a quota table's ruled grid: its header, then
// one row per profile, in the closed order of model.Profiles.
var quotaBands = 1 + len(model.Profiles)

// cellDoubts reads the quota tables of the recognised pages a second time,
// cell by cell: the grid of each table is found from its rules, its rows
// are the profiles by position (T1, T2, T4, T5, T13, whatever their codes
// were read as), and each number cell is recognised with digits alone.
// A quota whose cell reads otherwise than the record holds is listed as
// ambiguous (records.md §2b: two readings disagree). A table whose grid is
// not found is left to the line reading and its own doubts.
func (x Extractor) cellDoubts(ctx context.Context, sc scanned, doc pdftext.Document, rec model.Record) []model.ToVerify {
	first, total := quotaTablesPerPage(doc)
	if x.OCR == nil || total != len(rec.Services) || total == 0 {
		return nil
	}
	var out []model.ToVerify
	for _, p := range sc.pages {
		heads := headerWords(p)
		if p.Image == "" || len(heads) == 0 {
			continue
		}
		img, err := p.PageImage()
		if err != nil {
			continue
		}
		slope := ocr.Slope(p.Words)
		var cells []image.Rectangle
		var rows []quotaCell
		for j, h := range heads {
			k := first[p.Number] + j
			g, ok := ocr.FindGrid(img, h.Left+h.Width/2, h.Top+h.Height/2, quotaBands, slope)
			if k >= len(rec.Services) || !ok || len(g.Rows) != quotaBands+1 || len(g.Cols) < 3 {
				continue
			}
			for r, prof := range model.Profiles {
				cells = append(cells, g.Cell(r+1, len(g.Cols)-2))
				row := g.Span(r+1, 0, len(g.Cols)-1)
				rows = append(rows, quotaCell{service: k, profile: prof, row: row})
			}
		}
		readings, err := x.OCR.Digits(ctx, img, cells, p.DPI)
		if err != nil {
			continue
		}
		for i, c := range rows {
			if d, ok := c.disagrees(readings[i], rec, p); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// quotaCell is one number cell of a quota table.
type quotaCell struct {
	service int
	profile model.Profile
	row     image.Rectangle // the whole row: its code and its number
}

// disagrees returns the doubt of a cell whose digits are not the record's
// quota (a blank cell is 0).
func (c quotaCell) disagrees(r ocr.CellReading, rec model.Record, p ocr.Page) (model.ToVerify, bool) {
	want := rec.Services[c.service].Quotas.Get(c.profile)
	got := 0
	if r.Text != "" {
		n, err := strconv.Atoi(r.Text)
		if err != nil {
			return model.ToVerify{}, false
		}
		got = n
	}
	if got == want {
		return model.ToVerify{}, false
	}
	return model.ToVerify{Field: fmt.Sprintf("services[%d].quotas.%s", c.service, c.profile), Value: want, Page: p.Number,
		Confidence: round2(r.Conf), Reason: model.VerifyAmbiguous,
		Box: &model.Box{Left: c.row.Min.X, Top: c.row.Min.Y, Width: c.row.Dx(), Height: c.row.Dy(), ImageWidth: p.Width, ImageHeight: p.Height}}, true
}

// quotaTablesPerPage counts the quota tables of the document by their
// header line, « Profils | Nombre d'utilisateurs autorisés »: first[n] is
// the index of the first table of page n, in document order.
func quotaTablesPerPage(doc pdftext.Document) (first map[int]int, total int) {
	first = map[int]int{}
	for _, p := range doc.Pages {
		first[p.Number] = total
		for _, l := range p.Lines {
			k := foldKey(strings.Join(l.Cells, " "))
			if strings.HasPrefix(k, "profils") && strings.Contains(k, "nombre") {
				total++
			}
		}
	}
	return first, total
}

// headerWords are the « Profils » words that open the quota tables of a
// recognised page (on the line of « Nombre d'utilisateurs autorisés »; the
// word in a sentence does not count), top to bottom.
func headerWords(p ocr.Page) []ocr.Word {
	nombre := map[int]bool{}
	for _, w := range p.Words {
		if foldKey(w.Text) == "nombre" {
			nombre[w.Line] = true
		}
	}
	var out []ocr.Word
	for _, w := range p.Words {
		if foldKey(w.Text) == "profils" && nombre[w.Line] {
			out = append(out, w)
		}
	}
	slices.SortFunc(out, func(a, b ocr.Word) int { return a.Top - b.Top })
	return out
}

// withCellDoubts adds the cell doubts to the values to verify, once per
// field: a value already listed keeps its first reason.
func withCellDoubts(vs, cells []model.ToVerify) []model.ToVerify {
	for _, c := range cells {
		if !slices.ContainsFunc(vs, func(v model.ToVerify) bool { return v.Field == c.Field }) {
			vs = append(vs, c)
		}
	}
	return vs
}
