package forms

import "strings"

const cellPad = 1.5 // horizontal padding inside table cells

// table draws a bordered table whose rows grow with their wrapped text. The
// header is repeated on each page; a Keep table starts a new page rather
// than split (the quota table of a bulletin).
func (r *renderer) table(b Block) {
	p := r.pdf
	tw := r.width()
	widths := make([]float64, len(b.Widths))
	for i, f := range b.Widths {
		widths[i] = f * tw
	}
	hasHeader := len(b.Header) > 0
	if b.Keep {
		total := 0.0
		if hasHeader {
			total = r.rowHeight(b.Header, widths, "B")
		}
		for _, row := range b.Rows {
			total += r.rowHeight(row, widths, "")
		}
		if !r.room(total + 2) {
			p.AddPage()
		}
	} else if !r.room(r.rowHeight(b.Header, widths, "B") + 2*lineHeight) {
		p.AddPage()
	}
	p.Ln(1)
	if hasHeader {
		r.row(b.Header, widths, "B", true)
	}
	for _, row := range b.Rows {
		style := ""
		if len(row) == 1 {
			style = "B"
		}
		if h := r.rowHeight(row, widths, style); !r.room(h) {
			p.AddPage()
			if hasHeader {
				r.row(b.Header, widths, "B", true)
			}
		}
		r.row(row, widths, style, false)
	}
	p.Ln(3)
}

// cellLines wraps the text of each cell; a one-cell row spans the table. A
// cell holding a word wider than itself (a long e-mail) gets a smaller font
// rather than a word cut in two.
func (r *renderer) cellLines(row []string, widths []float64, style string) ([][]string, []float64, []float64) {
	if len(row) == 1 && len(widths) > 1 {
		total := 0.0
		for _, w := range widths {
			total += w
		}
		widths = []float64{total}
	}
	out := make([][]string, len(widths))
	sizes := make([]float64, len(widths))
	for i, w := range widths {
		text := ""
		if i < len(row) {
			text = strings.TrimSpace(row[i])
		}
		size := bodySize
		r.font(style, size)
		for size > 6.5 && widestWord(r, text) > w-2*cellPad-2.5 { // SplitText also removes the cell margins
			size -= 0.5
			r.font(style, size)
		}
		sizes[i] = size
		if text == "" {
			out[i] = []string{""}
			continue
		}
		out[i] = r.pdf.SplitText(text, w-2*cellPad)
	}
	r.font(style, bodySize)
	return out, widths, sizes
}

func widestWord(r *renderer, text string) float64 {
	m := 0.0
	for _, w := range strings.Fields(text) {
		m = max(m, r.pdf.GetStringWidth(w))
	}
	return m
}

func (r *renderer) rowHeight(row []string, widths []float64, style string) float64 {
	lines, _, _ := r.cellLines(row, widths, style)
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	return float64(n)*lineHeight + 2
}

func (r *renderer) row(row []string, widths []float64, style string, header bool) {
	p := r.pdf
	h := r.rowHeight(row, widths, style)
	lines, widths, sizes := r.cellLines(row, widths, style)
	x, y := margin, p.GetY()
	for i, w := range widths {
		if header {
			p.SetFillColor(225, 232, 240)
			p.Rect(x, y, w, h, "FD")
		} else {
			p.Rect(x, y, w, h, "D")
		}
		r.font(style, sizes[i])
		for j, l := range lines[i] {
			p.SetXY(x+cellPad, y+1+float64(j)*lineHeight)
			p.CellFormat(w-2*cellPad, lineHeight, l, "", 0, "L", false, 0, "")
		}
		x += w
	}
	p.SetXY(margin, y+h)
	r.font("", bodySize)
}

