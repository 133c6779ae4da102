package model_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"habilitations/model"
)

// ruleRecord is one dossier with two units and one declared administrator.
func ruleRecord() model.Record {
	return model.Record{Kind: model.KindDossier,
		Convention: model.Convention{Number: "06/2017", SignedOn: "2017-05-03",
			Partner: model.Partner{Name: "Centre Communal d'Action Sociale de Dijon", SIRET: "26210106600252"}},
		Contacts: []model.Contact{
			{Side: model.SidePartner, Role: model.RoleAdmin, Name: "Aline BOUCHARD", Email: "abouchard@ccas-dijon.fr"},
			{Side: model.SidePartner, Role: model.RoleSecurity, Name: "Tony SCHNEIDER"},
			{Side: model.SideCaf, Role: model.RoleAdmin, Name: "Thomas GRANGER"},
		},
		Services: []model.Service{
			{Annex: "2.1", Unit: "Service social général", Service: "Cdap", SignedOn: "2017-05-03", Quotas: model.Quotas{T1: 10}},
			{Annex: "2.2", Unit: "Pôle insertion", Service: "Cdap", SignedOn: "2017-05-03", Quotas: model.Quotas{T1: 1, T13: 1}},
		},
	}
}

// row returns an Actif T1 user of unit 2.1 with a nominative e-mail,
// logged in recently; opts adjust it.
func row(id string, opts ...func(*model.Habilitation)) model.Habilitation {
	h := model.Habilitation{Account: id, LastName: "MARTIN", FirstName: "Léa", Email: "lmartin-" + id + "@ccas-dijon.fr",
		Organisme: "CCAS DE DIJON", SIRET: "26210106600252", Unit: "Service social général", Service: "Cdap",
		Profile: model.T1, Role: model.RoleUser, Status: model.StatusActive,
		Created: model.NewDate(2024, 1, 1), LastLogin: model.NewDate(2026, 11, 1)}
	// distinct people unless a test says otherwise
	h.LastName = "MARTIN" + strings.ToUpper(id)
	h.Email = "l" + strings.ToLower(h.LastName) + "@ccas-dijon.fr"
	for _, o := range opts {
		o(&h)
	}
	return h
}

