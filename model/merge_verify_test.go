package model_test

import (
	"testing"

	"habilitations/model"
)

// TestMergeCarriesValuesToVerify: a bulletin read from a scan brings its
// values to verify into the effective record, under its service's new
// index; a service it replaces drops the old ones.
func TestMergeCarriesValuesToVerify(t *testing.T) {
	dossier := model.Record{Kind: model.KindDossier, Convention: model.Convention{Number: "06/2017", SignedOn: "2017-05-03"},
		Services: []model.Service{{Annex: "2.1", Unit: "Accueil", Service: "Cdap", SignedOn: "2017-05-03"},
			{Annex: "2.2", Unit: "Insertion", Service: "Cdap", SignedOn: "2017-05-03"}},
		ToVerify: []model.ToVerify{{Field: "services[0].quotas.T1", Value: 3}, {Field: "contacts[0].phone", Value: "+33380441021"}}}
	bulletin := model.Record{Kind: model.KindBulletin, Convention: model.Convention{Number: "06/2017"},
		Services: []model.Service{{Annex: "2.3", Unit: "Petite enfance", Service: "Cdap", SignedOn: "2020-01-01"},
			{Annex: "2.1", Unit: "Accueil", Service: "Cdap", SignedOn: "2020-01-01"}},
		ToVerify: []model.ToVerify{{Field: "services[0].quotas.T2", Value: 4}, {Field: "services[1].unit", Value: "Accueil"}}}
	got := model.MergeBulletins([]model.Record{dossier, bulletin})[0]
	want := map[string]bool{"contacts[0].phone": true, "services[2].quotas.T2": true, "services[0].unit": true}
	if len(got.ToVerify) != len(want) {
		t.Fatalf("to verify %+v", got.ToVerify)
	}
	for _, v := range got.ToVerify {
		if !want[v.Field] {
			t.Errorf("unexpected %s in %+v", v.Field, got.ToVerify)
		}
	}
	if len(dossier.ToVerify) != 2 || dossier.ToVerify[0].Field != "services[0].quotas.T1" {
		t.Errorf("the dossier's own list changed: %+v", dossier.ToVerify)
	}
}
