package pdftext

// layoutPage rebuilds the lines of one page from its glyphs and rules: lines
// top to bottom, words, cells, and table rows joined across wrapped lines.
func layoutPage(pc pageContent) []*tline {
	var hrules, vrules []rule
	for _, r := range pc.rules {
		switch {
		case r.vertical() && !r.fillEdge:
			vrules = append(vrules, r)
		case r.horizontal():
			hrules = append(hrules, r)
		}
	}
	lines := groupLines(pc.glyphs)
	for _, l := range lines {
		l.cols = tableCols(l, vrules)
		if l.cols != nil {
			l.band = rowBand(l, hrules)
		}
		buildCells(l)
	}
	lines = mergeRows(dropEmpty(lines))
	splitLeaders(lines)
	alignColumns(lines)
	return lines
}

func dropEmpty(lines []*tline) []*tline {
	out := lines[:0]
	for _, l := range lines {
		for _, c := range l.cells {
			if c.text != "" {
				out = append(out, l)
				break
			}
		}
	}
	return out
}
