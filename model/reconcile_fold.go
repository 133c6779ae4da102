package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// foldCache folds strings the way Fold does, but fast: ASCII strings (almost
// every e-mail and identifier) take a byte loop that allocates only when the
// string changes, and other strings are folded once and cached, because an
// export repeats the same names, units and partners on many rows.
type foldCache struct {
	cache map[string]string
	// strip is Fold's accent-stripping chain, built once: building it
	// allocates its buffers, which Fold does on every call.
	strip transform.Transformer
}

func newFoldCache() *foldCache {
	return &foldCache{cache: make(map[string]string, 1024),
		strip: transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)}
}

// slowFold is Fold with the reused chain (TestFoldCacheMatchesFold checks
// that both agree).
func (f *foldCache) slowFold(s string) string {
	s = typographic.Replace(s)
	f.strip.Reset()
	out, _, err := transform.String(f.strip, s)
	if err != nil {
		out = s
	}
	if strings.ContainsAny(out, "œŒæÆ") {
		out = strings.NewReplacer("œ", "oe", "Œ", "OE", "æ", "ae", "Æ", "AE").Replace(out)
	}
	return strings.ToLower(strings.Join(strings.Fields(out), " "))
}

// fold returns Fold(s).
func (f *foldCache) fold(s string) string {
	if asciiFolded(s) {
		return s
	}
	if v, ok := f.cache[s]; ok {
		return v
	}
	v, ok := foldASCII(s)
	if !ok {
		v = f.slowFold(s)
	}
	// The key is copied: s may be a field sliced out of a whole line.
	f.cache[strings.Clone(s)] = v
	return v
}

// asciiFolded reports whether s is ASCII and already folded (Fold(s) == s).
func asciiFolded(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z':
			return false
		case isASCIISpace(c):
			if prevSpace || c != ' ' {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return len(s) == 0 || s[len(s)-1] != ' '
}

// foldASCII folds an ASCII string: lower case and white space collapsed,
// which is all Fold does to ASCII. ok is false for a non-ASCII string.
// It returns s itself when s is already folded.
func foldASCII(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return "", false
		}
	}
	if asciiFolded(s) {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIISpace(c) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String(), true
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// letters appends to dst the folded letters of s (as Letters does) and
// returns it; ASCII input takes a loop without allocation.
func (f *foldCache) letters(dst []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		for _, r := range f.fold(s) {
			if unicode.IsLetter(r) {
				dst = utf8.AppendRune(dst, r)
			}
		}
		return dst
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			dst = append(dst, c)
		case 'A' <= c && c <= 'Z':
			dst = append(dst, c+'a'-'A')
		}
	}
	return dst
}
