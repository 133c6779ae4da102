package model_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"habilitations/model"
)

var propAsOf = model.NewDate(2026, time.November, 20)

// propWorld is a small random world: a few conventions and export rows drawn
// from small pools, so that collisions (same account, same name, same
// e-mail, unknown units) are frequent.
type propWorld struct {
	Records []model.Record
	Rows    []model.Habilitation
}

var propSIRETs = []string{"26325410637533", "26704777748077", "26107241570343"}
var propUnits = []string{"Service social général", "Pôle insertion", "Résidence Les Tilleuls"}
var propNames = [][2]string{{"MARTIN", "Léa"}, {"ANDRÉ", "Éric"}, {"LE GALL", "Inès"}, {"SAINT-MARTIN", "Zoé"}, {"DURAND", "Marc"}}

func genRecord(t *rapid.T, i int) model.Record {
	r := model.Record{Kind: model.KindDossier, Convention: model.Convention{
		Number:   fmt.Sprintf("%02d/2020", i+1),
		Partner:  model.Partner{Name: fmt.Sprintf("CCAS de Ville-%d", i)},
		SignedOn: "2020-01-15",
	}}
	if rapid.Bool().Draw(t, "siret") {
		r.Convention.Partner.SIRET = propSIRETs[i]
	}
	nu := rapid.IntRange(1, len(propUnits)).Draw(t, "units")
	for u := range nu {
		var q model.Quotas
		for _, p := range model.Profiles {
			q.Set(p, rapid.IntRange(0, 3).Draw(t, "quota"))
		}
		r.Services = append(r.Services, model.Service{Annex: fmt.Sprintf("2.%d", u+1), Unit: propUnits[u], Service: "Cdap", Quotas: q})
	}
	for range rapid.IntRange(0, 2).Draw(t, "admins") {
		n := rapid.SampledFrom(propNames).Draw(t, "admin")
		r.Contacts = append(r.Contacts, model.Contact{Side: model.SidePartner, Role: model.RoleAdmin, Name: n[1] + " " + n[0]})
	}
	return r
}

func genRow(t *rapid.T, recs []model.Record) model.Habilitation {
	n := rapid.SampledFrom(propNames).Draw(t, "name")
	h := model.Habilitation{
		Account:   fmt.Sprintf("u-%d", rapid.IntRange(1, 12).Draw(t, "account")),
		LastName:  n[0],
		FirstName: n[1],
		Email:     rapid.SampledFrom([]string{"lmartin@x.fr", "accueil@x.fr", "eandre@x.fr", "zoe.saint-martin@x.fr", ""}).Draw(t, "email"),
		Service:   "Cdap",
		Profile:   rapid.SampledFrom(model.Profiles[:]).Draw(t, "profile"),
		Role:      rapid.SampledFrom([]string{model.RoleUser, model.RoleAdministrator, model.RoleDeputyAdmin}).Draw(t, "role"),
		Status:    rapid.SampledFrom([]string{model.StatusActive, model.StatusSuspended, model.StatusDisabled}).Draw(t, "status"),
		Created:   propAsOf.AddDays(-rapid.IntRange(0, 900).Draw(t, "created")),
	}
	if rapid.Bool().Draw(t, "logged") {
		h.LastLogin = propAsOf.AddDays(-rapid.IntRange(0, 400).Draw(t, "login"))
	}
	c := rapid.IntRange(0, len(recs)).Draw(t, "conv")
	if c == len(recs) {
		h.Organisme = "Association inconnue"
		return h
	}
	p := recs[c].Convention.Partner
	h.Organisme, h.SIRET = p.Name, p.SIRET
	if rapid.Bool().Draw(t, "nosiret") {
		h.SIRET = ""
	}
	switch u := rapid.IntRange(0, len(recs[c].Services)+1).Draw(t, "unit"); {
	case u < len(recs[c].Services):
		h.Unit = recs[c].Services[u].Unit
	case u == len(recs[c].Services):
		h.Unit = ""
	default:
		h.Unit = "Service inconnu"
	}
	return h
}

