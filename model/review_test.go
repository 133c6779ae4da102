package model_test

import (
	"strings"
	"testing"

	"habilitations/model"
)

func mustDate(tb testing.TB, s string) model.Date {
	tb.Helper()
	d, err := model.ParseISODate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func TestReviewDue(t *testing.T) {
	for _, tc := range []struct{ signed, asOf, want string }{
		{"2017-05-03", "2026-01-10", "2026-05-03"},
		{"2017-05-03", "2026-05-03", "2026-05-03"},
		{"2017-05-03", "2026-05-04", "2027-05-03"},
		{"2016-02-29", "2026-01-01", "2026-02-28"},
		{"2016-02-29", "2027-12-01", "2028-02-29"},
		{"", "2026-01-01", ""},
	} {
		t.Run(tc.signed+"@"+tc.asOf, func(t *testing.T) {
			if got := model.ReviewDue(tc.signed, mustDate(t, tc.asOf)).String(); got != tc.want {
				t.Errorf("ReviewDue = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNeedsJustification(t *testing.T) {
	for _, tc := range []struct {
		v    model.Verdict
		d    model.Decision
		want bool
	}{
		{model.VerdictRemove, model.DecisionRemove, false},
		{model.VerdictRemove, model.DecisionKeep, true},
		{model.VerdictRemove, model.DecisionChangeProfile, true},
		{model.VerdictRemove, model.DecisionUnsure, true},
		{model.VerdictCheck, model.DecisionKeep, true},
		{model.VerdictCheck, model.DecisionChangeProfile, false},
		{model.VerdictKeep, model.DecisionRemove, false},
		{model.VerdictKeep, model.DecisionKeep, false},
	} {
		t.Run(string(tc.v)+"/"+string(tc.d), func(t *testing.T) {
			if got := model.NeedsJustification(tc.v, tc.d); got != tc.want {
				t.Errorf("got %v", got)
			}
		})
	}
}

func TestParseDecision(t *testing.T) {
	for in, want := range map[string]model.Decision{"maintenir": model.DecisionKeep, " MODIFIER  le profil": model.DecisionChangeProfile, "ne sait pas": model.DecisionUnsure} {
		if got, ok := model.ParseDecision(in); !ok || got != want {
			t.Errorf("ParseDecision(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := model.ParseDecision("Garder"); ok {
		t.Error("Garder accepted")
	}
}

func TestReviewRowKeyStable(t *testing.T) {
	a := model.ReviewRowKey("06/2017", "u-1", "Service social général", "Cdap", model.T1)
	b := model.ReviewRowKey("06/2017", "U-1", "SERVICE SOCIAL GENERAL", "cdap", model.T1)
	c := model.ReviewRowKey("06/2017", "u-1", "Service social général", "Cdap", model.T2)
	if a != b || a == c || len(a) != 16 {
		t.Errorf("keys %s %s %s", a, b, c)
	}
}

// reviewFixture is a convention with one unit (T1: 2, T2: 0) and rows that
// exercise every recommendation.
func reviewFixture(t *testing.T) (model.Record, []model.Habilitation, []model.Finding) {
	t.Helper()
	rec := model.Record{Kind: model.KindDossier,
		Convention: model.Convention{Number: "06/2017", SignedOn: "2017-05-03",
			Partner: model.Partner{Name: "CCAS de Dijon"}},
		Services: []model.Service{{Annex: "2.1", Unit: "Service social", Service: "Cdap", Quotas: model.Quotas{T1: 2}}},
	}
	row := func(id, last, created, login, status string, p model.Profile) model.Habilitation {
		h := model.Habilitation{Account: id, LastName: last, FirstName: "Anne", Email: strings.ToLower(last) + "@x.fr",
			Organisme: "CCAS de Dijon", Unit: "Service social", Service: "Cdap", Profile: p, Role: model.RoleUser,
			Status: status, Created: mustDate(t, created)}
		if login != "" {
			h.LastLogin = mustDate(t, login)
		}
		return h
	}
	rows := []model.Habilitation{
		row("u1", "Martin", "2020-01-01", "2026-11-01", model.StatusActive, model.T1),
		row("u2", "Durand", "2021-01-01", "2026-11-01", model.StatusActive, model.T1),
		row("u3", "Petit", "2024-01-01", "2026-11-01", model.StatusActive, model.T1), // beyond quota (newest)
		row("u4", "Leroy", "2019-01-01", "2025-01-01", model.StatusActive, model.T2), // not authorised + dormant
		row("u5", "Moreau", "2019-01-01", "", model.StatusDisabled, model.T1),
		row("u6", "Simon", "2022-01-01", "2026-11-01", model.StatusActive, model.T2),
	}
	rows[5].Email = "accueil@x.fr"
	fs := []model.Finding{
		{Code: model.CodeQuotaExceeded, Convention: "06/2017", Unit: "Service social", Service: "Cdap", Profile: model.T1, Quota: 2, Count: 3},
		{Code: model.CodeProfileNotAuthorized, Convention: "06/2017", Unit: "Service social", Service: "Cdap", Profile: model.T2, Quota: 0, Count: 2},
		{Code: model.CodeDormantAccount, Convention: "06/2017", Account: "u4"},
		{Code: model.CodeSharedMailbox, Convention: "06/2017", Account: "u6"},
		{Code: model.CodeDormantAccount, Convention: "99/2020", Account: "u1"}, // other convention: ignored
	}
	return rec, rows, fs
}

func TestBuildReviewRecommendations(t *testing.T) {
	rec, rows, fs := reviewFixture(t)
	rv := model.BuildReview(rec, rows, fs, mustDate(t, "2026-11-25"))
	if rv.Due.String() != "2027-05-03" {
		t.Errorf("due %s", rv.Due)
	}
	want := map[string]struct {
		v      model.Verdict
		reason string
	}{
		"u1": {model.VerdictKeep, "Aucune anomalie"},
		"u2": {model.VerdictKeep, "Aucune anomalie"},
		"u3": {model.VerdictRemove, "Au-delà du quota T1"},
		"u4": {model.VerdictRemove, "inactif depuis 693 jours"},
		"u5": {model.VerdictKeep, "désactivé"},
		"u6": {model.VerdictRemove, "boîte partagée"},
	}
	for _, r := range rv.Rows {
		t.Run(r.Account, func(t *testing.T) {
			w := want[r.Account]
			if r.Verdict != w.v || !strings.Contains(r.Reason, w.reason) {
				t.Errorf("got %s %q, want %s ~%q", r.Verdict, r.Reason, w.v, w.reason)
			}
		})
	}
	if len(rv.Findings) != 4 {
		t.Errorf("findings of the convention: %d", len(rv.Findings))
	}
	states := map[model.Profile]model.QuotaState{}
	for _, q := range rv.Quotas {
		states[q.Profile] = q.State()
	}
	if states[model.T1] != model.QuotaExceeded || states[model.T2] != model.QuotaNotAuthorised || len(rv.Quotas) != 2 {
		t.Errorf("quotas %+v", rv.Quotas)
	}
}

func TestActionsAndCheck(t *testing.T) {
	ds := []model.ReviewDecision{
		{Convention: "c", Account: "a", Unit: "U", Service: "Cdap", Profile: model.T1, Decision: model.DecisionKeep},
		{Convention: "c", Account: "b", Unit: "U", Service: "Cdap", Profile: model.T1, Decision: model.DecisionRemove},
		{Convention: "c", Account: "c", Unit: "U", Service: "Cdap", Profile: model.T1, Decision: model.DecisionChangeProfile, NewProfile: model.T13},
		{Convention: "c", Account: "d", Unit: "U", Service: "Cdap", Profile: model.T1, Decision: model.DecisionRemove},
		{Convention: "c", Account: "e", Unit: "U", Service: "Cdap", Profile: model.T1, Decision: model.DecisionChangeProfile, NewProfile: model.T2},
		{Convention: "c", Account: "f", Unit: "U", Service: "Cdap", Profile: model.T1, Decision: model.DecisionRemove},
		{Convention: "c", Account: "g", Unit: "U", Service: "Cdap", Profile: model.T1, Decision: model.DecisionChangeProfile, NewProfile: model.T2},
		{Convention: "c", Account: "h", Unit: "U", Service: "Cdap", Profile: model.T1, Decision: model.DecisionUnsure},
	}
	acts := model.ActionsFrom(ds)
	if len(acts) != 6 || acts[0].Kind != model.ActionRemove || acts[5].Kind != model.ActionChangeProfile {
		t.Fatalf("actions %+v", acts)
	}
	r := func(id string, p model.Profile, st string) model.Habilitation {
		return model.Habilitation{Account: id, Unit: "U", Service: "Cdap", Profile: p, Status: st}
	}
	newRows := []model.Habilitation{
		r("a", model.T1, model.StatusActive),
		r("b", model.T1, model.StatusDisabled),                                     // removal applied
		r("c", model.T13, model.StatusActive),                                      // change applied
		r("d", model.T1, model.StatusSuspended),                                    // removal partly applied
		r("e", model.T1, model.StatusActive), r("e", model.T2, model.StatusActive), // change partly
		r("f", model.T1, model.StatusActive), // removal not applied
		r("g", model.T1, model.StatusActive), // change not applied
	}
	want := map[string]model.ActionState{"b": model.ActionApplied, "c": model.ActionApplied, "d": model.ActionPartlyApplied,
		"e": model.ActionPartlyApplied, "f": model.ActionNotApplied, "g": model.ActionNotApplied}
	res := model.CheckActions(acts, newRows)
	if len(res) != len(want) {
		t.Fatalf("results %d", len(res))
	}
	for _, x := range res {
		if x.State != want[x.Account] || x.Detail == "" {
			t.Errorf("%s: %s (%s), want %s", x.Account, x.State, x.Detail, want[x.Account])
		}
	}
	att := model.NewAttestation(model.Convention{Number: "c"}, "Anne", model.Date{}, model.Date{}, ds)
	if att.Total != 8 || att.Kept != 1 || att.Removed != 3 || att.ProfileChanged != 3 || att.Unsure != 1 || len(att.Removals) != 3 || len(att.Changes) != 3 {
		t.Errorf("attestation %+v", att)
	}
}

func TestReviewControl(t *testing.T) {
	for _, s := range []struct {
		name   string
		sealer func() *model.ReviewSealer
	}{
		{"keyed", func() *model.ReviewSealer { return model.NewReviewSealer([]byte("secret")) }},
		{"unkeyed", model.UnkeyedReviewSealer},
	} {
		t.Run(s.name, func(t *testing.T) {
			seal := s.sealer()
			var cells [model.ReviewProtectedCount]string
			cells[0], cells[12] = "u1", "Supprimer"
			ctl := seal.Control("wb1", "k1", cells)
			if foreign, edited := seal.Check("wb1", "k1", cells, ctl); foreign || len(edited) != 0 {
				t.Fatalf("clean row: %v %v", foreign, edited)
			}
			cells[12] = "Maintenir"
			if foreign, edited := seal.Check("wb1", "k1", cells, ctl); foreign || len(edited) != 1 || edited[0] != 12 {
				t.Errorf("edited row: %v %v", foreign, edited)
			}
			if foreign, _ := seal.Check("wb2", "k1", cells, ctl); !foreign {
				t.Error("row of another workbook not foreign")
			}
			if foreign, _ := seal.Check("wb1", "k1", cells, "zz"); !foreign {
				t.Error("garbage control not foreign")
			}
		})
	}
}

// TestReviewControlKeyed: a row sealed without the key, or with another
// key, is refused by the keyed sealer: every cell is named edited, or the
// row is foreign.
func TestReviewControlKeyed(t *testing.T) {
	cells := [model.ReviewProtectedCount]string{"u-10000", "Martin", "Léa"}
	keyed := model.NewReviewSealer([]byte("the data directory's secret"))
	for name, ctl := range map[string]string{
		"unkeyed":   model.UnkeyedReviewSealer().Control("wb1", "k1", cells),
		"other key": model.NewReviewSealer([]byte("another secret")).Control("wb1", "k1", cells),
	} {
		if foreign, edited := keyed.Check("wb1", "k1", cells, ctl); !foreign && len(edited) == 0 {
			t.Errorf("row sealed %s accepted", name)
		}
	}
	if a, b := keyed.Control("wb1", "k1", cells), model.NewReviewSealer([]byte("the data directory's secret")).Control("wb1", "k1", cells); a != b {
		t.Errorf("same key, two controls: %s %s", a, b)
	}
}

func TestReviewCellText(t *testing.T) {
	long := strings.Repeat("é", model.ReviewMaxCellUnits+5)
	for _, c := range []struct{ in, want string }{
		{"  Service  social général ", "  Service  social général "},
		{"a\r\nb\rc", "a\nb\nc"},
		{"tab\tnbsp\u00a0", "tab\tnbsp\u00a0"},
		{"ctl\x01\x1f\ufffe end", "ctl end"},
		{"e\u0301", "é"},
		{"bad\xff utf8", "bad utf8"},
		{"=SOMME(A1)", "=SOMME(A1)"},
		{long, long[:2*model.ReviewMaxCellUnits]},
		{strings.Repeat("😀", 20000), strings.Repeat("😀", model.ReviewMaxCellUnits/2)},
	} {
		got := model.ReviewCellText(c.in)
		if got != c.want {
			t.Errorf("ReviewCellText(%.40q) = %.40q, want %.40q", c.in, got, c.want)
		}
		if again := model.ReviewCellText(got); again != got {
			t.Errorf("not idempotent on %.40q", c.in)
		}
	}
}

func TestReviewRowKeyFoldsLikeFold(t *testing.T) {
	// The key folds its parts with a fast path for ASCII; it must agree with
	// Fold, so keys stay stable whichever path a value takes.
	for _, s := range []string{"Service social général", "  Pôle   INSERTION ", "u-10432", "CDAP\tx", "Œuvre d’accueil"} {
		a := model.ReviewRowKey(s, s, s, s, model.T1)
		f := model.Fold(s)
		if b := model.ReviewRowKey(f, f, f, f, model.T1); a != b {
			t.Errorf("%q: key %s, folded key %s", s, a, b)
		}
	}
}
