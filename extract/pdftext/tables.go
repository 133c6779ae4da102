package pdftext

// dropRepeatedHeaders removes the header row a table repeats at the top of
// the next page when it is split over a page break, so that the rows read on
// as one table. It returns the removed lines.
func dropRepeatedHeaders(bodies [][]*tline) map[*tline]bool {
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