func genWorld(t *rapid.T) propWorld {
	var w propWorld
	for i := range rapid.IntRange(1, 3).Draw(t, "conventions") {
		w.Records = append(w.Records, genRecord(t, i))
	}
	for range rapid.IntRange(0, 40).Draw(t, "rows") {
		w.Rows = append(w.Rows, genRow(t, w.Records))
	}
	return w
}

func reconcile(w propWorld) []model.Finding {
	return model.Reconcile(w.Records, w.Rows, propAsOf, model.DefaultReconcileSettings())
}

func quotaFindings(fs []model.Finding) []model.Finding {
	return slices.DeleteFunc(slices.Clone(fs), func(f model.Finding) bool {
		return f.Code != model.CodeQuotaExceeded && f.Code != model.CodeProfileNotAuthorized
	})
}

func TestPropPermutingRowsChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		want := findingKeys(t, reconcile(w))
		w.Rows = rapid.Permutation(w.Rows).Draw(t, "perm")
		w.Records = rapid.Permutation(w.Records).Draw(t, "recperm")
		if got := findingKeys(t, reconcile(w)); !slices.Equal(got, want) {
			t.Fatalf("permuted rows changed findings:\n got %v\nwant %v", got, want)
		}
	})
}

func TestPropDisabledRowNeverChangesQuotaFindings(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		want := findingKeys(t, quotaFindings(reconcile(w)))
		h := genRow(t, w.Records)
		h.Status = model.StatusDisabled
		w.Rows = slices.Insert(w.Rows, rapid.IntRange(0, len(w.Rows)).Draw(t, "at"), h)
		if got := findingKeys(t, quotaFindings(reconcile(w))); !slices.Equal(got, want) {
			t.Fatalf("a Désactivé row changed quota findings:\n got %v\nwant %v", got, want)
		}
	})
}

func TestPropCountsNeverExceedRows(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		slots := 0
		for _, h := range w.Rows {
			if h.HoldsSlot() {
				slots++
			}
		}
		sum := 0
		for _, f := range quotaFindings(reconcile(w)) {
			if f.Count > slots || f.Count <= f.Quota {
				t.Fatalf("count %d with quota %d and %d slot rows: %+v", f.Count, f.Quota, slots, f)
			}
			if (f.Quota == 0) != (f.Code == model.CodeProfileNotAuthorized) {
				t.Fatalf("wrong code for quota %d: %s", f.Quota, f.Code)
			}
			sum += f.Count
		}
		if sum > slots {
			t.Fatalf("findings count %d slots, the rows hold %d", sum, slots)
		}
	})
}

func TestPropQuotaZeroRowIsNotAuthorized(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		c := rapid.IntRange(0, len(w.Records)-1).Draw(t, "conv")
		rec := &w.Records[c]
		u := rapid.IntRange(0, len(rec.Services)-1).Draw(t, "unit")
		p := rapid.SampledFrom(model.Profiles[:]).Draw(t, "profile")
		rec.Services[u].Quotas.Set(p, 0)
		h := genRow(t, w.Records)
		h.Account = "new-account"
		h.Organisme, h.SIRET = rec.Convention.Partner.Name, rec.Convention.Partner.SIRET
		h.Unit, h.Service, h.Profile = rec.Services[u].Unit, "Cdap", p
		h.Status = rapid.SampledFrom([]string{model.StatusActive, model.StatusSuspended}).Draw(t, "status")
		w.Rows = append(w.Rows, h)
		fs := reconcile(w)
		if !slices.ContainsFunc(fs, func(f model.Finding) bool {
			return f.Code == model.CodeProfileNotAuthorized && f.Convention == rec.Convention.Number &&
				f.Unit == rec.Services[u].Unit && f.Profile == p && f.Count >= 1 && f.Quota == 0
		}) {
			t.Fatalf("no profile_not_authorized for %s %s %s in %v", rec.Convention.Number, rec.Services[u].Unit, p, findingKeys(t, fs))
		}
	})
}

// Listing every row twice (the same export given twice) changes nothing:
// slots are counted per account, and identical findings are reported once.
func TestPropDuplicatedExportChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		want := findingKeys(t, reconcile(w))
		w.Rows = append(w.Rows, w.Rows...)
		if got := findingKeys(t, reconcile(w)); !slices.Equal(got, want) {
			t.Fatalf("doubled rows changed findings:\n got %v\nwant %v", got, want)
		}
	})
}

