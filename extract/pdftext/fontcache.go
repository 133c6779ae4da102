package pdftext

import (
	"reflect"

	"github.com/ledongthuc/pdf"
)

// maxCachedFonts bounds the document-wide font cache; past it fonts are
// still loaded, once per content stream, as without a cache.
const maxCachedFonts = 4096

// fontCache holds the fonts of one document, so that a font used by many
// pages is loaded once: its widths read and above all its ToUnicode CMap
// parsed. A font that is an indirect object (the usual case: every page's
// resources refer to the same font object) is keyed by its object number
// and generation. A font written directly inside a resource dictionary has
// no identity of its own; it is keyed by its resource name and a subset tag
// (ABCDEF+Name), which producers make unique within a document, and is not
// cached without one.
type fontCache struct {
	byRef  map[objRef]*font
	byName map[string]*font
	loads  int    // fonts loaded, for tests
	g      *guard // checked while loading a font (nil in tests)
}

func newFontCache(g *guard) *fontCache {
	return &fontCache{byRef: map[objRef]*font{}, byName: map[string]*font{}, g: g}
}

// get returns the font called name in the /Font resource dictionary dict,
// loading it on first use.
func (c *fontCache) get(dict pdf.Value, name string) *font {
	fv := dict.Key(name)
	ref, ok := objectRef(fv)
	if parent, pok := objectRef(dict); ok && (!pok || parent != ref) { // an indirect object of its own
		return cached(c.byRef, ref, func() *font { return c.load(fv) })
	}
	base := fv.Key("BaseFont").Name()
	if len(base) <= 7 || base[6] != '+' {
		return c.load(fv)
	}
	return cached(c.byName, name+"\x00"+base, func() *font { return c.load(fv) })
}

// cached returns m[k], loading and keeping it on first use while m holds
// fewer than maxCachedFonts fonts.
func cached[K comparable](m map[K]*font, k K, load func() *font) *font {
	if f, hit := m[k]; hit {
		return f
	}
	f := load()
	if len(m) < maxCachedFonts {
		m[k] = f
	}
	return f
}

func (c *fontCache) load(v pdf.Value) *font {
	c.loads++
	return loadFont(v, c.g)
}

// objRef is the number and generation of an indirect PDF object.
type objRef struct{ id, gen uint64 }

// objectRef returns the indirect object that v is, or is written inside.
// The library resolves references transparently and keeps the object's
// number in an unexported field (Value.ptr), read here by reflection: the
// library offers no other way to tell that two pages share a font, and
// resolving reparses the object each time, so no pointer identity either.
// If a later version of the library changes the field, ok is false and the
// cache falls back to subset-tagged names (TestFontCacheByObject fails).
func objectRef(v pdf.Value) (ref objRef, ok bool) {
	p := reflect.ValueOf(v).FieldByName("ptr")
	if p.Kind() != reflect.Struct || p.NumField() != 2 || !isUint(p.Field(0)) || !isUint(p.Field(1)) {
		return objRef{}, false
	}
	ref = objRef{p.Field(0).Uint(), p.Field(1).Uint()}
	return ref, ref.id != 0
}

func isUint(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		return true
	}
	return false
}
