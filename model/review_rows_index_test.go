package model_test

import (
	"reflect"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// spelledSIRETs and spelledPartners are how records and export rows print
// a partner: a SIRET or none, a name written several ways.
var (
	spelledSIRETs   = []string{"", "26000000100015", "26000000200013"}
	spelledPartners = []string{"CCAS de Beaune", "ccas  de beaune", "CCAS DE BEAUNÉ", "Mairie d'Autun", "MAIRIE D’AUTUN", ""}
)

// drawSpelledRecords draws min to max records numbered a, b, c…, each
// printing its partner one of the ways above.
func drawSpelledRecords(t *rapid.T, min, max int) []model.Record {
	var recs []model.Record
	for i := range rapid.IntRange(min, max).Draw(t, "records") {
		var r model.Record
		r.Convention.Number = string(rune('a' + i))
		r.Convention.Partner.SIRET = rapid.SampledFrom(spelledSIRETs).Draw(t, "siret")
		r.Convention.Partner.Name = rapid.SampledFrom(spelledPartners).Draw(t, "name")
		recs = append(recs, r)
	}
	return recs
}

// TestConventionRowsMatchesRowsOfConvention checks by property that the
// one-pass index gives each record the rows RowsOfConvention gives it, with
// SIRETs printed or not on either side and names written several ways.
func TestConventionRowsMatchesRowsOfConvention(t *testing.T) {
	sirets, names := spelledSIRETs, spelledPartners
	rapid.Check(t, func(t *rapid.T) {
		recs := drawSpelledRecords(t, 0, 5)
		var rows []model.Habilitation
		for i := range rapid.IntRange(0, 30).Draw(t, "rows") {
			rows = append(rows, model.Habilitation{Account: string(rune('A' + i)),
				SIRET: rapid.SampledFrom(sirets).Draw(t, "row siret"), Organisme: rapid.SampledFrom(names).Draw(t, "row name")})
		}
		x := model.NewConventionRows(recs[:len(recs)/2], rows) // the others are not indexed
		for _, r := range recs {
			got, want := x.Rows(r), model.RowsOfConvention(r, rows)
			if !slices.Equal(got, want) {
				t.Fatalf("%+v: %d rows, want %d", r.Convention.Partner, len(got), len(want))
			}
		}
	})
}

// TestConventionRowsQuotasMatchBuildReview: the quota table computed
// without the review's rows is the review's, on a generated workload where
// some conventions share a partner.
func TestConventionRowsQuotasMatchBuildReview(t *testing.T) {
	w := modeltest.Generate(5, modeltest.Options{Conventions: 80, Rows: 8000})
	merged := model.MergeBulletins(w.Records)
	// Every third convention signed by the partner of the one before (a
	// hospital's successive conventions): both take the same rows, counted
	// against each one's own units.
	for i := 1; i < len(merged); i += 3 {
		merged[i].Convention.Partner = merged[i-1].Convention.Partner
	}
	x := model.NewConventionRows(merged, w.Rows)
	for _, rec := range append(slices.Clone(merged), merged...) { // twice: the second from the tallies
		want := model.BuildReview(rec, model.RowsOfConvention(rec, w.Rows), nil, w.AsOf).Quotas
		if got := x.Quotas(rec); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: quotas %v, want %v", rec.Convention.Number, got, want)
		}
		if x.Len(rec) != len(model.RowsOfConvention(rec, w.Rows)) {
			t.Fatalf("%s: Len differs", rec.Convention.Number)
		}
	}
}