// Findings name only conventions that some row matched, and every finding
// survives the JSON of records.md §4 unchanged.
func TestPropFindingsCoverMatchedConventionsAndRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		fs := reconcile(w)
		matched := map[string]bool{}
		for _, f := range fs {
			if f.Code == model.CodeUnknownPartner {
				continue
			}
			matched[f.Convention] = true
		}
		for conv := range matched {
			i := slices.IndexFunc(w.Records, func(r model.Record) bool { return r.Convention.Number == conv })
			if i < 0 {
				t.Fatalf("finding for unknown convention %q", conv)
			}
			p := w.Records[i].Convention.Partner
			if !slices.ContainsFunc(w.Rows, func(h model.Habilitation) bool {
				return (p.SIRET != "" && h.SIRET == p.SIRET) || model.Fold(h.Organisme) == model.Fold(p.Name)
			}) {
				t.Fatalf("findings for convention %s that no row matches", conv)
			}
		}
		added, resolved := model.DiffFindings(fs, fs)
		if len(added)+len(resolved) != 0 {
			t.Fatalf("DiffFindings(x, x) = %v, %v", added, resolved)
		}
		added, resolved = model.DiffFindings(nil, fs)
		if len(added) != len(fs) || len(resolved) != 0 {
			t.Fatalf("DiffFindings(nil, x): %d added, %d resolved of %d", len(added), len(resolved), len(fs))
		}
	})
}

// Arbitrary rows and records (any strings, unknown profiles and statuses,
// zero dates) never make Reconcile panic, and give only known codes.
func TestPropArbitraryInputNeverPanics(t *testing.T) {
	str := rapid.OneOf(rapid.String(), rapid.SampledFrom([]string{"", " ", "Actif", "T1", "TD", "Cdap", "Service social général", "26325410637533"}))
	rapid.Check(t, func(t *rapid.T) {
		var recs []model.Record
		for range rapid.IntRange(0, 3).Draw(t, "records") {
			r := model.Record{Kind: rapid.SampledFrom([]string{model.KindDossier, model.KindBulletin, ""}).Draw(t, "kind"),
				Convention: model.Convention{Number: str.Draw(t, "number"), SignedOn: str.Draw(t, "signed"),
					Partner: model.Partner{Name: str.Draw(t, "partner"), SIRET: str.Draw(t, "siret")}}}
			for range rapid.IntRange(0, 3).Draw(t, "services") {
				r.Services = append(r.Services, model.Service{Unit: str.Draw(t, "unit"), Service: str.Draw(t, "service"),
					SignedOn: str.Draw(t, "ssigned"), Quotas: model.Quotas{T1: rapid.IntRange(-1, 3).Draw(t, "q")}})
			}
			for range rapid.IntRange(0, 2).Draw(t, "contacts") {
				r.Contacts = append(r.Contacts, model.Contact{Side: model.SidePartner, Role: model.RoleAdmin, Name: str.Draw(t, "cname"), Email: str.Draw(t, "cmail")})
			}
			recs = append(recs, r)
		}
		var rows []model.Habilitation
		for range rapid.IntRange(0, 20).Draw(t, "rows") {
			rows = append(rows, model.Habilitation{Account: str.Draw(t, "id"), LastName: str.Draw(t, "nom"), FirstName: str.Draw(t, "prenom"),
				Email: str.Draw(t, "email"), Organisme: str.Draw(t, "org"), SIRET: str.Draw(t, "rsiret"), Unit: str.Draw(t, "runit"),
				Service: str.Draw(t, "rservice"), Profile: model.Profile(str.Draw(t, "profile")), Role: str.Draw(t, "role"),
				Status: str.Draw(t, "status")})
		}
		for _, f := range model.Reconcile(recs, rows, propAsOf, model.ReconcileSettings{}) {
			if !slices.Contains(model.Codes[:], f.Code) {
				t.Fatalf("unknown code %q", f.Code)
			}
		}
		model.SlotHolders(recs, rows, nil)
	})
}
