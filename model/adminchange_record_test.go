package model

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func sampleAdminChange() Record {
	r := Record{Kind: KindAdminChange, Source: BornDigital(1)}
	r.Convention.Number = "06/2017"
	r.Convention.Partner.Name = "Centre Communal d'Action Sociale de la Ville de Dijon"
	r.Admin = &AdminChangeRecord{
		NewAdmin: NewAdmin{Name: "Julie MARCHAND", Function: "Responsable du pôle accueil",
			Email: "jmarchand@ccas-dijon.fr", Phone: "+33380441099"},
		Replaces: &AdminRef{Name: "Aline BOUCHARD", Email: "abouchard@ccas-dijon.fr"},
		SignedOn: "2026-11-30",
	}
	return r
}

func TestAdminChangeJSON(t *testing.T) {
	r := sampleAdminChange()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kind", "convention", "new_admin", "replaces", "signed_on", "source", "to_verify"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing from %s", k, b)
		}
	}
	for _, k := range []string{"contacts", "services"} {
		if _, ok := m[k]; ok {
			t.Errorf("key %q in an admin_change record: %s", k, b)
		}
	}
	var back Record
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Admin == nil || back.Admin.NewAdmin != r.Admin.NewAdmin || *back.Admin.Replaces != *r.Admin.Replaces ||
		back.Convention.Number != "06/2017" {
		t.Errorf("round trip: %+v", back)
	}
	r.Admin.Replaces = nil
	b, _ = json.Marshal(r)
	if !strings.Contains(string(b), `"replaces":null`) {
		t.Errorf("replaces not null: %s", b)
	}
}

func TestAdminChangeValidate(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*Record)
		fields []string
	}{
		{"valid", func(*Record) {}, nil},
		{"mobile only", func(r *Record) { r.Admin.NewAdmin.Phone, r.Admin.NewAdmin.Mobile = "", "+33612345678" }, nil},
		{"no phone", func(r *Record) { r.Admin.NewAdmin.Phone = "" }, []string{"new_admin.phone"}},
		{"no email", func(r *Record) { r.Admin.NewAdmin.Email = "" }, []string{"new_admin.email"}},
		{"bad date", func(r *Record) { r.Admin.SignedOn = "30/11/2026" }, []string{"signed_on"}},
		{"no content", func(r *Record) { r.Admin = nil }, []string{"new_admin"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := sampleAdminChange()
			tc.edit(&r)
			err := Validate(r)
			if tc.fields == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v", err)
			}
			var got []string
			for _, f := range ve.Fields {
				got = append(got, f.Path)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("fields = %v, want %v", got, tc.fields)
			}
		})
	}
}

func TestApplyAdminChange(t *testing.T) {
	base := Record{Kind: KindDossier, Contacts: []Contact{
		{Side: SidePartner, Role: RoleAdmin, Name: "Aline BOUCHARD", Email: "abouchard@ccas-dijon.fr"},
		{Side: SidePartner, Role: RoleSecurity, Name: "Paul DURAND"},
		{Side: SidePartner, Role: RoleAdmin, Name: "Marc PETIT", Email: "mpetit@ccas-dijon.fr"},
	}}
	tests := []struct {
		name     string
		replaces *AdminRef
		want     []string // partner admins after
		removed  int
	}{
		{"replaces by e-mail", &AdminRef{Email: "ABouchard@ccas-dijon.fr"}, []string{"Julie MARCHAND", "Marc PETIT"}, 1},
		{"replaces by name", &AdminRef{Name: "aline bouchard"}, []string{"Julie MARCHAND", "Marc PETIT"}, 1},
		{"adds", nil, []string{"Aline BOUCHARD", "Marc PETIT", "Julie MARCHAND"}, 0},
		{"replaced unknown: added", &AdminRef{Name: "Nobody"}, []string{"Aline BOUCHARD", "Marc PETIT", "Julie MARCHAND"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := base
			c := AdminChangeRecord{NewAdmin: NewAdmin{Name: "Julie MARCHAND", Email: "j@x.fr", Mobile: "+33612345678"}, Replaces: tc.replaces}
			removed := ApplyAdminChange(&r, c)
			var got []string
			for _, a := range r.PartnerAdmins() {
				got = append(got, a.Name)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(removed) != tc.removed {
				t.Errorf("admins = %v removed %d, want %v %d", got, len(removed), tc.want, tc.removed)
			}
			if len(base.Contacts) != 3 || base.Contacts[0].Name != "Aline BOUCHARD" {
				t.Error("input modified")
			}
			if len(r.Contacts) != len(base.Contacts)+1-tc.removed {
				t.Errorf("contacts = %d", len(r.Contacts))
			}
		})
	}
	t.Run("merge applies forms", func(t *testing.T) {
		d := base
		d.Convention.Number = "06/2017"
		d.Services = []Service{{Annex: "2.1", Unit: "U", Service: "S"}}
		ch := sampleAdminChange()
		eff := MergeBulletins([]Record{ch, d})
		if len(eff) != 1 || len(eff[0].PartnerAdmins()) != 2 || eff[0].PartnerAdmins()[0].Name != "Julie MARCHAND" {
			t.Errorf("effective = %+v", eff)
		}
	})
}

// TestMayHaveKey: a record whose bytes may spell the key "kind" is decoded
// for it; only one that cannot is spared that decoding.
func TestMayHaveKey(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{`{"kind":"admin_change"}`, true},
		{`{"KIND":"admin_change"}`, true},
		{"{\"\u212aind\":\"admin_change\"}", true}, // Kelvin sign: encoding/json folds it to k
		{`{"\u006bind":"admin_change"}`, true},     // an escape may spell it
		{`{"convention":{"number":"kind of"}}`, false},
		{`{"a":"kind"}`, true}, // a value: decoded for nothing, but never missed
		{`{"a":1}`, false},
		{`{"unterminated`, true},
		{``, false},
	} {
		if got := mayHaveKey([]byte(tc.in), "kind"); got != tc.want {
			t.Errorf("mayHaveKey(%q) = %v, want %v", tc.in, got, tc.want)
		}
		var head struct {
			Kind string `json:"kind"`
		}
		if err := json.Unmarshal([]byte(tc.in), &head); err == nil && head.Kind != "" && !mayHaveKey([]byte(tc.in), "kind") {
			t.Errorf("%q has a kind that mayHaveKey misses", tc.in)
		}
	}
}

// TestPropMayHaveKey: whenever encoding/json finds a kind in an object,
// mayHaveKey said it might.
func TestPropMayHaveKey(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		key := rapid.StringMatching(`(k|K|\x{212a}|\\u006b|\\u004b)(i|I|\\u0069)nd`).Draw(rt, "key")
		other := rapid.StringMatching(`[a-z"]{0,6}`).Draw(rt, "other")
		in := `{"x":"` + other + `","` + key + `":"admin_change"}`
		var head struct {
			Kind string `json:"kind"`
		}
		if err := json.Unmarshal([]byte(in), &head); err == nil && head.Kind != "" && !mayHaveKey([]byte(in), "kind") {
			rt.Fatalf("%s: kind missed", in)
		}
	})
}
