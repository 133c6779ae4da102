package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"habilitations/extract/ocr"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

// stream is a document's text in reading order as one key string, letters
// and digits only, folded (lower case, no accents), with, for each byte of
// the key, the token it came from: recognised words carry their confidence
// and box, text-layer words are certain. A value is found in it by its own
// key, whatever spaces, rules (« | ») or line breaks text recognition put
// inside it.
type stream struct {
	key    strings.Builder
	tokens []token
	owner  []int32 // key byte → token index
}

// token is one word of the stream.
type token struct {
	page int
	conf float64
	word *ocr.Word // nil for text-layer words
	img  [2]int    // page image size of a recognised word
}

// add appends a word to the stream.
func (s *stream) add(text string, t token) {
	k := foldKey(text)
	if k == "" {
		return
	}
	s.tokens = append(s.tokens, t)
	s.key.WriteString(k)
	for range len(k) {
		s.owner = append(s.owner, int32(len(s.tokens)-1))
	}
}

// newStream lays the document out page by page: recognised pages from their
// words, the others from their text-layer lines.
func newStream(doc pdftext.Document, pages []ocr.Page) *stream {
	rec := map[int]*ocr.Page{}
	for i := range pages {
		if len(pages[i].Words) > 0 {
			rec[pages[i].Number] = &pages[i]
		}
	}
	s := &stream{}
	for _, p := range doc.Pages {
		if op := rec[p.Number]; op != nil {
			for i := range op.Words {
				w := &op.Words[i]
				s.add(w.Text, token{page: p.Number, conf: w.Conf, word: w, img: [2]int{op.Width, op.Height}})
			}
			continue
		}
		for _, l := range p.Lines {
			for _, c := range l.Cells {
				s.add(c, token{page: p.Number, conf: 1})
			}
		}
	}
	return s
}

// match is where a value was found: its page, the lowest confidence of the
// words it spans, and their box.
type match struct {
	page int
	conf float64
	box  *model.Box
}

// find returns the occurrence of key, at or after byte from, whose words are
// the most confident; ok is false when key is nowhere.
func (s *stream) find(key string, from, to int) (m match, end int, ok bool) {
	return s.findAligned(key, nil, from, to)
}

// findAligned is find for a value whose words are segs (the key's lengths
// between the value's spaces): an occurrence counts only if each of those
// spaces falls between two recognised words. A space the text layer put
// inside a recognised word (« l'Héra ult ») is not printed: such a value
// is not found as printed, and so is listed.
func (s *stream) findAligned(key string, segs []int, from, to int) (m match, end int, ok bool) {
	text := s.key.String()
	if to <= 0 || to > len(text) {
		to = len(text)
	}
	if key == "" || from >= to {
		return m, 0, false
	}
	m.conf = -1
	for i := from; i < to; {
		j := strings.Index(text[i:to], key)
		if j < 0 {
			break
		}
		at := i + j
		i = at + 1
		if !s.aligned(at, segs) {
			continue
		}
		c := s.span(at, at+len(key))
		if c.conf > m.conf {
			m, end = c, at+len(key)
		}
	}
	return m, end, m.conf >= 0
}

// aligned reports whether the key bytes from at split into segs at token
// boundaries of recognised words (text-layer words are not checked).
func (s *stream) aligned(at int, segs []int) bool {
	pos := at
	for _, n := range segs[:max(len(segs)-1, 0)] {
		pos += n
		if pos <= 0 || pos >= len(s.owner) {
			return false
		}
		t := s.owner[pos-1]
		if s.owner[pos] == t && s.tokens[t].word != nil {
			return false
		}
	}
	return true
}

// span is the match of key bytes [a, b).
func (s *stream) span(a, b int) match {
	m := match{conf: 1}
	first, last := s.owner[a], s.owner[b-1]
	m.page = s.tokens[first].page
	for t := first; t <= last; t++ {
		tk := s.tokens[t]
		m.conf = min(m.conf, tk.conf)
		if w := tk.word; w != nil && tk.page == m.page {
			if m.box == nil {
				m.box = &model.Box{Left: w.Left, Top: w.Top, Width: w.Width, Height: w.Height, ImageWidth: tk.img[0], ImageHeight: tk.img[1]}
				continue
			}
			r, bt := max(m.box.Left+m.box.Width, w.Left+w.Width), max(m.box.Top+m.box.Height, w.Top+w.Height)
			m.box.Left, m.box.Top = min(m.box.Left, w.Left), min(m.box.Top, w.Top)
			m.box.Width, m.box.Height = r-m.box.Left, bt-m.box.Top
		}
	}
	return m
}

// foldKey keeps the letters and digits of s, lower case, without accents.
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
