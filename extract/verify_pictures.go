package extract

import (
	"image"
	"strings"

	"habilitations/model"
)

// pictures crops, for each value to verify that has a box, the region of
// the page image it was read from (the verification workbook shows it). A
// page whose image cannot be read leaves its values without a picture: the
// workbook then sends the person to the page.
func (sc scanned) pictures(vs []model.ToVerify) []model.ToVerify {
	byPage := map[int][]int{}
	for i, v := range vs {
		if v.Box != nil {
			byPage[v.Page] = append(byPage[v.Page], i)
		}
	}
	for _, p := range sc.pages {
		idx := byPage[p.Number]
		if len(idx) == 0 || p.Image == "" {
			continue
		}
		rs := make([]image.Rectangle, len(idx))
		for k, i := range idx {
			b := vs[i].Box
			rs[k] = image.Rect(b.Left, b.Top, b.Left+b.Width, b.Top+b.Height)
			if strings.Contains(vs[i].Field, ".quotas.") {
				// A quota is a row of its table: its code at the left,
				// its number (or a blank cell) in the next column, about
				// half a page to the right.
				rs[k].Max.X = min(b.ImageWidth, b.Left+b.ImageWidth/2)
			}
		}
		crops, err := p.Crops(rs)
		if err != nil {
			continue
		}
		for k, i := range idx {
			vs[i].Picture = crops[k]
		}
	}
	return vs
}