// signatures prints two columns of lines side by side, then leaves room to sign.
func (r *renderer) signatures(b Block) {
	p := r.pdf
	n := max(len(b.Left), len(b.Right))
	if !r.room(float64(n)*lineHeight*2 + 25) {
		p.AddPage()
	}
	p.Ln(3)
	colW := r.width()/2 - 4
	y0 := p.GetY()
	yEnd := y0
	for c, lines := range [][]string{b.Left, b.Right} {
		names, values := b.LeftNames, b.LeftValues
		if c == 1 {
			names, values = b.RightNames, b.RightValues
		}
		x := margin + float64(c)*(colW+8)
		p.SetXY(x, y0)
		for i, l := range lines {
			style := ""
			if i == 0 {
				style = "B"
			}
			r.font(style, bodySize)
			p.SetX(x)
			p.MultiCell(colW, lineHeight, l, "", "L", false)
			if i > 0 && b.Kind == KindSignatures && len(lines) > 2 {
				// Form signature blocks: the line under the label is the
				// space to write (or the value typed, or a field).
				name, value := at(names, i), at(values, i)
				switch {
				case name != "" && r.fillable:
					r.addBox(fieldBox{name: name, value: value, x: x, y: p.GetY(), w: colW, h: lineHeight})
				case value != "":
					r.font("B", bodySize)
					p.SetX(x)
					p.CellFormat(colW, lineHeight, value, "", 0, "L", false, 0, "")
				}
				p.Ln(lineHeight)
			}
		}
		yEnd = max(yEnd, p.GetY())
	}
	p.SetXY(margin, yEnd+22)
	r.font("", bodySize)
}

// field prints a form label followed by its value in bold, or by a rule to
// fill by hand when the value is unknown.
func (r *renderer) field(b Block) {
	p := r.pdf
	if !r.room(2 * lineHeight) {
		p.AddPage()
	}
	indent := 0.0
	if strings.HasPrefix(b.Text, "o ") {
		indent = 10
	} else if strings.HasPrefix(b.Text, "- ") {
		indent = 4
	}
	p.SetX(margin + indent)
	r.font("", bodySize)
	p.Write(lineHeight+1, b.Text+" ")
	if v := strings.TrimSpace(b.Value); v != "" && !(r.fillable && b.Name != "") {
		r.font("B", bodySize)
		p.Write(lineHeight+1, v)
		r.font("", bodySize)
	} else {
		x, y := p.GetX(), p.GetY()+lineHeight
		right := margin + r.width()
		if right-x < 30 { // too little room: rule on the next line
			p.Ln(lineHeight + 1)
			x, y = margin+indent, p.GetY()+lineHeight
		}
		if r.fillable && b.Name != "" {
			r.addBox(fieldBox{name: b.Name, value: strings.TrimSpace(b.Value), x: x + 1, y: y - lineHeight + 0.3, w: right - x - 1, h: lineHeight})
		}
		p.SetDrawColor(120, 120, 120)
		p.SetDashPattern([]float64{0.6, 0.8}, 0)
		p.Line(x+1, y, right, y)
		p.SetDashPattern(nil, 0)
		p.SetDrawColor(0, 0, 0)
	}
	p.Ln(lineHeight + 3)
}

// check prints « label  ☐ oui  ☐ non » with the answer's box ticked.
func (r *renderer) check(b Block) {
	p := r.pdf
	r.font("", bodySize)
	p.Write(lineHeight+1, b.Text+"  ")
	for _, a := range []string{"oui", "non"} {
		box := "☐"
		if b.Value == a && !r.fillable {
			box = "☒"
		}
		r.font("", 12)
		if r.fillable && b.Name != "" {
			// The check box field lies over the printed box, which stays
			// for the printed form: « replaces » gives replaces_yes, _no.
			name := b.Name + map[string]string{"oui": "_yes", "non": "_no"}[a]
			r.addBox(fieldBox{name: name, check: true, checked: b.Value == a,
				x: p.GetX() + 0.95, y: p.GetY() + 1.45, w: 3.3, h: 3.3})
		}
		p.Write(lineHeight+1, box)
		r.font("", bodySize)
		p.Write(lineHeight+1, " "+a+"   ")
	}
	p.Ln(lineHeight + 3)
}
