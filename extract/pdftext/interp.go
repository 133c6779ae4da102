package pdftext

import (
	"fmt"
	"io"
	"math"

	"github.com/ledongthuc/pdf"
)

// interp runs a page's content stream and collects glyphs with their
// positions, and the ruling lines of tables. It replaces the library's
// Page.Content, which emits a stray glyph after every TJ array, has no widths
// for composite fonts, ignores stroked lines and panics on malformed operands.
type interp struct {
	g      *guard
	fonts  *fontCache // document-wide: a font shared by pages is loaded once
	out    pageContent
	ops    int
	codes  []code            // scratch for show
	intern map[string]string // operators and names, shared by the page's lexers
}

// pathSeg is a segment of the current path, in page space.
type pathSeg struct {
	x0, y0, x1, y1 float64
	rect           bool
}

// runState is the graphics and text state of one content stream (a page or
// a form XObject drawn on it).
type runState struct {
	gs     gstate
	stack  []gstate
	tm     matrix
	tlm    matrix
	path   []pathSeg
	cx, cy float64 // current point
	sx, sy float64 // start of subpath
	fonts  map[string]*font
}

// run interprets the content stream strm with resources res, starting from
// the transformation base; depth counts nested form XObjects.
func (in *interp) run(strm, res pdf.Value, base matrix, depth int) {
	if depth > maxFormDepth || strm.Kind() == pdf.Null {
		return
	}
	st := &runState{gs: gstate{ctm: base, th: 1}, tm: identity, tlm: identity, fonts: map[string]*font{}}
	lx := &lexer{b: in.read(strm), intern: in.intern}
	args := make([]operand, 0, 8)
	for {
		o, op, ok := lx.next(0)
		if !ok {
			return
		}
		if op == "" {
			if len(args) >= maxOperands { // operands without operator: garbage
				args = args[:0]
			}
			args = append(args, o)
			continue
		}
		in.ops++
		if in.ops&127 == 0 {
			in.g.check()
		}
		switch op {
		case "BI":
			for {
				_, op, ok := lx.next(0)
				if !ok || op == "ID" {
					break
				}
			}
			lx.skipInlineImage()
		default:
			in.op(st, res, op, args, depth)
		}
		args = args[:0]
		lx.reset()
	}
}

// read returns the decoded bytes of a content stream, or of an array of
// streams joined as one (a page's /Contents may be either).
func (in *interp) read(strm pdf.Value) []byte {
	var parts []pdf.Value
	if strm.Kind() == pdf.Array {
		for i := 0; i < strm.Len() && i < 10000; i++ {
			parts = append(parts, strm.Index(i))
		}
	} else {
		parts = []pdf.Value{strm}
	}
	var out []byte
	for _, p := range parts {
		if p.Kind() != pdf.Stream {
			continue
		}
		rc := p.Reader()
		b, err := io.ReadAll(io.LimitReader(rc, int64(maxContentLen-len(out)+1)))
		rc.Close()
		if len(out)+len(b) > maxContentLen {
			panic(abort{fmt.Errorf("content stream larger than %d bytes: %w", maxContentLen, errLimit)})
		}
		if err != nil && len(b) == 0 {
			panic(fmt.Errorf("reading content stream: %v", err))
		}
		out = append(append(out, b...), '\n')
	}
	return out
}

