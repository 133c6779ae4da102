package sample

import (
	"fmt"
	"slices"
	"strings"

	"habilitations/model"
)

// partnerKind is a type of partner with its names, units and usual quotas.
type partnerKind struct {
	code      string // short code for file names and e-mail domains
	sirenHead string // first digits of the SIREN (26 public establishment, 22 département…)
	name      func(g *gen) string
	short     func(g *gen) string // the Organisme as the partner's tool exports it
	domain    func(g *gen) string
	titles    [2]string // representative's title, masculine / feminine
	units     []string
	quotas    func(g *gen) model.Quotas
}

var kinds = []partnerKind{
	{code: "ccas", sirenHead: "26",
		name:   func(g *gen) string { return "Centre Communal d'Action Sociale de la Ville " + deCity(g.city) },
		short:  func(g *gen) string { return "CCAS " + upper(deCity(g.city)) },
		domain: func(g *gen) string { return "ccas-" + slug(g.city) + ".fr" },
		titles: [2]string{"Président", "Vice-Présidente"},
		units:  []string{"Service social général", "Service Domiciliation", "Résidence %s", "Pôle seniors", "Épicerie sociale", "Service logement"},
		quotas: func(g *gen) model.Quotas {
			return model.Quotas{T1: g.rng.IntN(20), T2: g.rng.IntN(3) / 2, T13: 1 + g.rng.IntN(6)}
		}},
	{code: "cd", sirenHead: "22",
		name:   func(g *gen) string { return "Conseil départemental " + g.caf.deptName },
		short:  func(g *gen) string { return "DEPARTEMENT " + upper(g.caf.num) },
		domain: func(g *gen) string { return "departement" + g.caf.num + ".fr" },
		titles: [2]string{"Président du Conseil départemental", "Présidente du Conseil départemental"},
		units:  []string{"Maison départementale des solidarités de %s", "Direction de l'insertion", "Service RSA", "Pôle enfance famille", "Fonds de solidarité logement", "Service de l'aide sociale à l'enfance"},
		quotas: func(g *gen) model.Quotas {
			return model.Quotas{T1: 2 + g.rng.IntN(30), T4: g.rng.IntN(12), T5: g.rng.IntN(8), T13: g.rng.IntN(6)}
		}},
	{code: "ch", sirenHead: "26",
		name:   func(g *gen) string { return "Centre Hospitalier " + deCity(g.city) },
		short:  func(g *gen) string { return "CH " + upper(deCity(g.city)) },
		domain: func(g *gen) string { return "ch-" + slug(g.city) + ".fr" },
		titles: [2]string{"Directeur général", "Directrice générale"},
		units:  []string{"Service social hospitalier", "Permanence d'accès aux soins de santé", "Service de psychiatrie adulte"},
		quotas: func(g *gen) model.Quotas { return model.Quotas{T1: 1 + g.rng.IntN(8)} }},
	{code: "udaf", sirenHead: "77",
		name:   func(g *gen) string { return "Union Départementale des Associations Familiales " + g.caf.deptName },
		short:  func(g *gen) string { return "UDAF " + g.caf.num },
		domain: func(g *gen) string { return "udaf" + g.caf.num + ".fr" },
		titles: [2]string{"Président", "Présidente"},
		units:  []string{"Service mandataire judiciaire", "Service d'aide à la gestion du budget familial", "Point conseil budget"},
		quotas: func(g *gen) model.Quotas { return model.Quotas{T1: 1 + g.rng.IntN(10), T13: g.rng.IntN(3)} }},
	{code: "commune", sirenHead: "21",
		name:   func(g *gen) string { return "Commune " + deCity(g.city) },
		short:  func(g *gen) string { return "MAIRIE " + upper(deCity(g.city)) },
		domain: func(g *gen) string { return "ville-" + slug(g.city) + ".fr" },
		titles: [2]string{"Maire", "Maire"},
		units:  []string{"Service des affaires sociales", "Service petite enfance", "Service logement"},
		quotas: func(g *gen) model.Quotas {
			return model.Quotas{T1: g.rng.IntN(5), T2: 1 + g.rng.IntN(3), T13: g.rng.IntN(4)}
		}},
}

