package model_test

import (
	"reflect"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
)

// TestConventionRowsStreamedMatchHeld checks by property that an index
// built from rows streamed in, keeping only some partners, answers as the
// index of the rows held: the same counts, quotas and administrator rows
// for every record, the same rows for every record it reports complete,
// and complete for every record it was asked to keep.
func TestConventionRowsStreamedMatchHeld(t *testing.T) {
	sirets, names := spelledSIRETs, spelledPartners
	units := []string{"Accueil", "accueil", "Direction"}
	roles := []string{model.RoleUser, model.RoleAdministrator, model.RoleDeputyAdmin}
	statuses := []string{model.StatusActive, model.StatusSuspended, model.StatusDisabled}
	rapid.Check(t, func(t *rapid.T) {
		recs := drawSpelledRecords(t, 1, 6)
		for i := range recs {
			recs[i].Services = []model.Service{{Annex: "2", Unit: "Accueil", Service: "Social", Quotas: model.Quotas{T1: 1}}}
		}
		var rows []model.Habilitation
		for i := range rapid.IntRange(0, 40).Draw(t, "rows") {
			rows = append(rows, model.Habilitation{Account: string(rune('A' + i)),
				SIRET: rapid.SampledFrom(sirets).Draw(t, "row siret"), Organisme: rapid.SampledFrom(names).Draw(t, "row name"),
				Unit: rapid.SampledFrom(units).Draw(t, "unit"), Service: "Social", Profile: model.T1,
				Role: rapid.SampledFrom(roles).Draw(t, "role"), Status: rapid.SampledFrom(statuses).Draw(t, "status")})
		}
		kept := map[string]bool{}
		for _, r := range recs {
			kept[r.Convention.Number] = rapid.Bool().Draw(t, "keep "+r.Convention.Number)
		}
		indexed := recs[:rapid.IntRange(0, len(recs)).Draw(t, "indexed")]
		held := model.NewConventionRows(indexed, rows)
		x := model.NewConventionRowsKeeping(indexed, func(r model.Record) bool { return kept[r.Convention.Number] })
		for i := range rows {
			x.Add(&rows[i])
		}
		for _, r := range indexed {
			num := r.Convention.Number
			if got, want := x.Len(r), held.Len(r); got != want {
				t.Fatalf("%s: Len %d, want %d", num, got, want)
			}
			if got, want := x.Quotas(r), held.Quotas(r); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: Quotas %v, want %v", num, got, want)
			}
			if got, want := x.AdminRows(r), held.AdminRows(r); !slices.Equal(got, want) {
				t.Fatalf("%s: %d admin rows, want %d", num, len(got), len(want))
			}
			if kept[num] && !x.Complete(r) {
				t.Fatalf("%s: kept but not complete", num)
			}
			if x.Complete(r) {
				if got, want := x.Rows(r), held.Rows(r); !slices.Equal(got, want) {
					t.Fatalf("%s: %d rows, want %d", num, len(got), len(want))
				}
			}
		}
	})
}

// TestConventionRowsNotKeptPanics: asking the rows of a convention the
// index did not keep is a programming error, never a short list.
func TestConventionRowsNotKeptPanics(t *testing.T) {
	var a, b model.Record
	a.Convention.Number, a.Convention.Partner.Name = "a", "CCAS de Beaune"
	b.Convention.Number, b.Convention.Partner.Name = "b", "Mairie d'Autun"
	x := model.NewConventionRowsKeeping([]model.Record{a, b}, func(r model.Record) bool { return r.Convention.Number == "a" })
	for _, org := range []string{"CCAS de Beaune", "Mairie d'Autun"} {
		x.Add(&model.Habilitation{Account: "u-" + org, Organisme: org, Role: model.RoleUser})
	}
	if got := x.Rows(a); len(got) != 1 {
		t.Fatalf("rows of the kept convention: %d, want 1", len(got))
	}
	if x.Len(b) != 1 || x.Complete(b) {
		t.Fatalf("convention not kept: Len %d, Complete %v; want 1, false", x.Len(b), x.Complete(b))
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Rows of a convention not kept did not panic")
		}
	}()
	x.Rows(b)
}
