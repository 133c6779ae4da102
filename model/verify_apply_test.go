package model

import (
	"errors"
	"testing"
)

func TestCheckedValue(t *testing.T) {
	tests := []struct {
		field, typed string
		want         any
		bad          bool
	}{
		{"services[0].quotas.T1", " 20 ", 20, false},
		{"services[0].quotas.T13", "0", 0, false},
		{"services[0].quotas.T1", "vingt", nil, true},
		{"services[0].quotas.T1", "-1", nil, true},
		{"convention.partner.siret", "262 101 066 00252", "26210106600252", false},
		{"convention.partner.siret", "26210106600253", nil, true},
		{"contacts[0].phone", "03 80 44 10 21", "+33380441021", false},
		{"new_admin.mobile", "06.12", nil, true},
		{"contacts[1].email", " ABouchard@CCAS-Dijon.fr", "abouchard@ccas-dijon.fr", false},
		{"contacts[1].email", "abouchard@", nil, true},
		{"convention.signed_on", "3 mai 2017", "2017-05-03", false},
		{"services[1].signed_on", "03/05/2017", "2017-05-03", false},
		{"convention.signed_on", "hier", nil, true},
		{"convention.number", "N° 06 / 2017", "06/2017", false},
		{"services[0].annex", "2.1", "2.1", false},
		{"services[0].annex", "deux", nil, true},
		{"contacts[0].name", "  Aline   BOUCHARD ", "Aline BOUCHARD", false},
	}
	for _, tt := range tests {
		t.Run(tt.field+"="+tt.typed, func(t *testing.T) {
			got, err := CheckedValue(tt.field, tt.typed)
			if tt.bad {
				if !errors.Is(err, ErrVerifiedValue) {
					t.Errorf("got %v, %v; want refused", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %#v, %v; want %#v", got, err, tt.want)
			}
		})
	}
}

func TestApplyVerified(t *testing.T) {
	rec := Record{Kind: KindDossier, Convention: Convention{Number: "06/2017", Partner: Partner{SIRET: "26210106600252"}},
		Contacts: []Contact{{Side: SidePartner, Role: RoleAdmin, Name: "A", Email: "x@y.fr"}},
		Services: []Service{{Annex: "2.1", Unit: "Service social", Quotas: Quotas{}}},
		ToVerify: []ToVerify{{Field: "contacts[0].email"}, {Field: "services[0].quotas.T13"}}}
	got, err := ApplyVerified(rec, "services[0].quotas.T13", 6)
	if err != nil || got.Services[0].Quotas.Get(T13) != 6 || len(got.ToVerify) != 1 || got.ToVerify[0].Field != "contacts[0].email" {
		t.Fatalf("got %+v, %v", got, err)
	}
	if got, err = ApplyVerified(got, "contacts[0].email", "z@y.fr"); err != nil || got.Contacts[0].Email != "z@y.fr" || got.NeedsVerification() {
		t.Fatalf("got %+v, %v", got, err)
	}
	for _, bad := range []string{"contacts[3].email", "services[0].quotas.T9.x", "nothing", ""} {
		if _, err := ApplyVerified(rec, bad, "v"); err == nil {
			t.Errorf("%q applied", bad)
		}
	}
	if l := VerifyFieldLabel(rec, "services[0].quotas.T13"); l != "Annexe 2.1 (Service social) : quota du profil T13" {
		t.Errorf("label %q", l)
	}
	if l := VerifyFieldLabel(rec, "contacts[0].email"); l != "Contact 1 (partenaire, administrateur) : adresse mél" {
		t.Errorf("label %q", l)
	}
}
