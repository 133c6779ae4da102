package sample

import (
	"fmt"
	"slices"
	"strings"

	"habilitations/model"
)

func upper(s string) string { return strings.ToUpper(s) }

// partner generates one partner: dossier, later bulletins, export.
func (g *gen) partner() Partner {
	r := g.record()
	p := Partner{Record: r, Stem: fmt.Sprintf("convention-%s-%s-%s", slug(r.Convention.Number), g.kind.code, slug(g.city))}
	if g.chance(g.opts.BulletinRate) {
		p.Bulletins = append(p.Bulletins, g.laterBulletin(r))
	}
	x := &exportGen{gen: g, rec: r, services: effectiveServices(r, p.Bulletins), dom: g.kind.domain(g)}
	x.build()
	p.Planted = append(x.planted, quotaFindings(r.Convention.Number, x.services, x.rows)...)
	p.Export = append(x.rows, x.foreign...)
	slices.SortStableFunc(p.Export, func(a, b model.Habilitation) int { return strings.Compare(a.Account, b.Account) })
	model.SortFindings(p.Planted)
	return p
}

// laterBulletin is a standalone bulletin signed after the dossier: new quotas
// for an existing unit, or a new unit.
func (g *gen) laterBulletin(r model.Record) model.Record {
	signed, _ := model.ParseISODate(r.Convention.SignedOn)
	s := model.Service{Service: "Cdap", SignedOn: signed.AddDays(200 + g.rng.IntN(900)).String(), Quotas: g.quotas()}
	if n := len(r.Services); g.rng.IntN(2) == 0 || n >= len(g.kind.units) {
		old := r.Services[g.rng.IntN(n)]
		s.Annex, s.Unit = old.Annex, old.Unit
	} else {
		s.Annex = fmt.Sprintf("2.%d", n+1)
		for _, u := range g.kind.units {
			label := g.unitLabel(u)
			if !slices.ContainsFunc(r.Services, func(x model.Service) bool { return fold(x.Unit) == fold(label) }) {
				s.Unit = label
				break
			}
		}
	}
	return model.Record{
		Kind: model.KindBulletin,
		Convention: model.Convention{Number: r.Convention.Number,
			Partner: model.Partner{Name: r.Convention.Partner.Name, SIRET: r.Convention.Partner.SIRET}},
		Contacts: []model.Contact{},
		Services: []model.Service{s},
	}
}

// effectiveServices applies later bulletins to the dossier's units (the
// latest bulletin of a unit wins; a new unit is added), as records.md §1 says.
func effectiveServices(r model.Record, bulletins []model.Record) []model.Service {
	out := slices.Clone(r.Services)
	for _, b := range bulletins {
		for _, s := range b.Services {
			i := slices.IndexFunc(out, func(x model.Service) bool {
				return fold(x.Unit) == fold(s.Unit) && x.Service == s.Service
			})
			if i >= 0 {
				out[i] = s
			} else {
				out = append(out, s)
			}
		}
	}
	return out
}

// quotaFindings counts the slots held per unit and profile, as reconciliation
// does, and returns the quota findings they give.
func quotaFindings(conv string, services []model.Service, rows []model.Habilitation) []model.Finding {
	type key struct {
		unit    string
		profile model.Profile
	}
	counts := map[key]int{}
	for _, h := range rows {
		unit := h.Unit
		if unit == "" && len(services) == 1 {
			unit = services[0].Unit
		}
		if h.HoldsSlot() {
			counts[key{fold(unit), h.Profile}]++
		}
	}
	var out []model.Finding
	for _, s := range services {
		for _, p := range model.Profiles {
			q, c := s.Quotas.Get(p), counts[key{fold(s.Unit), p}]
			f := model.Finding{Convention: conv, Unit: s.Unit, Service: s.Service, Profile: p, Quota: q, Count: c}
			switch {
			case q > 0 && c > q:
				f.Code = model.CodeQuotaExceeded
			case q == 0 && c > 0:
				f.Code = model.CodeProfileNotAuthorized
			default:
				continue
			}
			out = append(out, f)
		}
	}
	return out
}
