package recordtest

import (
	"strings"
	"testing"

	"habilitations/model"
)

func TestDiff(t *testing.T) {
	base := model.Record{Kind: "dossier", Convention: model.Convention{Number: "06/2017"},
		Contacts: []model.Contact{{Side: "partner", Role: "admin", Name: "A"}, {Side: "caf", Role: "admin", Name: "B"}},
		Services: []model.Service{{Annex: "2.1", Quotas: model.Quotas{T1: 25}}}}
	reordered := base
	reordered.Contacts = []model.Contact{base.Contacts[1], base.Contacts[0]}
	if d := Diff(base, reordered); len(d) != 0 {
		t.Errorf("contacts order should not matter: %v", d)
	}
	changed := base
	changed.Services = []model.Service{{Annex: "2.1", Quotas: model.Quotas{T1: 24}}}
	changed.Convention.Number = "07/2017"
	d := Diff(base, changed)
	if len(d) != 2 || !strings.Contains(strings.Join(d, "\n"), "services[0].quotas.T1") ||
		!strings.Contains(strings.Join(d, "\n"), "convention.number") {
		t.Errorf("Diff = %q", d)
	}
	short := base
	short.Contacts = base.Contacts[:1]
	if d := Diff(base, short); len(d) != 1 || !strings.HasPrefix(d[0], "contacts: 1 items, want 2") {
		t.Errorf("Diff = %q", d)
	}
	nilContacts := base
	nilContacts.Contacts = nil
	empty := base
	empty.Contacts = []model.Contact{}
	if d := Diff(nilContacts, empty); len(d) != 0 {
		t.Errorf("nil and empty contacts differ: %v", d)
	}
}
