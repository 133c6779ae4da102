package pdftext

import "errors"

// A compact Type 1 font (CFF, embedded as /FontFile3 /Subtype /Type1C) may
// carry its own encoding, which a PDF font without /Encoding (or drawing
// codes its /Encoding leaves undefined) relies on. golang.org/x/image's
// sfnt reads CFF outlines and glyph names inside OpenType only, and never
// the encoding; so the few structures needed here are read directly
// (Adobe Technical Note #5176): the header, the INDEXes up to the strings,
// the Top DICT's charset and Encoding offsets, the charset and the
// encoding. Every offset is checked: a bad font gives no encoding, never a
// panic.

var errCFF = errors.New("cff: malformed")

// cffBuiltinEncoding returns the glyph name of each code of the CFF font
// program b's own encoding; ok is false for a CID-keyed font, for the
// predefined standard and expert encodings (the PDF encodings cover them)
// and for anything malformed.
func cffBuiltinEncoding(b []byte) (names [256]string, ok bool) {
	if len(b) < 4 {
		return names, false
	}
	pos := int(b[2]) // header size
	var err error
	var top, stringsIdx [][]byte
	if _, pos, err = cffIndex(b, pos); err != nil { // font names
		return names, false
	}
	if top, pos, err = cffIndex(b, pos); err != nil || len(top) == 0 {
		return names, false
	}
	if stringsIdx, _, err = cffIndex(b, pos); err != nil {
		return names, false
	}
	dict, err := cffDict(top[0])
	if err != nil {
		return names, false
	}
	if _, cid := dict[12<<8|30]; cid { // ROS: CID-keyed
		return names, false
	}
	encOff, charsetOff, csOff := dict.int(16), dict.int(15), dict.int(17)
	if encOff <= 1 || csOff <= 0 {
		return names, false
	}
	charStrings, _, err := cffIndex(b, csOff)
	if err != nil {
		return names, false
	}
	sids, err := cffCharset(b, charsetOff, len(charStrings))
	if err != nil {
		return names, false
	}
	name := func(sid int) string {
		switch {
		case sid < len(cffStandardStrings):
			return cffStandardStrings[sid]
		case sid-len(cffStandardStrings) < len(stringsIdx):
			return string(stringsIdx[sid-len(cffStandardStrings)])
		}
		return ""
	}
	codes, sups, err := cffEncoding(b, encOff)
	if err != nil {
		return names, false
	}
	for i, c := range codes { // codes[i] is glyph i+1's code
		if gid := i + 1; gid < len(sids) {
			names[c] = name(sids[gid])
		}
	}
	for c, sid := range sups {
		names[c] = name(sid)
	}
	return names, true
}

// cffIndex reads the INDEX at pos: its items and the position after it.
func cffIndex(b []byte, pos int) ([][]byte, int, error) {
	if pos < 0 || pos+2 > len(b) {
		return nil, 0, errCFF
	}
	count := int(b[pos])<<8 | int(b[pos+1])
	if count == 0 {
		return nil, pos + 2, nil
	}
	if pos+3 > len(b) {
		return nil, 0, errCFF
	}
	offSize := int(b[pos+2])
	if offSize < 1 || offSize > 4 {
		return nil, 0, errCFF
	}
	offs := pos + 3
	data := offs + (count+1)*offSize - 1 // offsets count from the byte before the data
	if data >= len(b) {
		return nil, 0, errCFF
	}
	off := func(i int) int {
		v := 0
		for _, c := range b[offs+i*offSize : offs+(i+1)*offSize] {
			v = v<<8 | int(c)
		}
		return data + v
	}
	items := make([][]byte, count)
	for i := range items {
		lo, hi := off(i), off(i+1)
		if lo < data+1 || hi < lo || hi > len(b) {
			return nil, 0, errCFF
		}
		items[i] = b[lo:hi]
	}
	return items, off(count), nil
}

// cffDictValues are the operands of a DICT by operator (12 x: 12<<8|x).
type cffDictValues map[int][]float64

func (d cffDictValues) int(op int) int {
	if v := d[op]; len(v) > 0 && v[0] >= 0 && v[0] < 1<<30 {
		return int(v[0])
	}
	return 0
}

