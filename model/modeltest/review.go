package modeltest

import (
	"fmt"
	"strings"

	"habilitations/model"
)

// Fictional names of the review workload (no real person).
var (
	reviewLastNames  = []string{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Dupont"}
	reviewFirstNames = []string{"Léa", "Hugo", "Chloé", "Louis", "Inès", "Jules", "Zoé", "Émile", "Anaïs", "Noé", "Maëlle", "Théo", "Clémence", "Gaël", "Océane"}
)

// ReviewAsOf is the date of the review workload.
var ReviewAsOf = model.NewDate(2026, 11, 25)

// ReviewRecord is the fictional convention of the review workload: a
// dossier with three units and two declared administrators.
func ReviewRecord() model.Record {
	return model.Record{Kind: model.KindDossier,
		Convention: model.Convention{Number: "06/2017", SignedOn: "2017-05-03", SignedAt: "Dijon", Management: model.ManagementDelegated, TermMonths: 12, TacitRenewal: true,
			Caf:     model.Party{Name: "Caisse d'Allocations familiales de la Côte-d'Or", Representative: "Bernadette Fictive", Title: "Directrice"},
			Partner: model.Partner{Name: "Centre communal d'action sociale de Villefictive", SIRET: "26210106600252", Representative: "Gérard Exemple", Title: "Président"}},
		Contacts: []model.Contact{
			{Side: model.SidePartner, Role: model.RoleAdmin, Name: "Aline Bouchet", Email: "aline.bouchet@ccas-villefictive.fr", Phone: "+33380441021"},
			{Side: model.SidePartner, Role: model.RoleAdmin, Name: "Marc Ségur", Email: "marc.segur@ccas-villefictive.fr"},
		},
		Services: []model.Service{
			{Annex: "2.1", Unit: "Service social général", Service: "Cdap", SignedOn: "2017-05-03", Quotas: model.Quotas{T1: 25, T13: 6}},
			{Annex: "2.2", Unit: "Pôle insertion", Service: "Cdap", SignedOn: "2017-05-03", Quotas: model.Quotas{T1: 10, T4: 4, T5: 2}},
			{Annex: "2.3", Unit: "Accueil de jour", Service: "Cdap", SignedOn: "2019-09-12", Quotas: model.Quotas{T2: 3}},
		},
	}
}

// ReviewRows makes n deterministic export rows for ReviewRecord (plus one
// duplicate when n > 10), with dormant accounts, quota excesses, a profile
// not authorised, shared mailboxes, a duplicate and an undeclared
// administrator among them: half of the accounts have a finding, a worst
// case for the review workbook's « Anomalies » sheet.
func ReviewRows(n int) []model.Habilitation {
	rec := ReviewRecord()
	units := []string{"Service social général", "Pôle insertion", "Accueil de jour"}
	profiles := [][]model.Profile{{model.T1, model.T13}, {model.T1, model.T4, model.T5}, {model.T2}}
	rows := make([]model.Habilitation, 0, n+1)
	for i := 0; i < n; i++ {
		u := i % 3
		if i%41 == 7 {
			u = 0
		}
		ps := profiles[u]
		p := ps[(i/3)%len(ps)]
		if i%53 == 5 {
			p = model.T5 // not authorised in unit 0 → profile_not_authorized
			u = 0
		}
		last, first := reviewName(i), reviewFirstNames[(i/len(reviewLastNames))%len(reviewFirstNames)]
		email := fmt.Sprintf("%s.%s%d@ccas-villefictive.fr", cachedLetters(first), cachedLetters(last), i)
		if i%97 == 11 {
			email = fmt.Sprintf("accueil%d@ccas-villefictive.fr", i) // shared mailbox
		}
		h := model.Habilitation{Account: fmt.Sprintf("u-%05d", 10000+i), LastName: last, FirstName: first, Email: email,
			Organisme: rec.Convention.Partner.Name, SIRET: rec.Convention.Partner.SIRET, Unit: units[u], Service: "Cdap",
			Profile: p, Role: model.RoleUser, Status: model.StatusActive,
			Created:   model.NewDate(2018, 1, 1).AddDays(i % 2800),
			LastLogin: model.NewDate(2026, 11, 20).AddDays(-(i * 7 % 400))}
		switch {
		case i%29 == 3:
			h.Status = model.StatusDisabled
		case i%31 == 4:
			h.Status = model.StatusSuspended
		case i%37 == 9:
			h.LastLogin = model.Date{} // never logged in
		}
		if i == 1 {
			h.Role, h.FirstName, h.LastName, h.Email = model.RoleAdministrator, "Aline", "Bouchet", "aline.bouchet@ccas-villefictive.fr"
		}
		if i == 2 {
			h.Role = model.RoleDeputyAdmin // undeclared administrator
		}
		rows = append(rows, h)
	}
	if n > 10 { // a duplicate: same person, second id
		d := rows[4]
		d.Account = "u-99999"
		rows = append(rows, d)
	}
	return rows
}

// Review returns the review of ReviewRecord with ReviewRows(n) and the
// findings of model.Reconcile, as of ReviewAsOf.
func Review(n int) model.Review {
	rec := ReviewRecord()
	rows := ReviewRows(n)
	fs := model.Reconcile([]model.Record{rec}, rows, ReviewAsOf, model.DefaultReconcileSettings())
	return model.BuildReview(rec, model.RowsOfConvention(rec, rows), fs, ReviewAsOf)
}

// syllables make unique fictional surnames: 24³ of them.
var syllables = []string{"ba", "ché", "do", "fa", "gu", "lé", "mi", "no", "pa", "ro", "sa", "té", "vi", "zo", "ber", "cam", "dur", "gal", "mar", "nel", "ran", "sol", "tin", "vel"}

// reviewName returns a surname unique for i < 24³ (the first twenty are
// common French surnames, as a real export starts).
func reviewName(i int) string {
	if i < len(reviewLastNames) {
		return reviewLastNames[i]
	}
	n := len(syllables)
	s := syllables[i%n] + syllables[(i/n)%n] + syllables[(i/n/n)%n]
	return strings.ToUpper(s[:1]) + s[1:]
}