// record builds the dossier of the partner.
func (g *gen) record() model.Record {
	g.caf = cafs[g.rng.IntN(len(cafs))]
	g.kind = kinds[g.rng.IntN(len(kinds))]
	g.city = g.pick(g.caf.communes)
	year := 2012 + g.index%14
	seq := g.index/14 + 1
	number := fmt.Sprintf("%02d/%d", seq, year)
	if g.index%5 == 3 {
		number = fmt.Sprintf("%d-%03d", year, seq)
	}
	signed := g.date(year)
	cafRep, partnerRep := g.person(), g.person()
	cafTitle := "Directeur"
	if cafRep.Female {
		cafTitle = "Directrice"
	}
	ptitle := g.kind.titles[0]
	if partnerRep.Female {
		ptitle = g.kind.titles[1]
	}
	term, tacit := 12, true
	if g.kind.code == "cd" && g.rng.IntN(2) == 0 {
		term = 36
	}
	r := model.Record{
		Kind: model.KindDossier,
		Convention: model.Convention{
			Number: number,
			Caf: model.Party{Name: "Caisse d'Allocations familiales " + g.caf.dept, Address: g.caf.address,
				Representative: cafRep.Name(), Title: cafTitle},
			Partner: model.Partner{Name: g.kind.name(g), Representative: partnerRep.Name(), Title: ptitle,
				Address: fmt.Sprintf("%d %s - %s%03d %s", 1+g.rng.IntN(40), g.pick(streets), g.caf.num, 10*g.rng.IntN(99), upper(g.city))},
			SignedOn: signed.String(), SignedAt: g.caf.city,
			Management: model.ManagementDelegated, TermMonths: term, TacitRenewal: tacit,
		},
	}
	if g.kind.code != "ch" || g.rng.IntN(2) == 0 {
		r.Convention.Partner.SIRET = g.siret(g.kind.sirenHead)
	}
	r.Contacts = g.contacts()
	units := slices.Clone(g.kind.units)
	g.rng.Shuffle(len(units)-1, func(i, j int) { units[i+1], units[j+1] = units[j+1], units[i+1] })
	nu := 1 + g.rng.IntN(min(6, len(units)))
	for i := range nu {
		r.Services = append(r.Services, model.Service{Annex: fmt.Sprintf("2.%d", i+1), Unit: g.unitLabel(units[i]),
			Service: "Cdap", SignedOn: signed.String(), Quotas: g.quotas()})
	}
	return r
}

// deCity returns « de Beaune », « d'Agde », « du Havre ».
func deCity(city string) string {
	switch {
	case strings.HasPrefix(city, "Le "):
		return "du " + city[3:]
	case strings.HasPrefix(city, "Les "):
		return "des " + city[4:]
	case strings.ContainsAny(fold(city)[:1], "aeiouyh"):
		return "d'" + city
	}
	return "de " + city
}

func (g *gen) unitLabel(pattern string) string {
	switch pattern {
	case "Résidence %s":
		return fmt.Sprintf(pattern, g.pick(residences))
	case "Maison départementale des solidarités de %s":
		return "Maison départementale des solidarités " + deCity(g.pick(g.caf.communes))
	}
	return pattern
}

// quotas draws the quota table of one unit, never all zero.
func (g *gen) quotas() model.Quotas {
	q := g.kind.quotas(g)
	if q.Total() == 0 {
		q.T1 = 1
	}
	for _, p := range model.Profiles {
		q.Set(p, q.Get(p)*g.opts.QuotaScale)
	}
	return q
}

// contacts draws Annexe 1: one or two partner administrators, the security
// officer and the privacy referent, then the Caf's contacts.
func (g *gen) contacts() []model.Contact {
	dom := g.kind.domain(g)
	var out []model.Contact
	add := func(side, role string, p person, email, phone string) {
		out = append(out, model.Contact{Side: side, Role: role, Name: p.Name(), Email: email, Phone: phone})
	}
	for range 1 + g.rng.IntN(2) {
		p := g.person()
		add(model.SidePartner, model.RoleAdmin, p, mailLocal(p)+"@"+dom, g.phone())
	}
	for _, role := range []string{model.RoleSecurity, model.RolePrivacy} {
		p := g.person()
		add(model.SidePartner, role, p, mailLocal(p)+"@"+dom, g.phone())
	}
	desk := fmt.Sprintf("moncomptepartenaire.caf%s@caf.cnafmail.fr", g.caf.num)
	for i := range 1 + g.rng.IntN(3) {
		email := ""
		if i == 0 {
			email = desk
		}
		add(model.SideCaf, model.RoleAdmin, g.person(), email, "")
	}
	add(model.SideCaf, model.RoleSecurity, g.person(), desk, "")
	add(model.SideCaf, model.RolePrivacy, g.person(), "", "")
	return out
}

// siret returns a 14-digit SIRET passing the Luhn check, starting with head.
func (g *gen) siret(head string) string {
	for {
		s := head
		for len(s) < 13 {
			s += fmt.Sprint(g.rng.IntN(10))
		}
		for d := range 10 {
			c := s + fmt.Sprint(d)
			if model.ValidSIRET(c) {
				return c
			}
		}
	}
}