// op applies one operator with its operands.
func (in *interp) op(st *runState, res pdf.Value, op string, args []operand, depth int) {
	gs := &st.gs
	switch op {
	case "q":
		if len(st.stack) < maxStateDepth {
			st.stack = append(st.stack, *gs)
		}
	case "Q":
		if n := len(st.stack); n > 0 {
			*gs = st.stack[n-1]
			st.stack = st.stack[:n-1]
		}
	case "cm":
		if m, ok := matrixOf(args); ok {
			gs.ctm = m.mul(gs.ctm)
		}
	case "BT":
		st.tm, st.tlm = identity, identity
	case "Tm":
		if m, ok := matrixOf(args); ok {
			st.tm, st.tlm = m, m
		}
	case "Td", "TD":
		if a, ok := floats(args, 2); ok {
			if op == "TD" {
				gs.tl = -a[1]
			}
			st.tlm = matrix{1, 0, 0, 1, a[0], a[1]}.mul(st.tlm)
			st.tm = st.tlm
		}
	case "T*":
		st.tlm = matrix{1, 0, 0, 1, 0, -gs.tl}.mul(st.tlm)
		st.tm = st.tlm
	case "Tc", "Tw", "TL", "Ts", "Tz":
		a, ok := floats(args, 1)
		if !ok || math.IsNaN(a[0]) || math.IsInf(a[0], 0) {
			return
		}
		switch op {
		case "Tc":
			gs.tc = a[0]
		case "Tw":
			gs.tw = a[0]
		case "TL":
			gs.tl = a[0]
		case "Ts":
			gs.rise = a[0]
		case "Tz":
			gs.th = a[0] / 100
		}
	case "Tf":
		if len(args) == 2 {
			gs.font = in.font(st, res, args[0].str)
			gs.tfs = args[1].float()
		}
	case "Tj":
		if len(args) == 1 {
			in.show(st, args[0].raw)
		}
	case "'", "\"":
		if op == "\"" && len(args) == 3 {
			gs.tw, gs.tc = args[0].float(), args[1].float()
			args = args[2:]
		}
		st.tlm = matrix{1, 0, 0, 1, 0, -gs.tl}.mul(st.tlm)
		st.tm = st.tlm
		if len(args) == 1 {
			in.show(st, args[0].raw)
		}
	case "TJ":
		if len(args) != 1 {
			return
		}
		for _, x := range args[0].arr {
			if x.kind == kStr {
				in.show(st, x.raw)
				continue
			}
			tx := -x.float() / 1000 * gs.tfs * gs.th
			st.tm = matrix{1, 0, 0, 1, tx, 0}.mul(st.tm)
		}
	case "Do":
		if len(args) == 1 {
			in.do(st, res, args[0].str, depth)
		}
	default:
		in.pathOp(st, op, args)
	}
}

func (in *interp) do(st *runState, res pdf.Value, name string, depth int) {
	x := res.Key("XObject").Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		in.out.images++
	case "Form":
		m := identity
		if mv := x.Key("Matrix"); mv.Len() == 6 {
			vals := make([]operand, 6)
			for i := range vals {
				vals[i] = operand{kind: kNum, num: mv.Index(i).Float64()}
			}
			if mm, ok := matrixOf(vals); ok {
				m = mm
			}
		}
		r := x.Key("Resources")
		if r.Kind() == pdf.Null {
			r = res
		}
		in.run(x, r, m.mul(st.gs.ctm), depth+1)
	}
}

func (in *interp) font(st *runState, res pdf.Value, name string) *font {
	if f, ok := st.fonts[name]; ok {
		return f
	}
	dict := res.Key("Font")
	f := in.fonts.get(dict, name)
	st.fonts[name] = f
	return f
}

// show places the glyphs of one shown string and advances the text matrix.
func (in *interp) show(st *runState, raw []byte) {
	gs := &st.gs
	f := gs.font
	if f == nil {
		return
	}
	in.codes = f.decode(raw, in.codes[:0])
	for _, c := range in.codes {
		w0 := f.width(c.c) * f.scale
		trm := matrix{gs.tfs * gs.th, 0, 0, gs.tfs, 0, gs.rise}.mul(st.tm).mul(gs.ctm)
		xs, ys := math.Hypot(trm[0], trm[1]), math.Hypot(trm[2], trm[3])
		if rot := quarter(trm); rot >= 0 && len(in.out.glyphs) < maxGlyphsPerPage {
			in.out.glyphs = append(in.out.glyphs, glyph{
				x: trm[4], y: trm[5], w: w0 * xs, size: ys, rot: uint8(rot),
				rise: gs.rise * ys / nonZero(gs.tfs), text: c.text, space: c.text == " ",
			})
		} else if len(in.out.glyphs) >= maxGlyphsPerPage {
			panic(abort{fmt.Errorf("page has more than %d glyphs: %w", maxGlyphsPerPage, errLimit)})
		}
		tx := w0*gs.tfs + gs.tc
		if !f.twoByte && c.c == 32 {
			tx += gs.tw
		}
		st.tm = matrix{1, 0, 0, 1, tx * gs.th, 0}.mul(st.tm)
	}
}

func nonZero(v float64) float64 {
	if v == 0 {
		return 1
	}
	return v
}
