package pdftext

import (
	"bytes"
	"fmt"

	"github.com/ledongthuc/pdf"

	"habilitations/model"
)

// headerWindow is how far into the file the %PDF- header may start (bytes
// prepended by mail gateways or uploads), as readers tolerate.
const headerWindow = 1024

// prepare cuts the bytes before %PDF- and after the last %%EOF, which the
// library refuses, and rewrites a header it does not know (PDF 2.0, or no
// end of line right after the version) to one it accepts. The input is not
// modified.
func prepare(data []byte) ([]byte, error) {
	win := data
	if len(win) > headerWindow {
		win = win[:headerWindow]
	}
	i := bytes.Index(win, []byte("%PDF-"))
	if i < 0 {
		return nil, fmt.Errorf("no %%PDF- header in the first %d bytes: %w", headerWindow, model.ErrNotPDF)
	}
	data = data[i:]
	if j := bytes.LastIndex(data, []byte("%%EOF")); j >= 0 {
		data = data[:j+5]
	}
	out := make([]byte, len(data), len(data)+1)
	copy(out, data)
	if len(out) >= 9 {
		ok := out[5] == '1' && out[6] == '.' && out[7] >= '0' && out[7] <= '7'
		if !ok {
			copy(out[5:8], "1.7")
		}
		if out[8] != '\r' && out[8] != '\n' {
			out[8] = '\n'
		}
	}
	return append(out, '\n'), nil
}

// hasEncrypt reports whether the file is encrypted: an /Encrypt entry (a
// reference or a dictionary) in a trailer or cross-reference stream
// dictionary, both stored uncompressed, so a byte scan sees them. The
// library reports AES-256 encryption as a malformed file, hence this check
// of our own.
func hasEncrypt(data []byte) bool {
	for _, rest := range after(data, "/Encrypt") {
		rest = bytes.TrimLeft(rest, "\t\r\n ")
		if bytes.HasPrefix(rest, []byte("<<")) {
			return true
		}
		if _, ok := leadingUint(rest); ok {
			return true
		}
	}
	return false
}

// maxTreeDepth bounds the page tree walk and the lookup of inherited keys.
// Trees written by producers are 2–4 levels deep, but merge tools nest each
// merged file under a new node: a chain of 39 levels is valid and was seen.
// Cycles are stopped by the count of visits, not by this bound, which only
// keeps the recursion (a few hundred bytes of stack a level) small.
const maxTreeDepth = 1024

// pageList walks the page tree once (the library's Page(n) walks it from the
// root for every page and loops forever on a cyclic tree) and returns the
// page dictionaries in order.
func pageList(rd *pdf.Reader, maxPages int, g *guard) []pdf.Value {
	var out []pdf.Value
	visits := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		visits++
		if depth > maxTreeDepth || visits > 4*maxPages+64 {
			panic(abort{fmt.Errorf("page tree is too deep or cyclic: %w", errLimit)})
		}
		g.check()
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			if v.Kind() == pdf.Dict {
				out = append(out, v)
			}
			if len(out) > maxPages {
				panic(abort{fmt.Errorf("more than %d pages: %w", maxPages, errLimit)})
			}
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(rd.Trailer().Key("Root").Key("Pages"), 0)
	return out
}

// inherited looks key up in the page dictionary and its ancestors, a bounded
// number of levels (the library's own lookup loops on a cyclic /Parent).
func inherited(page pdf.Value, key string) pdf.Value {
	v := page
	for i := 0; i <= maxTreeDepth && !v.IsNull(); i++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// pageBox is the page's media box: origin and size (A4 at the origin when
// missing or empty).
func pageBox(page pdf.Value) (x0, y0, w, h float64) {
	mb := inherited(page, "MediaBox")
	if mb.Len() == 4 {
		x0, y0 = mb.Index(0).Float64(), mb.Index(1).Float64()
		w, h = mb.Index(2).Float64()-x0, mb.Index(3).Float64()-y0
		if w > 0 && h > 0 {
			return x0, y0, w, h
		}
	}
	return 0, 0, 595, 842
}
