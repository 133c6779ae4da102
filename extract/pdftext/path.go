package pdftext

import "math"

// maxPathSegs bounds the current path (a real table border is a few segments).
const maxPathSegs = 10000

// pathOp records the path operators that draw table borders: lines and
// rectangles, stroked or filled. Curves and clipping are ignored.
func (in *interp) pathOp(st *runState, op string, args []operand) {
	ctm := st.gs.ctm
	switch op {
	case "m":
		if a, ok := floats(args, 2); ok {
			st.cx, st.cy = ctm.apply(a[0], a[1])
			st.sx, st.sy = st.cx, st.cy
		}
	case "l":
		if a, ok := floats(args, 2); ok {
			x, y := ctm.apply(a[0], a[1])
			st.addSeg(pathSeg{st.cx, st.cy, x, y, false})
			st.cx, st.cy = x, y
		}
	case "c", "v", "y":
		if len(args) >= 2 {
			st.cx, st.cy = ctm.apply(args[len(args)-2].float(), args[len(args)-1].float())
		}
	case "h":
		st.addSeg(pathSeg{st.cx, st.cy, st.sx, st.sy, false})
		st.cx, st.cy = st.sx, st.sy
	case "re":
		if a, ok := floats(args, 4); ok {
			x0, y0 := ctm.apply(a[0], a[1])
			x1, y1 := ctm.apply(a[0]+a[2], a[1]+a[3])
			st.addSeg(pathSeg{math.Min(x0, x1), math.Min(y0, y1), math.Max(x0, x1), math.Max(y0, y1), true})
			st.cx, st.cy = x0, y0
			st.sx, st.sy = x0, y0
		}
	case "S", "s":
		in.paint(st, true)
	case "f", "F", "f*":
		in.paint(st, false)
	case "B", "B*", "b", "b*":
		in.paint(st, true)
	case "n":
		st.path = st.path[:0]
	}
}

func (st *runState) addSeg(s pathSeg) {
	if len(st.path) < maxPathSegs {
		st.path = append(st.path, s)
	}
}

// paint turns the current path into rules. Stroked segments and thin filled
// rectangles are borders; the top and bottom of a filled area (a shaded
// header row) only mark row boundaries.
func (in *interp) paint(st *runState, stroke bool) {
	for _, s := range st.path {
		if len(in.out.rules) >= maxRulesPerPage {
			break
		}
		if s.rect {
			w, h := s.x1-s.x0, s.y1-s.y0
			switch {
			case h < 2 && w > 2:
				in.addRule(rule{s.x0, (s.y0 + s.y1) / 2, s.x1, (s.y0 + s.y1) / 2, false})
			case w < 2 && h > 2:
				in.addRule(rule{(s.x0 + s.x1) / 2, s.y0, (s.x0 + s.x1) / 2, s.y1, false})
			case w >= 2 && h >= 2:
				in.addRule(rule{s.x0, s.y0, s.x1, s.y0, !stroke})
				in.addRule(rule{s.x0, s.y1, s.x1, s.y1, !stroke})
				if stroke {
					in.addRule(rule{s.x0, s.y0, s.x0, s.y1, false})
					in.addRule(rule{s.x1, s.y0, s.x1, s.y1, false})
				}
			}
			continue
		}
		if stroke {
			x0, x1 := math.Min(s.x0, s.x1), math.Max(s.x0, s.x1)
			y0, y1 := math.Min(s.y0, s.y1), math.Max(s.y0, s.y1)
			in.addRule(rule{x0, y0, x1, y1, false})
		}
	}
	st.path = st.path[:0]
}

func (in *interp) addRule(r rule) {
	if (r.horizontal() || r.vertical()) && len(in.out.rules) < maxRulesPerPage {
		in.out.rules = append(in.out.rules, r)
	}
}