func TestReconcileRules(t *testing.T) {
	asOf := model.NewDate(2026, time.November, 20)
	admin := func(h *model.Habilitation) {
		h.Role, h.FirstName, h.LastName, h.Email = model.RoleAdministrator, "Aline", "Bouchard", "aline.bouchard@ccas-dijon.fr"
	}
	tests := []struct {
		name string
		rows []model.Habilitation
		want []string // finding keys (code and fields), compared as a set
	}{
		{"within quota, admin declared by name", []model.Habilitation{row("a"), row("b"), row("c", admin)},
			nil},
		{"suspended holds a slot, disabled does not", []model.Habilitation{row("a"), row("b", func(h *model.Habilitation) { h.Status = model.StatusSuspended }),
			row("c", func(h *model.Habilitation) { h.Status = model.StatusDisabled }), row("d", admin)},
			nil},
		{"quota exceeded and profile not authorized", []model.Habilitation{row("a"), row("d", admin),
			row("b", func(h *model.Habilitation) { h.Unit = "Pôle insertion" }),
			row("c", func(h *model.Habilitation) { h.Unit = "Pôle insertion" }),
			row("e", func(h *model.Habilitation) { h.Unit, h.Profile = "Pôle insertion", model.T2 })},
			[]string{"quota_exceeded 06/2017 Pôle insertion Cdap T1 1 2", "profile_not_authorized 06/2017 Pôle insertion Cdap T2 0 1"}},
		{"unit by folded label; unknown and empty unit with two units", []model.Habilitation{row("a", admin),
			row("b", func(h *model.Habilitation) { h.Unit = "  POLE  INSERTION " }),
			row("c", func(h *model.Habilitation) { h.Unit = "Service logement" }),
			row("d", func(h *model.Habilitation) { h.Unit = "" })},
			[]string{"unknown_unit 06/2017 Service logement c", "unknown_unit 06/2017  d"}},
		{"no SIRET: matched by folded name; other SIRET: unknown partner", []model.Habilitation{row("a", admin),
			row("b", func(h *model.Habilitation) { h.SIRET, h.Organisme = "", "centre communal d’action sociale  de DIJON" }),
			row("c", func(h *model.Habilitation) { h.SIRET = "26325410637533" })},
			[]string{"unknown_partner c CCAS DE DIJON"}},
		{"dormant: 181 days yes, 180 no, never logged in uses creation", []model.Habilitation{row("a", admin),
			row("b", func(h *model.Habilitation) { h.LastLogin = asOf.AddDays(-181) }),
			row("c", func(h *model.Habilitation) { h.LastLogin = asOf.AddDays(-180) }),
			row("d", func(h *model.Habilitation) { h.LastLogin, h.Created = model.Date{}, asOf.AddDays(-200) }),
			row("e", func(h *model.Habilitation) { h.LastLogin, h.Status = asOf.AddDays(-400), model.StatusSuspended })},
			[]string{"dormant_account 06/2017 b", "dormant_account 06/2017 d"}},
		{"shared mailbox: parts of 3 letters, hyphens and apostrophes", []model.Habilitation{row("a", admin),
			row("b", func(h *model.Habilitation) { h.LastName, h.Email = "SAINT-ÉTIENNE", "m.etienne@x.fr" }),
			row("c", func(h *model.Habilitation) { h.LastName, h.Email = "D'ALMEIDA", "almeida2@x.fr" }),
			row("d", func(h *model.Habilitation) { h.LastName, h.Email = "LE GALL", "accueil.le@x.fr" }),
			row("e", func(h *model.Habilitation) {
				h.LastName, h.Email = "DUPONT", "secretariat@x.fr"
				h.Status = model.StatusDisabled
			}),
			row("f", func(h *model.Habilitation) { h.LastName, h.Email = "ROY-MARTIN", "c.roy@x.fr" })},
			[]string{"shared_mailbox 06/2017 d"}},
		{"duplicates are transitive: e-mail then name", []model.Habilitation{row("a", admin),
			row("b", func(h *model.Habilitation) { h.Email = "same@x.fr"; h.LastName = "DURAND" }),
			row("c", func(h *model.Habilitation) { h.Email = "SAME@x.fr "; h.LastName, h.FirstName = "PETIT", "Zoé" }),
			row("d", func(h *model.Habilitation) { h.Email = "zpetit@x.fr"; h.LastName, h.FirstName = "Petit", "ZOE" }),
			row("e", func(h *model.Habilitation) {
				h.Email = "zpetit@x.fr"
				h.Status = model.StatusDisabled
				h.Unit = "Pôle insertion"
			})},
			[]string{"duplicate_account 06/2017 b,c,d", "shared_mailbox 06/2017 b", "shared_mailbox 06/2017 c"}},
		{"undeclared admin and missing admin", []model.Habilitation{row("a", func(h *model.Habilitation) { h.Role = model.RoleDeputyAdmin }),
			row("b", func(h *model.Habilitation) { admin(h); h.Status = model.StatusSuspended })},
			[]string{"undeclared_admin 06/2017 a", "missing_admin 06/2017 Aline BOUCHARD"}},
		{"account-level: Actif account with a Suspendu admin row is an administrator; a Désactivé admin row is not",
			[]model.Habilitation{row("a", admin),
				row("b", func(h *model.Habilitation) {
					h.Role = model.RoleAdministrator
					h.Status = model.StatusSuspended
					h.Profile = model.T13
				}),
				row("b"),
				row("c", func(h *model.Habilitation) {
					h.Role = model.RoleAdministrator
					h.Status = model.StatusDisabled
					h.Profile = model.T13
				}),
				row("c")},
			[]string{"undeclared_admin 06/2017 b", "profile_not_authorized 06/2017 Service social général Cdap T13 0 1"}},
		{"admin matched by e-mail", []model.Habilitation{row("a", func(h *model.Habilitation) {
			h.Role, h.Email, h.LastName = model.RoleAdministrator, "ABouchard@ccas-dijon.fr", "BOUCHARD-LEROY"
		})}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := model.Reconcile([]model.Record{ruleRecord()}, tc.rows, asOf, model.DefaultReconcileSettings())
			var keys []string
			for _, f := range got {
				keys = append(keys, strings.Join(strings.Fields(strings.ReplaceAll(f.Key(), "\x1f", " ")), " ")+countSuffix(f))
			}
			want := slices.Clone(tc.want)
			for i, w := range want {
				want[i] = strings.Join(strings.Fields(w), " ")
			}
			slices.Sort(keys)
			slices.Sort(want)
			if !slices.Equal(keys, want) {
				t.Errorf("findings\n got %q\nwant %q", keys, want)
			}
		})
	}
}

func countSuffix(f model.Finding) string {
	if f.Code == model.CodeQuotaExceeded || f.Code == model.CodeProfileNotAuthorized {
		return " " + strconv.Itoa(f.Quota) + " " + strconv.Itoa(f.Count)
	}
	return ""
}

func TestReconcileSingleUnitTakesEmptyStructure(t *testing.T) {
	r := ruleRecord()
	r.Services = r.Services[:1]
	r.Contacts = nil
	var rows []model.Habilitation
	for _, id := range "abcdefghijk" {
		rows = append(rows, row(string(id), func(h *model.Habilitation) { h.Unit = []string{"", " ", "Service social général"}[id%3] }))
	}
	got := model.Reconcile([]model.Record{r}, rows, model.NewDate(2026, 11, 20), model.ReconcileSettings{})
	if len(got) != 1 || got[0].Code != model.CodeQuotaExceeded || got[0].Count != 11 {
		t.Fatalf("got %+v, want one quota_exceeded with count 11", got)
	}
}

