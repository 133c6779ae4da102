package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strings"
)

// Page furniture lives in the top and bottom margins: the outer 12 % of the
// page height.
const marginBand = 0.12

var (
	digits = regexp.MustCompile(`\d+`)
	// pageNumber matches « 3 », « 3/22 », « Page 3 / 24 », « page 3 sur 24 », « - 3 - ».
	pageNumber = regexp.MustCompile(`(?i)^(page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(\s*(/|sur|of)\s*\d{1,4})?$`)
	separator  = regexp.MustCompile(`^[_\-–—]{5,}$`)
	// pageRef is a page number within a longer margin line: only such lines
	// may differ from page to page in their digits and still be furniture.
	pageRef = regexp.MustCompile(`(?i)\d+\s*(/|sur|of)\s*\d+|page\s*\d+`)
)

func lineText(l *tline) string {
	parts := make([]string, 0, len(l.cells))
	for _, c := range l.cells {
		if c.text != "" {
			parts = append(parts, c.text)
		}
	}
	return strings.Join(parts, " ")
}

func zone(l *tline, height float64) string {
	switch {
	case l.y > height*(1-marginBand):
		return "top"
	case l.y < height*marginBand:
		return "bottom"
	}
	return ""
}

// markFurniture finds, on each page, the margin lines that repeat on at least
// half of the pages at the same height (digits ignored in lines that hold a
// page number, so « Convention n° 12/2021 – page 3 / 24 » repeats), and lone
// page numbers in the margins.
func markFurniture(pages []rawPage) []map[*tline]bool {
	type occ struct {
		page int
		y    float64
		l    *tline
	}
	seen := map[string][]occ{}
	out := make([]map[*tline]bool, len(pages))
	for i, p := range pages {
		out[i] = map[*tline]bool{}
		for _, l := range p.lines {
			z := zone(l, p.height)
			if z == "" {
				continue
			}
			t := lineText(l)
			if pageNumber.MatchString(t) {
				out[i][l] = true
				continue
			}
			key := z + "|" + t
			if pageRef.MatchString(t) {
				key = z + "|" + digits.ReplaceAllString(t, "#")
			}
			seen[key] = append(seen[key], occ{i, l.y, l})
		}
	}
	need := int(math.Ceil(float64(len(pages)) / 2))
	if need < 2 {
		need = 2
	}
	for _, occs := range seen {
		if len(occs) < need {
			continue
		}
		ys := make([]float64, len(occs))
		for i, o := range occs {
			ys[i] = o.y
		}
		sort.Float64s(ys)
		med := ys[len(ys)/2]
		pagesAt := map[int]bool{}
		for _, o := range occs {
			if math.Abs(o.y-med) <= 4 {
				pagesAt[o.page] = true
			}
		}
		if len(pagesAt) < need {
			continue
		}
		for _, o := range occs {
			if math.Abs(o.y-med) <= 4 {
				out[o.page][o.l] = true
			}
		}
	}
	return out
}

// dropFootnotes removes the footnote area at the foot of a page: a separator
// line of underscores or dashes followed by lines in a smaller font than the
// page's body text.
func dropFootnotes(lines []*tline, furniture map[*tline]bool) []*tline {
	body := bodySize(lines, furniture)
	for i, l := range lines {
		if furniture[l] || !separator.MatchString(lineText(l)) {
			continue
		}
		var rest []*tline
		small := 0
		for _, m := range lines[i+1:] {
			if furniture[m] {
				rest = append(rest, m)
				continue
			}
			if m.size < 0.95*body {
				small++
				continue
			}
			rest = append(rest, m)
		}
		if small == 0 {
			continue
		}
		return append(append([]*tline(nil), lines[:i]...), rest...)
	}
	return lines
}

// bodySize is the median font size of the page's body lines.
func bodySize(lines []*tline, furniture map[*tline]bool) float64 {
	var s []float64
	for _, l := range lines {
		if !furniture[l] {
			s = append(s, l.size)
		}
	}
	if len(s) == 0 {
		return 0
	}
	sort.Float64s(s)
	return s[len(s)/2]
}
