package pdftext

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// Objects found when rebuilding a cross-reference table: « 12 0 obj ».
var (
	objHeader = regexp.MustCompile(`(?:^|[\r\n\t \x00>])(\d{1,7})[\t \r\n]+(\d{1,5})[\t \r\n]+obj\b`)
	rootRef   = regexp.MustCompile(`/Root[\t \r\n]*(\d{1,7})[\t \r\n]+(\d{1,5})[\t \r\n]+R`)
	infoRef   = regexp.MustCompile(`/Info[\t \r\n]*(\d{1,7})[\t \r\n]+(\d{1,5})[\t \r\n]+R`)
)

// maxRepairObjects bounds the rebuilt table (a dossier has a few hundred).
const maxRepairObjects = 1 << 20

// repair rebuilds the cross-reference table of a complete file whose table
// is damaged (offsets shifted by an editor or a transfer in text mode, a
// wrong startxref), as poppler does: it finds every « n g obj » in the file
// and appends a fresh table and trailer that point at them. It returns nil
// when nothing can be rebuilt: no %%EOF (a truncated file stays damaged), no
// catalog, or objects kept in object streams (not found by a byte scan).
func repair(data []byte) []byte {
	if !bytes.HasSuffix(bytes.TrimRight(data, "\r\n\t "), []byte("%%EOF")) {
		return nil
	}
	if bytes.Contains(data, []byte("/ObjStm")) {
		return nil
	}
	offsets := map[int]int{}
	gens := map[int]int{}
	size := 0
	bodies := streamBodies(data)
	for _, m := range objHeader.FindAllSubmatchIndex(data, maxRepairObjects) {
		for len(bodies) > 0 && bodies[0][1] <= m[2] {
			bodies = bodies[1:]
		}
		if len(bodies) > 0 && bodies[0][0] <= m[2] { // inside a stream's data: not an object
			continue
		}
		n, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		g, _ := strconv.Atoi(string(data[m[4]:m[5]]))
		offsets[n], gens[n] = m[2], g // a later definition (incremental update) wins
		size = max(size, n+1)
	}
	roots := rootRef.FindAllSubmatch(data, -1)
	if len(offsets) == 0 || len(roots) == 0 || size > maxRepairObjects {
		return nil
	}
	root := roots[len(roots)-1]
	var b bytes.Buffer
	b.Grow(len(data) + 20*size + 200)
	b.Write(data)
	xref := b.Len() + 1
	fmt.Fprintf(&b, "\nxref\n0 %d\n", size)
	for n := 0; n < size; n++ {
		if off, ok := offsets[n]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", off, gens[n])
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s %s R", size, root[1], root[2])
	if infos := infoRef.FindAllSubmatch(data, -1); len(infos) > 0 {
		info := infos[len(infos)-1]
		fmt.Fprintf(&b, " /Info %s %s R", info[1], info[2])
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

var streamStart = regexp.MustCompile(`>>[\t \r\n]*stream\r?\n`)

// streamBodies returns the [start, end) spans of stream data, in order, so
// that bytes inside a stream are not taken for object headers.
func streamBodies(data []byte) [][2]int {
	var out [][2]int
	from := 0
	for from < len(data) {
		loc := streamStart.FindIndex(data[from:])
		if loc == nil {
			break
		}
		start := from + loc[1]
		end := bytes.Index(data[start:], []byte("endstream"))
		if end < 0 {
			out = append(out, [2]int{start, len(data)})
			break
		}
		out = append(out, [2]int{start, start + end})
		from = start + end
	}
	return out
}