func TestReconcileSettings(t *testing.T) {
	asOf := model.NewDate(2026, 11, 20)
	rows := []model.Habilitation{row("a", func(h *model.Habilitation) {
		h.LastLogin, h.LastName, h.Email = asOf.AddDays(-40), "LI", "li.wang@x.fr"
	})}
	r := ruleRecord()
	r.Contacts = nil
	codes := func(s model.ReconcileSettings) []model.Code {
		var cs []model.Code
		for _, f := range model.Reconcile([]model.Record{r}, rows, asOf, s) {
			cs = append(cs, f.Code)
		}
		return cs
	}
	if got := codes(model.DefaultReconcileSettings()); len(got) != 0 {
		t.Errorf("defaults: got %v, want none (a Nom shorter than 3 letters is looked for whole)", got)
	}
	if got := codes(model.ReconcileSettings{DormantDays: 30}); !slices.Equal(got, []model.Code{model.CodeDormantAccount}) {
		t.Errorf("30 days: got %v", got)
	}
}

func TestMergeBulletins(t *testing.T) {
	d := ruleRecord()
	bull := func(num, siret, unit, signed string, t1 int) model.Record {
		return model.Record{Kind: model.KindBulletin, Convention: model.Convention{Number: num, Partner: model.Partner{Name: "CCAS", SIRET: siret}},
			Services: []model.Service{{Annex: "2.1", Unit: unit, Service: "Cdap", SignedOn: signed, Quotas: model.Quotas{T1: t1}}}}
	}
	tests := []struct {
		name  string
		in    []model.Record
		want  int // number of effective records
		quota map[string]int
	}{
		{"later bulletin replaces", []model.Record{bull("06 / 2017", "", "SERVICE SOCIAL GÉNÉRAL", "2020-01-01", 9), d}, 1,
			map[string]int{"service social general": 9, "pole insertion": 1}},
		{"latest wins whatever the order", []model.Record{bull("06/2017", "", "Service social général", "2022-01-01", 7), d,
			bull("06/2017", "", "Service social général", "2020-01-01", 9)}, 1,
			map[string]int{"service social general": 7}},
		{"older bulletin does not replace", []model.Record{d, bull("06/2017", "", "Service social général", "2016-01-01", 9)}, 1,
			map[string]int{"service social general": 10}},
		{"new unit is added", []model.Record{d, bull("06/2017", "26210106600252", "Pôle seniors", "2023-01-01", 4)}, 1,
			map[string]int{"pole seniors": 4, "service social general": 10}},
		{"other SIRET: orphan", []model.Record{d, bull("06/2017", "26325410637533", "Pôle seniors", "2023-01-01", 4)}, 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := d.Services[0].Quotas
			got := model.MergeBulletins(tc.in)
			if len(got) != tc.want {
				t.Fatalf("%d records, want %d", len(got), tc.want)
			}
			if d.Services[0].Quotas != before {
				t.Fatal("input modified")
			}
			for unit, q := range tc.quota {
				i := slices.IndexFunc(got[0].Services, func(s model.Service) bool { return model.Fold(s.Unit) == unit })
				if i < 0 || got[0].Services[i].Quotas.T1 != q {
					t.Errorf("unit %s: %+v, want T1 %d", unit, got[0].Services, q)
				}
			}
		})
	}
}

func TestSlotHolders(t *testing.T) {
	asOf := model.NewDate(2026, 11, 20)
	rows := []model.Habilitation{
		row("a", func(h *model.Habilitation) { h.Unit, h.Created = "Pôle insertion", model.NewDate(2020, 1, 1) }),
		row("b", func(h *model.Habilitation) { h.Unit, h.Created = "POLE INSERTION", model.NewDate(2025, 1, 1) }),
		row("c", func(h *model.Habilitation) { h.Unit, h.Status = "Pôle insertion", model.StatusDisabled }),
		row("d", func(h *model.Habilitation) { h.Unit, h.Created = "Pôle insertion", model.NewDate(2023, 1, 1) }),
		row("d", func(h *model.Habilitation) { h.Unit, h.Created = "Pôle insertion", model.NewDate(2023, 1, 1) }),
	}
	recs := []model.Record{ruleRecord()}
	fs := model.Reconcile(recs, rows, asOf, model.DefaultReconcileSettings())
	i := slices.IndexFunc(fs, func(f model.Finding) bool { return f.Code == model.CodeQuotaExceeded })
	if i < 0 {
		t.Fatalf("no quota_exceeded in %v", fs)
	}
	got := model.SlotHolders(recs, rows, fs)[fs[i].Key()]
	var ids []string
	for _, h := range got {
		ids = append(ids, h.Account)
	}
	if !slices.Equal(ids, []string{"b", "d", "a"}) || len(got) != fs[i].Count {
		t.Fatalf("holders %v, want [b d a] (newest first, one per account, count %d)", ids, fs[i].Count)
	}
}
