package ocr

import (
	"strconv"
	"strings"
)

// Word is one word Tesseract recognised, with its box in pixels of the page
// image and its confidence (0 to 1).
type Word struct {
	Page                     int // 1-based, within the recognised file
	Line                     int // Tesseract's line, unique within the page (block, paragraph, line)
	Left, Top, Width, Height int
	Conf                     float64
	Text                     string
}

// ParseTSV reads Tesseract's TSV output: its word rows (level 5) with a
// confidence. Malformed rows are skipped; it never fails.
func ParseTSV(tsv string) (words []Word, sizes map[int][2]int) {
	sizes = map[int][2]int{}
	for i, line := range strings.Split(tsv, "\n") {
		if i == 0 || line == "" {
			continue
		}
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) < 12 {
			continue
		}
		var n [10]int
		ok := true
		for j := 0; j < 10; j++ {
			v, err := strconv.Atoi(f[j])
			if err != nil {
				ok = false
				break
			}
			n[j] = v
		}
		if !ok {
			continue
		}
		switch n[0] {
		case 1: // the page: its size
			sizes[n[1]] = [2]int{n[8], n[9]}
		case 5:
			conf, err := strconv.ParseFloat(f[10], 64)
			text := strings.TrimSpace(f[11])
			if err != nil || conf < 0 || text == "" {
				continue
			}
			words = append(words, Word{Page: n[1], Line: n[2]<<20 | n[3]<<10 | n[4], Left: n[6], Top: n[7], Width: n[8],
				Height: n[9], Conf: conf / 100, Text: text})
		}
	}
	return words, sizes
}
