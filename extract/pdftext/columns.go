package pdftext

import (
	"math"
	"regexp"
	"strings"
)

// alignColumns places the lone cell of a line under the column it starts in
// when a neighbouring line of an unruled two-column block (signature blocks:
// « Pour la Caf … » | « Pour le partenaire … ») has a cell starting at the
// same x: the line gets empty cells before it, so that
// « La Vice-Présidente … » reads as the right-hand column it is.
func alignColumns(lines []*tline) {
	for i, l := range lines {
		if l.cols != nil || len(l.cells) != 1 {
			continue
		}
		for _, j := range []int{i - 1, i + 1, i - 2} {
			if j < 0 || j >= len(lines) || j == i {
				continue
			}
			n := lines[j]
			if n.cols != nil || len(n.cells) < 2 || math.Abs(n.y-l.y) > 3*l.size {
				continue
			}
			if k := startsAt(n.cells, l.cells[0].x0); k > 0 {
				cells := make([]tcell, k+1)
				cells[k] = l.cells[0]
				l.cells = cells
				break
			}
		}
	}
}

// startsAt is the index of the cell starting at x (within 4 pt), or -1.
func startsAt(cells []tcell, x float64) int {
	for k, c := range cells {
		if math.Abs(c.x0-x) <= 4 {
			return k
		}
	}
	return -1
}

// leader matches a table-of-contents entry: title, dot leader, page.
var leader = regexp.MustCompile(`^(.*?)\s*(?:\.\s?){4,}\s*(\d{1,4})$`)

// splitLeaders makes « Article 1 – Objet ........ 2 » two cells, as when the
// producer draws the entry with a tab instead of dots.
func splitLeaders(lines []*tline) {
	for _, l := range lines {
		if l.cols != nil || len(l.cells) != 1 || !strings.Contains(l.cells[0].text, "....") {
			continue
		}
		m := leader.FindStringSubmatch(l.cells[0].text)
		if m == nil || m[1] == "" {
			continue
		}
		c := l.cells[0]
		l.cells = []tcell{{x0: c.x0, x1: c.x1, text: m[1]}, {x0: c.x1, x1: c.x1, text: m[2]}}
	}
}
