package pdftext

import (
	"encoding/hex"
	"io"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// maxCmapBytes bounds the /ToUnicode stream read (real ones are a few KB).
const maxCmapBytes = 4 << 20

// readToUnicode parses a /ToUnicode CMap. The library's own reader is
// unexported, decodes whole strings only and panics on CMaps its PostScript
// subset does not know, so the bfchar and bfrange sections are read here
// with a small tokenizer.
func readToUnicode(v pdf.Value) *cmap {
	rc := v.Reader()
	data, _ := io.ReadAll(io.LimitReader(rc, maxCmapBytes))
	rc.Close()
	m := newCmap()
	toks := cmapTokens(data)
	for i := 0; i < len(toks); i++ {
		switch toks[i].word {
		case "beginbfchar":
			i++
			for ; i+1 < len(toks) && toks[i].word != "endbfchar"; i += 2 {
				if toks[i].hex && toks[i+1].hex {
					m.addCode(codeOf(toks[i].s), utf16Text(toks[i+1].s))
				}
			}
		case "beginbfrange":
			i++
			for i+2 < len(toks) && toks[i].word != "endbfrange" {
				lo, hi := toks[i], toks[i+1]
				if !lo.hex || !hi.hex {
					i++
					continue
				}
				i += 2
				if toks[i].word == "[" {
					var dst []string
					for i++; i < len(toks) && toks[i].word != "]"; i++ {
						dst = append(dst, toks[i].s)
					}
					m.addArray(codeOf(lo.s), codeOf(hi.s), dst)
				} else if toks[i].hex {
					m.addRange(codeOf(lo.s), codeOf(hi.s), toks[i].s)
				}
				i++
			}
		}
	}
	return m
}

// cmapToken is a hex string (s holds its bytes) or a bare word.
type cmapToken struct {
	word string
	s    string
	hex  bool
}

func cmapTokens(b []byte) []cmapToken {
	var out []cmapToken
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c <= ' ':
			i++
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			i += 2
		case c == '<':
			j := i + 1
			var h []byte
			for ; j < len(b) && b[j] != '>'; j++ {
				if isHex(b[j]) {
					h = append(h, b[j])
				}
			}
			if len(h)%2 == 1 {
				h = append(h, '0')
			}
			raw, _ := hex.DecodeString(string(h))
			out = append(out, cmapToken{s: string(raw), hex: true})
			i = j + 1
		case c == '[' || c == ']':
			out = append(out, cmapToken{word: string(c)})
			i++
		default:
			j := i + 1
			for j < len(b) && b[j] > ' ' && !isDelim(b[j]) {
				j++
			}
			out = append(out, cmapToken{word: string(b[i:j])})
			i = j
		}
	}
	return out
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isDelim(c byte) bool {
	switch c {
	case '<', '>', '[', ']', '(', ')', '/', '%', '{', '}':
		return true
	}
	return false
}

func codeOf(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

func utf16Text(s string) string {
	if len(s) == 1 { // some producers write one-byte destinations
		return string(rune(s[0]))
	}
	return string(utf16.Decode(unswapLetters(utf16Units(s))))
}

// unswapLetters undoes a byte swap Ghostscript makes in the ToUnicode of
// ligature glyphs (« fi » written <66006900>, which reads « 昀椀 »; pdftotext
// shows it so): a destination of two or more code units that are all
// 0xXX00 with XX an ASCII letter is read as those letters. No French text
// maps one glyph to a run of such ideographs.
func unswapLetters(u []uint16) []uint16 {
	if len(u) < 2 {
		return u
	}
	for _, c := range u {
		b := byte(c >> 8)
		if c&0xff != 0 || !('A' <= b && b <= 'Z' || 'a' <= b && b <= 'z') {
			return u
		}
	}
	out := make([]uint16, len(u))
	for i, c := range u {
		out[i] = c >> 8
	}
	return out
}
