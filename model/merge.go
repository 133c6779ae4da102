package model

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// MergeBulletins returns the effective records: every dossier with the
// standalone bulletins of its convention merged in (records.md §1 and §4).
// A bulletin belongs to the dossier with the same convention number whose
// partner has the same SIRET (when both are printed) and, when several
// dossiers share the number, the same folded name. For the same unit and
// service (folded) the latest signed_on wins; otherwise the unit is added.
//
// Returned Annexe 3 forms (admin_change) are then applied to their
// convention's partner administrators, oldest signed first; a form whose
// convention is not among the records is ignored.
//
// A bulletin whose dossier is not known yet is kept, merged with the other
// bulletins of the same convention, as a record of kind bulletin: its quotas
// still apply, but it has no Annexe 1. The input is not modified.
func MergeBulletins(records []Record) []Record {
	var out []Record
	var orphans []Record
	var bulletins, changes []Record
	for _, r := range records {
		if r.Kind == KindAdminChange {
			if r.Admin != nil {
				changes = append(changes, r)
			}
			continue
		}
		if r.Kind == KindBulletin {
			bulletins = append(bulletins, r)
			continue
		}
		r.Services = slices.Clone(r.Services)
		for i := range r.Services {
			if r.Services[i].SignedOn == "" {
				r.Services[i].SignedOn = r.Convention.SignedOn
			}
		}
		out = append(out, r)
	}
	// Oldest first, so that a later bulletin overrides an earlier one
	// whatever the order the files arrived in.
	slices.SortStableFunc(bulletins, func(a, b Record) int { return cmp.Compare(latestSigned(a), latestSigned(b)) })
	for _, b := range bulletins {
		if i := findConvention(out, b.Convention); i >= 0 {
			mergeServices(&out[i], b)
			continue
		}
		if i := findConvention(orphans, b.Convention); i >= 0 {
			mergeServices(&orphans[i], b)
			continue
		}
		b.Services = slices.Clone(b.Services)
		b.Contacts = nil
		orphans = append(orphans, b)
	}
	out = append(out, orphans...)
	slices.SortStableFunc(changes, func(a, b Record) int { return cmp.Compare(a.Admin.SignedOn, b.Admin.SignedOn) })
	for _, c := range changes {
		if i := findConvention(out, c.Convention); i >= 0 {
			ApplyAdminChange(&out[i], *c.Admin)
		}
	}
	return out
}

func latestSigned(r Record) string {
	var d string
	for _, s := range r.Services {
		d = max(d, s.SignedOn)
	}
	return d
}

// findConvention returns the index in rs of the convention c belongs to, or -1.
func findConvention(rs []Record, c Convention) int {
	num := NormalizeNumber(c.Number)
	var cands []int
	for i, r := range rs {
		if NormalizeNumber(r.Convention.Number) != num {
			continue
		}
		if c.Partner.SIRET != "" && r.Convention.Partner.SIRET != "" && c.Partner.SIRET != r.Convention.Partner.SIRET {
			continue
		}
		cands = append(cands, i)
	}
	if len(cands) == 1 {
		return cands[0]
	}
	name := Fold(c.Partner.Name)
	for _, i := range cands {
		if Fold(rs[i].Convention.Partner.Name) == name {
			return i
		}
	}
	return -1
}

// mergeServices applies a bulletin to r: same unit and service, the latest
// signed_on wins (a tie goes to the bulletin, which arrived later); a new
// unit or service is added. The values to verify follow their service: a
// replaced service's are dropped, the bulletin's are renumbered to where
// its services now are (records.md §2b paths index the record's own list).
func mergeServices(r *Record, b Record) {
	r.ToVerify = slices.Clone(r.ToVerify)
	for j, s := range b.Services {
		u, sv := Fold(s.Unit), Fold(s.Service)
		at := -1
		for i := range r.Services {
			cur := &r.Services[i]
			if Fold(cur.Unit) == u && Fold(cur.Service) == sv {
				at = i
				if s.SignedOn >= cur.SignedOn {
					annex := cur.Annex
					*cur = s
					if cur.Annex == "" {
						cur.Annex = annex
					}
					r.ToVerify = dropVerify(r.ToVerify, servicePath(i))
					r.ToVerify = addVerify(r.ToVerify, b.ToVerify, servicePath(j), servicePath(i))
				}
				break
			}
		}
		if at < 0 {
			r.Services = append(r.Services, s)
			r.ToVerify = addVerify(r.ToVerify, b.ToVerify, servicePath(j), servicePath(len(r.Services)-1))
		}
	}
}

func servicePath(i int) string { return "services[" + strconv.Itoa(i) + "]" }

// dropVerify drops from dst the entries under prefix.
func dropVerify(dst []ToVerify, prefix string) []ToVerify {
	return slices.DeleteFunc(dst, func(v ToVerify) bool { return strings.HasPrefix(v.Field, prefix+".") })
}

// addVerify appends src's entries under prefix, renamed under to.
func addVerify(dst, src []ToVerify, prefix, to string) []ToVerify {
	for _, v := range src {
		if rest, ok := strings.CutPrefix(v.Field, prefix+"."); ok {
			v.Field = to + "." + rest
			dst = append(dst, v)
		}
	}
	return dst
}
