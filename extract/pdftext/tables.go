package pdftext

// joinPageBreaks reads a table split over a page break as one table: the
// header row a table repeats at the top of the next page is removed, and a
// row cut by the break (its continuation starts the next page with an empty
// first cell, where every real row has its label) is joined back to its
// first part. It returns the lines removed from the pages.
func joinPageBreaks(bodies [][]*tline) map[*tline]bool {
	removed := map[*tline]bool{}
	for i := 1; i < len(bodies); i++ {
		prev, cur := bodies[i-1], bodies[i]
		if len(prev) == 0 || len(cur) == 0 {
			continue
		}
		last, first := prev[len(prev)-1], cur[0]
		if !sameCols(last.cols, first.cols) {
			continue
		}
		head := len(prev) - 1
		for head > 0 && sameCols(prev[head-1].cols, last.cols) {
			head--
		}
		if head < len(prev)-1 && sameText(prev[head], first) {
			removed[first] = true
			cur = cur[1:]
			bodies[i] = cur
		}
		if len(cur) == 0 || !sameCols(last.cols, cur[0].cols) || len(last.cells) != len(cur[0].cells) {
			continue
		}
		if next := cur[0]; next.cells[0].text == "" && last.cells[0].text != "" {
			for k := range last.cells {
				last.cells[k].text = joinWrapped(last.cells[k].text, next.cells[k].text)
			}
			bodies[i] = cur[1:]
		}
	}
	return removed
}

func sameText(a, b *tline) bool {
	if len(a.cells) != len(b.cells) {
		return false
	}
	for i := range a.cells {
		if a.cells[i].text != b.cells[i].text {
			return false
		}
	}
	return true
}
