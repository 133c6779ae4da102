package sample

import (
	"slices"
	"strings"

	"habilitations/model"
)

// plant adds the anomalies, each with probability AnomalyRate, and records
// the finding each must give. Quota findings are counted afterwards from
// the rows (quotaFindings), since other anomalies also hold slots.
func (x *exportGen) plant() {
	conv := x.rec.Convention.Number
	add := func(f model.Finding) { f.Convention = conv; x.planted = append(x.planted, f) }
	users := func() []int { // indexes of ordinary active users
		var out []int
		for i, h := range x.rows {
			if h.Role == model.RoleUser && h.Status == model.StatusActive && !h.LastLogin.IsZero() {
				out = append(out, i)
			}
		}
		return out
	}
	svc := x.services[x.rng.IntN(len(x.services))]
	if x.chance(x.opts.AnomalyRate) { // quota overrun
		var profs []model.Profile
		for _, p := range model.Profiles {
			if svc.Quotas.Get(p) > 0 {
				profs = append(profs, p)
			}
		}
		if len(profs) > 0 {
			p := profs[x.rng.IntN(len(profs))]
			for range svc.Quotas.Get(p) + 1 + x.rng.IntN(2) {
				x.rows = append(x.rows, x.row(x.person(), svc.Unit, p))
			}
		}
	}
	if x.chance(x.opts.AnomalyRate) { // profile without quota
		for _, p := range model.Profiles {
			if svc.Quotas.Get(p) == 0 {
				x.rows = append(x.rows, x.row(x.person(), svc.Unit, p))
				break
			}
		}
	}
	if u := users(); len(u) > 0 && x.chance(x.opts.AnomalyRate) { // dormant account
		h := &x.rows[u[x.rng.IntN(len(u))]]
		h.LastLogin = x.opts.AsOf.AddDays(-200 - x.rng.IntN(500))
		h.Created = h.LastLogin.AddDays(-x.rng.IntN(800))
		add(model.Finding{Code: model.CodeDormantAccount, Account: h.Account})
	}
	if u := users(); len(u) > 0 && x.chance(x.opts.AnomalyRate) { // one person, two accounts
		orig := x.rows[u[x.rng.IntN(len(u))]]
		dup := orig
		dup.Account = x.account()
		dup.Created = x.opts.AsOf.AddDays(-30 - x.rng.IntN(200))
		dup.LastLogin = x.opts.AsOf.AddDays(-1 - x.rng.IntN(20))
		x.rows = append(x.rows, dup)
		ids := []string{orig.Account, dup.Account}
		slices.Sort(ids)
		add(model.Finding{Code: model.CodeDuplicateAccount, Accounts: ids})
	}
	if x.chance(x.opts.AnomalyRate) { // shared mailbox
		p := x.person()
		h := x.row(p, svc.Unit, firstQuota(svc))
		for _, box := range []string{"accueil", "secretariat", "contact", "standard", "permanence"} {
			if !sharesNamePart(box, p.Last) {
				h.Email = box + "." + slug(svc.Unit) + "@" + x.dom
				break
			}
		}
		x.rows = append(x.rows, h)
		add(model.Finding{Code: model.CodeSharedMailbox, Account: h.Account})
	}
	if x.chance(x.opts.AnomalyRate) { // administrator not declared in Annexe 1
		h := x.row(x.person(), svc.Unit, firstQuota(svc))
		h.Role = model.RoleDeputyAdmin
		if h.LastLogin.IsZero() {
			h.LastLogin = x.opts.AsOf.AddDays(-3)
		}
		x.rows = append(x.rows, h)
		add(model.Finding{Code: model.CodeUndeclaredAdmin, Account: h.Account})
	}
	if x.chance(x.opts.AnomalyRate) { // unit not in Annexe 2
		h := x.row(x.person(), "", model.T1)
		h.Unit = "Antenne " + deCity(x.pick(x.caf.communes)) + " (hors convention)"
		x.rows = append(x.rows, h)
		add(model.Finding{Code: model.CodeUnknownUnit, Unit: h.Unit, Account: h.Account})
	}
	if x.chance(x.opts.AnomalyRate) { // row of an organisation without convention
		h := x.row(x.person(), "Accueil", model.T1)
		h.SIRET, h.Organisme = "", "Espace de vie sociale "+x.pick(residences)+" "+deCity(x.pick(x.caf.communes))
		x.foreign = append(x.foreign, h)
		x.planted = append(x.planted, model.Finding{Code: model.CodeUnknownPartner, Account: h.Account, Organisme: h.Organisme})
	}
}

// firstQuota returns a profile with a quota in s (T1 when none).
func firstQuota(s model.Service) model.Profile {
	for _, p := range model.Profiles {
		if s.Quotas.Get(p) > 0 {
			return p
		}
	}
	return model.T1
}

// sharesNamePart reports whether the mailbox local part contains a part of
// at least three letters of the last name (the shared-mailbox rule).
func sharesNamePart(local, last string) bool {
	l := letters(local)
	for _, part := range strings.FieldsFunc(fold(last), func(r rune) bool { return r == ' ' || r == '-' || r == '\'' }) {
		if p := letters(part); len(p) >= 3 && strings.Contains(l, p) {
			return true
		}
	}
	return false
}
