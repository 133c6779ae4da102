package model

import (
	"cmp"
	"slices"
	"strings"
)

// convEntry is one effective convention, ready for matching.
type convEntry struct {
	number   string
	annex1   bool // a dossier: its Annexe 1 lists the partner's administrators
	units    []convUnit
	unitByF  map[string]int
	admins   []convAdmin
	signedOn string
}

// convUnit is one Annexe 2 unit and the services it has a bulletin for.
type convUnit struct {
	label string
	svcs  []convService
}

type convService struct {
	label  string
	fold   string
	quotas Quotas
}

// convAdmin is a partner administrator of Annexe 1, folded for matching.
type convAdmin struct {
	name      string
	foldName  string
	foldEmail string
}

// convIndex finds the convention of an export row.
type convIndex struct {
	convs   []convEntry
	bySIRET map[string][]int32
	// bySIRETNum is bySIRET's first convention of each 14-digit SIRET, by
	// its number: match's path for a row of any partner, in any order.
	bySIRETNum map[uint64]int32
	byName     map[string][]int32 // every convention, by folded partner name
	byNameNoID map[string][]int32 // conventions without SIRET, by folded partner name
	f          *foldCache
	cache      map[[2]string]cachedConv // (SIRET, Organisme) as written → convention
	// last is the previous lookup: an export lists one partner's rows one
	// after the other, and comparing two strings is cheaper than hashing them.
	lastKey  [2]string
	lastConv int32
	lastOK   bool
}

func buildConvIndex(records []Record, f *foldCache) *convIndex {
	// When several conventions share a SIRET or a name (a renewed convention),
	// rows go to the most recently signed one.
	records = slices.Clone(records)
	slices.SortStableFunc(records, func(a, b Record) int {
		return cmp.Or(-cmp.Compare(a.Convention.SignedOn, b.Convention.SignedOn),
			cmp.Compare(a.Convention.Number, b.Convention.Number))
	})
	x := &convIndex{bySIRET: map[string][]int32{}, bySIRETNum: map[uint64]int32{}, byName: map[string][]int32{}, byNameNoID: map[string][]int32{},
		f: f, cache: map[[2]string]cachedConv{}}
	for i, r := range records {
		c := convEntry{number: r.Convention.Number, annex1: r.IsDossier(), unitByF: map[string]int{}, signedOn: r.Convention.SignedOn}
		for _, s := range r.Services {
			uf := f.fold(s.Unit)
			u, ok := c.unitByF[uf]
			if !ok {
				u = len(c.units)
				c.unitByF[uf] = u
				c.units = append(c.units, convUnit{label: s.Unit})
			}
			c.units[u].svcs = append(c.units[u].svcs, convService{label: s.Service, fold: f.fold(s.Service), quotas: s.Quotas})
		}
		// At most 64 administrators are told apart (a bit set per account);
		// an Annexe 1 lists two or three.
		for _, a := range r.PartnerAdmins()[:min(64, len(r.PartnerAdmins()))] {
			c.admins = append(c.admins, convAdmin{name: a.Name, foldName: f.fold(a.Name), foldEmail: f.fold(a.Email)})
		}
		x.convs = append(x.convs, c)
		id := int32(i)
		if s := NormalizeSIRET(r.Convention.Partner.SIRET); s != "" {
			x.bySIRET[s] = append(x.bySIRET[s], id)
			if n, ok := siretNumber(s); ok && len(x.bySIRET[s]) == 1 {
				x.bySIRETNum[n] = id
			}
		}
		if n := f.fold(r.Convention.Partner.Name); n != "" {
			x.byName[n] = append(x.byName[n], id)
			if r.Convention.Partner.SIRET == "" {
				x.byNameNoID[n] = append(x.byNameNoID[n], id)
			}
		}
	}
	return x
}

// match returns the convention of row h, or -1 (records.md §4, matching):
// by SIRET, and by folded partner name when either SIRET is empty.
func (x *convIndex) match(h *Habilitation) int32 {
	if x.lastOK && h.Organisme == x.lastKey[1] && h.SIRET == x.lastKey[0] {
		return x.lastConv
	}
	// A SIRET written as the records hold it decides alone (lookup ignores
	// the name when the SIRET is known): when an export's rows come in no
	// order, its 14 digits read as a number are looked up in a map of
	// integers, cheaper than hashing the pair, whose partner name is long,
	// or the digits as a string.
	if n, ok := siretNumber(h.SIRET); ok {
		if c, ok := x.bySIRETNum[n]; ok {
			return c
		}
	}
	e, ok := x.cache[[2]string{h.SIRET, h.Organisme}]
	if !ok {
		// Copied: the row's strings may hold a whole line of the export, or
		// a buffer the reader reuses.
		e = cachedConv{key: [2]string{strings.Clone(h.SIRET), strings.Clone(h.Organisme)}, conv: x.lookup(h)}
		x.cache[e.key] = e
	}
	x.lastKey, x.lastConv, x.lastOK = e.key, e.conv, true
	return e.conv
}

// cachedConv is the convention of a (SIRET, Organisme), with the key as
// stored (match remembers it as the last key, not the row's strings).
type cachedConv struct {
	key  [2]string
	conv int32
}

// lookup is match without the caches.
func (x *convIndex) lookup(h *Habilitation) int32 {
	c := int32(-1)
	siret := NormalizeSIRET(h.SIRET)
	name := x.f.fold(h.Organisme)
	if siret != "" {
		if cs := x.bySIRET[siret]; len(cs) > 0 {
			c = cs[0]
		} else if cs := x.byNameNoID[name]; len(cs) > 0 {
			c = cs[0]
		}
	} else if cs := x.byName[name]; len(cs) > 0 {
		c = cs[0]
	}
	return c
}

// unitOf returns the unit of a row in c, or -1: the unit whose folded label
// equals the folded Structure; a convention with a single unit takes rows
// with an empty Structure.
func (c *convEntry) unitOf(foldedUnit string) int {
	if u, ok := c.unitByF[foldedUnit]; ok {
		return u
	}
	if strings.TrimSpace(foldedUnit) == "" && len(c.units) == 1 {
		return 0
	}
	return -1
}

// siretNumber reads s as a number when it is 14 digits, the form
// NormalizeSIRET leaves (and the export reader gives); 14 digits fit in 47
// bits, and two such strings are equal when their numbers are.
func siretNumber(s string) (uint64, bool) {
	if len(s) != 14 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + uint64(d)
	}
	return n, true
}
