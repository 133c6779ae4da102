package sample

import (
	"fmt"
	"strings"

	"habilitations/model"
)

// exportGen builds one partner's export and the findings planted in it.
type exportGen struct {
	*gen
	rec      model.Record
	services []model.Service
	dom      string
	rows     []model.Habilitation // rows of this partner
	foreign  []model.Habilitation // rows of an unknown partner (not counted)
	planted  []model.Finding
	next     int
}

// account returns a new account id, unique over all partners: the partner's
// rank then a 4-digit sequence; past 9,999 accounts a dash keeps ids apart
// (« u-1-12345 » cannot equal « u-112345 »).
func (x *exportGen) account() string {
	x.next++
	if x.next > 9999 {
		return fmt.Sprintf("u-%d-%d", x.index+1, x.next)
	}
	return fmt.Sprintf("u-%d%04d", x.index+1, x.next)
}

// row returns an active, recently used habilitation of p.
func (x *exportGen) row(p person, unit string, prof model.Profile) model.Habilitation {
	last := x.opts.AsOf.AddDays(-1 - x.rng.IntN(150))
	h := model.Habilitation{
		Account: x.account(), LastName: p.Last, FirstName: p.First, Email: mailLocal(p) + "@" + x.dom,
		Organisme: x.organisme(), SIRET: x.rec.Convention.Partner.SIRET, Unit: unit, Service: "Cdap",
		Profile: prof, Role: model.RoleUser, Status: model.StatusActive,
		Created: last.AddDays(-x.rng.IntN(1500)), LastLogin: last,
	}
	if x.rng.IntN(12) == 0 { // never logged in, created recently
		h.Created, h.LastLogin = x.opts.AsOf.AddDays(-1-x.rng.IntN(90)), model.Date{}
	}
	if x.rng.IntN(15) == 0 {
		h.Role = model.RoleHabManager
	}
	if len(x.services) == 1 && x.rng.IntN(3) == 0 {
		h.Unit = "" // a single-unit convention takes rows without Structure
	}
	if h.SIRET != "" && x.rng.IntN(8) == 0 {
		h.SIRET, h.Organisme = "", x.rec.Convention.Partner.Name // matched by name
	}
	return h
}

// organisme is the partner as the tool exports it: its short name when the
// SIRET identifies it, else its full name.
func (x *exportGen) organisme() string {
	if x.rec.Convention.Partner.SIRET == "" {
		return x.rec.Convention.Partner.Name
	}
	return x.kind.short(x.gen)
}

// build fills the export: users within quotas, the declared administrators,
// a few deactivated accounts, then the planted anomalies.
func (x *exportGen) build() {
	conv := x.rec.Convention.Number
	type slot struct {
		unit string
		prof model.Profile
	}
	var slots []slot
	for _, s := range x.services {
		for _, p := range model.Profiles {
			q := s.Quotas.Get(p)
			if q == 0 {
				continue
			}
			for range (q+1)/2 + x.rng.IntN(q/2+1) {
				slots = append(slots, slot{s.Unit, p})
			}
		}
	}
	admins := x.rec.PartnerAdmins()
	missing := -1
	if x.chance(x.opts.AnomalyRate) {
		missing = x.rng.IntN(len(admins))
	}
	for i, a := range admins {
		sl := slot{x.services[0].Unit, model.T1}
		if i < len(slots) {
			sl = slots[i]
		}
		first, last, _ := strings.Cut(a.Name, " ")
		h := x.row(person{First: first, Last: last}, sl.unit, sl.prof)
		h.Email, h.Unit = a.Email, sl.unit
		h.Role = model.RoleAdministrator
		if i > 0 {
			h.Role = model.RoleDeputyAdmin
		}
		if i == missing {
			h.Status = model.StatusDisabled
			x.planted = append(x.planted, model.Finding{Code: model.CodeMissingAdmin, Convention: conv, Name: a.Name})
		}
		x.rows = append(x.rows, h)
	}
	for i := len(admins); i < len(slots); i++ {
		x.rows = append(x.rows, x.row(x.person(), slots[i].unit, slots[i].prof))
	}
	for range x.rng.IntN(3) {
		h := x.row(x.person(), x.services[0].Unit, model.T1)
		h.Status = model.StatusDisabled
		h.LastLogin = x.opts.AsOf.AddDays(-300 - x.rng.IntN(400))
		h.Created = h.LastLogin.AddDays(-x.rng.IntN(900))
		x.rows = append(x.rows, h)
	}
	x.plant()
}
