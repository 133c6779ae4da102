package dossier

import (
	"regexp"
	"strings"

	"habilitations/extract/pdftext"
	"habilitations/model"
)

// line is one cleaned line of the document: its cells (NFKC, single spaces,
// empty cells kept), the cells joined by one space, and its comparison key.
type line struct {
	cells []string
	text  string // non-empty cells joined by " "
	fold  string // model.Fold(text)
	page  int
}

// filled returns the non-empty cells of l.
func (l line) filled() []string {
	var out []string
	for _, c := range l.cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

var (
	rePageNumber = regexp.MustCompile(`^(?:page\s*)?\d{1,3}\s*(?:/|sur|de)\s*\d{1,3}$|^page\s*\d{1,3}$|^-?\s*\d{1,3}\s*-?$`)
	reDigits     = regexp.MustCompile(`\d+`)
)

// lines flattens doc into cleaned lines, dropping blank lines, page numbers
// and the running headers and footers the text layer may have left: a line
// that opens or closes most pages is furniture, not content.
func lines(doc pdftext.Document) []line {
	var pages [][]line
	for i, p := range doc.Pages {
		var ls []line
		for _, l := range p.Lines {
			cl := newLine(l.Cells, i+1)
			if cl.text == "" {
				continue
			}
			ls = append(ls, cl)
		}
		pages = append(pages, ls)
	}
	furniture := repeatedEdges(pages)
	var out []line
	for _, ls := range pages {
		for j, l := range ls {
			edge := j < edgeLines || j >= len(ls)-edgeLines
			if edge && (rePageNumber.MatchString(l.fold) || furniture[edgeKey(l)] && !protected(l)) {
				continue
			}
			out = append(out, l)
		}
	}
	return out
}

// newLine cleans the cells of one text line.
func newLine(cells []string, page int) line {
	l := line{page: page, cells: make([]string, len(cells))}
	var parts []string
	for i, c := range cells {
		c = mendWords(model.CleanText(c))
		l.cells[i] = c
		if c != "" {
			parts = append(parts, c)
		}
	}
	l.text = strings.Join(parts, " ")
	l.fold = fold(l.text)
	return l
}

// fold is model.Fold with a fast path for the ASCII and Latin letters of
// French documents in single-spaced text; any other rune or spacing takes
// model.Fold itself. TestFoldAgrees and FuzzParse check both agree.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prevSpace := true
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return model.Fold(s)
			}
			prevSpace = true
			b.WriteByte(' ')
			continue
		case r < 0x80:
			if r < ' ' || r == 0x7f {
				return model.Fold(s)
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case latinFold[r] != "":
			b.WriteString(latinFold[r])
		default:
			return model.Fold(s)
		}
		prevSpace = false
	}
	if prevSpace && len(s) > 0 {
		return model.Fold(s)
	}
	return b.String()
}

// foldLen is the number of runes r folds to.
func foldLen(r rune) int {
	if r < 0x80 {
		return 1
	}
	if f, ok := latinFold[r]; ok {
		return len([]rune(f))
	}
	return max(len([]rune(model.Fold(string(r)))), 1)
}

// latinFold maps the accented letters and typographic marks of French text
// to their folded form, as model.Fold does.
var latinFold = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'á': "a", 'ã': "a", 'å': "a", 'À': "a", 'Â': "a", 'Ä': "a", 'Á': "a",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'É': "e", 'È': "e", 'Ê': "e", 'Ë': "e",
	'î': "i", 'ï': "i", 'í': "i", 'ì': "i", 'Î': "i", 'Ï': "i", 'Í': "i",
	'ô': "o", 'ö': "o", 'ó': "o", 'ò': "o", 'õ': "o", 'Ô': "o", 'Ö': "o", 'Ó': "o",
	'ù': "u", 'û': "u", 'ü': "u", 'ú': "u", 'Ù': "u", 'Û': "u", 'Ü': "u", 'Ú': "u",
	'ç': "c", 'Ç': "c", 'ÿ': "y", 'ñ': "n", 'Ñ': "n",
	'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae",
	'’': "'", '‘': "'", 'ʼ': "'", '´': "'",
	'–': "-", '—': "-", '‑': "-", '‐': "-", '−': "-",
	'«': "«", '»': "»", '°': "°", 'º': "º", '€': "€", '…': "…", '•': "•", '²': "²",
}

// edgeLines is how many lines at the top and at the bottom of a page may be
// running headers or footers.
const edgeLines = 2

// edgeKey identifies a header or footer across pages: page numbers vary.
func edgeKey(l line) string { return reDigits.ReplaceAllString(l.fold, "#") }

// repeatedEdges returns the keys of lines found at the edge of at least half
// of the pages (and at least three pages).
func repeatedEdges(pages [][]line) map[string]bool {
	count := map[string]int{}
	for _, ls := range pages {
		seen := map[string]bool{}
		for j, l := range ls {
			if j < edgeLines || j >= len(ls)-edgeLines {
				k := edgeKey(l)
				if !seen[k] {
					seen[k] = true
					count[k]++
				}
			}
		}
	}
	out := map[string]bool{}
	for k, n := range count {
		if n >= 3 && 2*n >= len(pages) {
			out[k] = true
		}
	}
	return out
}

// protected reports whether l carries content the parser needs even when it
// repeats at page edges (each bulletin ends with its own « Fait à » block).
// A bulletin heading's wrapped lines repeat too when every bulletin opens a
// page.
func protected(l line) bool {
	f := l.fold
	return strings.HasPrefix(f, "fait a ") || strings.HasPrefix(f, "fait le ") || strings.HasPrefix(f, "annexe ") ||
		strings.HasPrefix(f, "pour ") || reQuotaRow.MatchString(f) ||
		strings.Contains(f, "bulletin") || strings.Contains(f, "adhesion") || strings.Contains(f, "(cdap)") ||
		strings.Contains(f, "allocataire") || strings.Contains(f, "profils") || strings.Contains(f, "nombre d'utilisateurs")
}

// isTOC reports whether l is an entry of a table of contents: dot leaders or
// a trailing page-number cell.
func isTOC(l line) bool {
	if strings.Contains(l.text, "....") || strings.Contains(l.text, "…") {
		return true
	}
	f := l.filled()
	if len(f) >= 2 && reSmallNumber.MatchString(f[len(f)-1]) {
		return true
	}
	return reTOCTail.MatchString(l.text)
}

var (
	reSmallNumber = regexp.MustCompile(`^\d{1,3}$`)
	reTOCTail     = regexp.MustCompile(`\D\s\d{1,2}$`)
)
