package store

import (
	"context"
	"testing"
	"time"

	"habilitations/model"
)

var t0 = time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)

func TestEffectiveLaterBulletinReplacesQuotas(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	dossier := mustTruth(t, "01-cotedor-ccas-beaune", "convention-04-2018-ccas-beaune.pdf")
	bulletin := mustTruth(t, "01-cotedor-ccas-beaune", "bulletin-2-1-service-social-general-2020.pdf")
	// The bulletin arrives first: order of arrival must not matter.
	saveRecord(t, s, "b1", bulletin, t0)
	saveRecord(t, s, "d1", dossier, t0.Add(time.Hour))
	effs, err := s.EffectiveRecords(ctx)
	if err != nil || len(effs) != 1 {
		t.Fatalf("EffectiveRecords = %d, %v", len(effs), err)
	}
	eff := effs[0]
	if eff.Kind != model.KindDossier || eff.Convention.Number != "04/2018" || len(eff.Services) != len(dossier.Services) {
		t.Fatalf("effective = %+v", eff)
	}
	for i, sv := range eff.Services {
		want := dossier.Services[i]
		if sv.Annex == "2.1" {
			want = bulletin.Services[0]
		}
		if sv.Quotas != want.Quotas || sv.SignedOn != want.SignedOn {
			t.Errorf("service %s = %+v, want quotas %+v signed %s", sv.Annex, sv, want.Quotas, want.SignedOn)
		}
	}
	_, hist, err := s.ConventionHistory(ctx, "04/2018")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Action != ChangeDossier || hist[1].Action != ChangeQuotasReplaced ||
		hist[1].Record.DocumentSHA != "b1" || hist[1].Replaced.DocumentSHA != "d1" || *hist[1].Old != dossier.Services[0].Quotas {
		t.Fatalf("history = %+v", hist)
	}
}

func TestEffectiveBulletinAddsUnit(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	dossier := mustTruth(t, "02-rhone-ccas-villeurbanne", "convention-12-2021-ccas-villeurbanne.pdf")
	bulletin := mustTruth(t, "02-rhone-ccas-villeurbanne", "bulletin-2-5-pole-seniors-2023.pdf")
	saveRecord(t, s, "d2", dossier, t0)
	saveRecord(t, s, "b2", bulletin, t0.Add(time.Hour))
	effs, err := s.EffectiveRecords(ctx)
	if err != nil || len(effs) != 1 {
		t.Fatalf("EffectiveRecords = %d, %v", len(effs), err)
	}
	svs := effs[0].Services
	if len(svs) != len(dossier.Services)+1 || svs[len(svs)-1] != bulletin.Services[0] {
		t.Fatalf("services = %+v", svs)
	}
	if len(effs[0].Contacts) != len(dossier.Contacts) {
		t.Errorf("contacts lost: %d", len(effs[0].Contacts))
	}
	_, hist, _ := s.ConventionHistory(ctx, dossier.Convention.Number)
	if len(hist) != 2 || hist[1].Action != ChangeUnitAdded || hist[1].Unit != bulletin.Services[0].Unit {
		t.Fatalf("history = %+v", hist)
	}
}

func TestEffectiveResignedDossierReplaces(t *testing.T) {
	ctx := context.Background()
	old := mustTruth(t, "05-herault-udaf34", "convention-07-2020-udaf-herault.pdf")
	resigned := mustTruth(t, "05-herault-udaf34", "convention-07-2020-udaf-herault.pdf")
	resigned.Convention.SignedOn = "2024-02-01"
	resigned.Services = resigned.Services[:1]
	resigned.Services[0].SignedOn = "2024-02-01"
	resigned.Services[0].Quotas = model.Quotas{T1: 3}
	stale := model.Record{Kind: model.KindBulletin, Convention: model.Convention{Number: old.Convention.Number,
		Partner: model.Partner{Name: old.Convention.Partner.Name}}, Services: []model.Service{old.Services[0]}}
	stale.Services[0].SignedOn = "2022-01-01" // after the old dossier, before the re-signed one
	stale.Services[0].Quotas = model.Quotas{T1: 99}
	sameDay := model.Record{Kind: model.KindDossier, Convention: resigned.Convention, Contacts: resigned.Contacts,
		Services: []model.Service{{Annex: "2.1", Unit: resigned.Services[0].Unit, Service: "Cdap", SignedOn: "2024-02-01", Quotas: model.Quotas{T1: 4}}}}
	tests := []struct {
		name string
		recs []model.Record
		want model.Quotas
		nsvc int
		last string
	}{
		// History is in order of signature: the stale bulletin applied to
		// the old dossier, then the re-signed dossier replaced both.
		{"resigned after", []model.Record{old, stale, resigned}, model.Quotas{T1: 3}, 1, ChangeDossierReplaced},
		{"resigned received first", []model.Record{resigned, old, stale}, model.Quotas{T1: 3}, 1, ChangeDossierReplaced},
		{"tie on date: later received wins", []model.Record{resigned, sameDay}, model.Quotas{T1: 4}, 1, ChangeDossierReplaced},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := MustOpen(t)
			for i, r := range tt.recs {
				saveRecord(t, s, string(rune('a'+i)), r, t0.Add(time.Duration(i)*time.Hour))
			}
			eff, hist, err := s.ConventionHistory(ctx, old.Convention.Number)
			if err != nil {
				t.Fatal(err)
			}
			if len(eff.Services) != tt.nsvc || eff.Services[0].Quotas != tt.want {
				t.Fatalf("services = %+v", eff.Services)
			}
			if hist[len(hist)-1].Action != tt.last {
				t.Errorf("last change = %+v, want %s", hist[len(hist)-1], tt.last)
			}
			replaced := 0
			for _, h := range hist {
				if h.Action == ChangeDossierReplaced {
					replaced++
				}
			}
			if replaced != 1 {
				t.Errorf("dossier_replaced = %d, want 1: %+v", replaced, hist)
			}
		})
	}
}

func TestEffectiveBulletinsWithoutDossier(t *testing.T) {
	b := mustTruth(t, "01-cotedor-ccas-beaune", "bulletin-2-1-service-social-general-2020.pdf")
	older := b
	older.Services = []model.Service{b.Services[0]}
	older.Services[0].SignedOn = "2019-01-01"
	older.Services[0].Quotas = model.Quotas{T1: 1}
	eff, hist := Merge([]StoredRecord{{ID: 2, SignedOn: "2020-09-14", Record: b}, {ID: 1, SignedOn: "2019-01-01", Record: older}})
	if eff.Kind != model.KindBulletin || len(eff.Services) != 1 || eff.Services[0].Quotas != b.Services[0].Quotas {
		t.Fatalf("effective = %+v", eff)
	}
	if len(hist) != 2 || hist[0].Action != ChangeUnitAdded || hist[1].Action != ChangeQuotasReplaced {
		t.Fatalf("history = %+v", hist)
	}
}

func TestCompareAnnex(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"2.2", "2.10", -1}, {"2.10", "2.2", 1}, {"2.1", "2.1", 0}, {"2", "2.1", -1}, {"2.a", "2.b", -1}} {
		if got := compareAnnex(tt.a, tt.b); got != tt.want {
			t.Errorf("compareAnnex(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