func cffDict(b []byte) (cffDictValues, error) {
	d := cffDictValues{}
	var ops []float64
	for i := 0; i < len(b); {
		c := int(b[i])
		switch {
		case c <= 21:
			op := c
			if c == 12 {
				if i+1 >= len(b) {
					return nil, errCFF
				}
				op = 12<<8 | int(b[i+1])
				i++
			}
			d[op] = ops
			ops = nil
			i++
			continue
		case c == 28 && i+2 < len(b):
			ops = append(ops, float64(int16(uint16(b[i+1])<<8|uint16(b[i+2]))))
			i += 3
		case c == 29 && i+4 < len(b):
			ops = append(ops, float64(int32(uint32(b[i+1])<<24|uint32(b[i+2])<<16|uint32(b[i+3])<<8|uint32(b[i+4]))))
			i += 5
		case c == 30: // a real: only skipped, no offset is one
			for i++; i < len(b) && b[i]&0x0f != 0x0f && b[i]>>4 != 0x0f; i++ {
			}
			i++
			ops = append(ops, 0)
		case c >= 32 && c <= 246:
			ops = append(ops, float64(c-139))
			i++
		case c >= 247 && c <= 250 && i+1 < len(b):
			ops = append(ops, float64((c-247)*256+int(b[i+1])+108))
			i += 2
		case c >= 251 && c <= 254 && i+1 < len(b):
			ops = append(ops, float64(-(c-251)*256-int(b[i+1])-108))
			i += 2
		default:
			return nil, errCFF
		}
		if len(ops) > 48 {
			return nil, errCFF
		}
	}
	return d, nil
}

// cffCharset returns the string ID of each glyph (glyph 0 is .notdef).
func cffCharset(b []byte, off, n int) ([]int, error) {
	sids := make([]int, n)
	if off == 0 { // ISOAdobe: glyph i is SID i
		for i := range sids {
			sids[i] = i
		}
		return sids, nil
	}
	if off <= 2 || off >= len(b) { // the expert charsets: not for text fonts
		return nil, errCFF
	}
	format, pos := b[off], off+1
	for gid := 1; gid < n; {
		switch format {
		case 0:
			if pos+2 > len(b) {
				return nil, errCFF
			}
			sids[gid] = int(b[pos])<<8 | int(b[pos+1])
			gid++
			pos += 2
		case 1, 2:
			size := 3 + int(format) - 1
			if pos+size > len(b) {
				return nil, errCFF
			}
			first := int(b[pos])<<8 | int(b[pos+1])
			left := int(b[pos+2])
			if format == 2 {
				left = left<<8 | int(b[pos+3])
			}
			for k := 0; k <= left && gid < n; k++ {
				sids[gid] = first + k
				gid++
			}
			pos += size
		default:
			return nil, errCFF
		}
	}
	return sids, nil
}

// cffEncoding reads a custom encoding: the code of glyphs 1, 2, … and the
// supplementary codes with their string IDs.
func cffEncoding(b []byte, off int) (codes []byte, sups map[byte]int, err error) {
	if off >= len(b) {
		return nil, nil, errCFF
	}
	format, pos := b[off], off+1
	switch format & 0x7f {
	case 0:
		if pos >= len(b) || pos+1+int(b[pos]) > len(b) {
			return nil, nil, errCFF
		}
		codes = b[pos+1 : pos+1+int(b[pos])]
		pos += 1 + int(b[pos])
	case 1:
		if pos >= len(b) {
			return nil, nil, errCFF
		}
		n := int(b[pos])
		pos++
		for i := 0; i < n; i++ {
			if pos+2 > len(b) {
				return nil, nil, errCFF
			}
			for c := int(b[pos]); c <= int(b[pos])+int(b[pos+1]) && c < 256; c++ {
				codes = append(codes, byte(c))
			}
			pos += 2
		}
	default:
		return nil, nil, errCFF
	}
	if format&0x80 != 0 && pos < len(b) {
		n := int(b[pos])
		pos++
		sups = map[byte]int{}
		for i := 0; i < n && pos+3 <= len(b); i++ {
			sups[b[pos]] = int(b[pos+1])<<8 | int(b[pos+2])
			pos += 3
		}
	}
	return codes, sups, nil
}
