package pdftext

import (
	"strconv"
)

// The content stream lexer. The library's Interpret loops forever on some
// truncated streams (a hex string open at the end of the data spins on the
// end-of-file newline it keeps returning), chokes on inline images and lets
// the operand stack grow without bound, so content streams are tokenized
// here, from bytes the library has only decoded.

type opKind uint8

const (
	kNum opKind = iota
	kStr
	kName
	kArr
	kOther // booleans, null, dictionaries: operands no operator here reads
)

// operand is one operand of a content stream operator. Its bytes and array
// elements live in the lexer's arenas until the next operator.
type operand struct {
	kind opKind
	num  float64
	str  string    // name without the slash
	raw  []byte    // string bytes
	arr  []operand // array elements
}

func (o operand) float() float64 {
	if o.kind == kNum {
		return o.num
	}
	return 0
}

// Bounds of the lexer: real content has a handful of operands per operator,
// short arrays and strings.
const (
	maxOperands   = 64
	maxArrayLen   = 1 << 16
	maxNesting    = 16
	maxStringLen  = 1 << 20
	maxContentLen = 32 << 20
)

type lexer struct {
	b       []byte
	pos     int
	bytes   []byte      // arena of string operands
	elems   []operand   // arena of array elements
	scratch [][]operand // per nesting depth, elements of arrays being read
	intern  map[string]string
}

// reset frees the arenas once an operator has used its operands: content
// streams are long runs of short operands, and this keeps them allocation
// free.
func (l *lexer) reset() {
	l.bytes = l.bytes[:0]
	l.elems = l.elems[:0]
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isWhite(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// next returns the next operand, or the next operator as op; ok is false at
// the end of the data.
func (l *lexer) next(depth int) (o operand, op string, ok bool) {
	l.skip()
	if l.pos >= len(l.b) {
		return operand{}, "", false
	}
	c := l.b[l.pos]
	switch {
	case c == '(':
		return operand{kind: kStr, raw: l.literal()}, "", true
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		l.pos += 2
		l.skipDict(depth + 1)
		return operand{kind: kOther}, "", true
	case c == '<':
		return operand{kind: kStr, raw: l.hexString()}, "", true
	case c == '[':
		l.pos++
		return l.array(depth + 1), "", true
	case c == '/':
		l.pos++
		return operand{kind: kName, str: l.word()}, "", true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.pos++ // stray delimiter: dropped
		return operand{kind: kOther}, "", true
	}
	if c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' {
		w := l.wordBytes()
		if n, err := strconv.ParseFloat(string(w), 64); err == nil {
			return operand{kind: kNum, num: n}, "", true
		}
		return operand{kind: kOther}, "", true
	}
	w := l.word()
	switch w {
	case "true", "false", "null":
		return operand{kind: kOther}, "", true
	}
	return operand{}, w, true
}

// wordBytes reads a run of regular characters.
func (l *lexer) wordBytes() []byte {
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelimiter(l.b[l.pos]) {
		l.pos++
	}
	return l.b[start:l.pos]
}

// word reads a run of regular characters as a string, without allocating
// for the operators and names seen before.
func (l *lexer) word() string {
	w := l.wordBytes()
	if s, ok := l.intern[string(w)]; ok {
		return s
	}
	s := string(w)
	if len(l.intern) < 1024 {
		if l.intern == nil {
			l.intern = map[string]string{}
		}
		l.intern[s] = s
	}
	return s
}

func (l *lexer) array(depth int) operand {
	for len(l.scratch) <= depth {
		l.scratch = append(l.scratch, nil)
	}
	items := l.scratch[depth][:0]
	for {
		l.skip()
		if l.pos >= len(l.b) {
			break
		}
		if l.b[l.pos] == ']' {
			l.pos++
			break
		}
		if depth > maxNesting {
			l.pos++
			continue
		}
		o, op, ok := l.next(depth)
		if !ok {
			break
		}
		if op == "" && len(items) < maxArrayLen {
			items = append(items, o)
		}
	}
	start := len(l.elems)
	l.elems = append(l.elems, items...)
	l.scratch[depth] = items[:0]
	return operand{kind: kArr, arr: l.elems[start:len(l.elems):len(l.elems)]}
}

// skipDict passes a dictionary (marked-content properties, inline image
// parameters), nested ones included.
func (l *lexer) skipDict(depth int) {
	for {
		l.skip()
		if l.pos >= len(l.b) {
			return
		}
		if l.b[l.pos] == '>' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
			l.pos += 2
			return
		}
		if depth > maxNesting {
			l.pos++
			continue
		}
		if _, _, ok := l.next(depth); !ok {
			return
		}
	}
}

func (l *lexer) hexString() []byte {
	l.pos++ // <
	start := len(l.bytes)
	out := l.bytes
	hi, half := byte(0), false
	for ; l.pos < len(l.b) && l.b[l.pos] != '>'; l.pos++ {
		c := l.b[l.pos]
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			if len(out)-start < maxStringLen {
				out = append(out, hi<<4|v)
			}
		} else {
			hi = v
		}
		half = !half
	}
	if half && len(out)-start < maxStringLen {
		out = append(out, hi<<4)
	}
	l.pos++ // >
	l.bytes = out
	return out[start:len(out):len(out)]
}

func (l *lexer) literal() []byte {
	l.pos++ // (
	start := len(l.bytes)
	out := l.bytes
	defer func() { l.bytes = out }()
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out[start:len(out):len(out)]
			}
		case '\\':
			var cont bool
			if c, cont = l.escape(); cont { // line continuation
				continue
			}
		}
		if len(out)-start < maxStringLen {
			out = append(out, c)
		}
	}
	return out[start:len(out):len(out)]
}

// escape reads the escape after a backslash in a literal string; cont is
// true for a backslash at the end of a line, which stands for nothing.
func (l *lexer) escape() (c byte, cont bool) {
	if l.pos >= len(l.b) {
		return '\\', false
	}
	c = l.b[l.pos]
	l.pos++
	switch c {
	case 'n':
		return '\n', false
	case 'r':
		return '\r', false
	case 't':
		return '\t', false
	case 'b':
		return '\b', false
	case 'f':
		return '\f', false
	case '\r':
		if l.pos < len(l.b) && l.b[l.pos] == '\n' {
			l.pos++
		}
		return 0, true
	case '\n':
		return 0, true
	}
	if c >= '0' && c <= '7' {
		v := int(c - '0')
		for i := 0; i < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; i++ {
			v = v*8 + int(l.b[l.pos]-'0')
			l.pos++
		}
		return byte(v), false
	}
	return c, false
}

// skipInlineImage passes the data of an inline image (after BI … ID): up to
// the first EI that stands alone between white space.
func (l *lexer) skipInlineImage() {
	for l.pos < len(l.b) {
		if l.b[l.pos] == 'E' && l.pos+1 < len(l.b) && l.b[l.pos+1] == 'I' &&
			l.pos > 0 && isWhite(l.b[l.pos-1]) && (l.pos+2 == len(l.b) || isWhite(l.b[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
}
