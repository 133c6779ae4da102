package store

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"habilitations/model"
)

// StoredRecord is a record with its provenance.
type StoredRecord struct {
	ID           int64
	DocumentSHA  string
	DocumentName string
	ReceivedAt   time.Time
	SignedOn     string // the date that orders it (see recordSignedOn)
	Record       model.Record
}

// Change actions of a convention's history.
const (
	ChangeDossier         = "dossier"          // first dossier of the convention
	ChangeDossierReplaced = "dossier_replaced" // a re-signed dossier replaced the older one
	ChangeUnitAdded       = "unit_added"       // a bulletin added a unit (or service)
	ChangeQuotasReplaced  = "quotas_replaced"  // a later bulletin replaced a unit's quotas
	ChangeIgnored         = "ignored"          // a bulletin older than what is in force: no effect
	ChangeAdminAdded      = "admin_added"      // a returned Annexe 3 form added a partner administrator
	ChangeAdminReplaced   = "admin_replaced"   // a returned Annexe 3 form replaced one
)

// Change is one step of a convention's history: what a document contributed
// and what it replaced.
type Change struct {
	Action     string
	Record     StoredRecord // the contributing document
	Annex      string
	Unit       string
	Service    string
	SignedOn   string
	Quotas     model.Quotas
	Old        *model.Quotas // the quotas replaced (ChangeQuotasReplaced)
	Replaced   *StoredRecord // the record whose dossier or unit was replaced
	IgnoredWhy string        // ChangeIgnored: "older_than_dossier" or "older_than_unit"
	// Admin is the content of a returned Annexe 3 form (ChangeAdmin…, and
	// ChangeIgnored of a form); Removed the contacts it removed.
	Admin   *model.AdminChangeRecord
	Removed []model.Contact
}

// Merge computes the effective record of one convention from all its records
// (any order) and the history that led to it. Records are applied by the date
// that orders them, then by reception: the latest dossier is the base (a
// re-signed dossier replaces the older one); a bulletin signed before that
// dossier has no effect; otherwise, for the same unit (folded label, else
// annex number) and service, the latest signed_on wins, and a new unit is added.
// With no dossier at all, the bulletins alone make a record of kind bulletin.
func Merge(recs []StoredRecord) (model.Record, []Change) {
	recs = slices.Clone(recs)
	slices.SortStableFunc(recs, func(a, b StoredRecord) int {
		return cmp.Or(cmp.Compare(a.SignedOn, b.SignedOn), cmp.Compare(kindRank(a), kindRank(b)),
			a.ReceivedAt.Compare(b.ReceivedAt), cmp.Compare(a.ID, b.ID))
	})
	var (
		eff     model.Record
		base    *StoredRecord
		from    []StoredRecord // provenance of eff.Services[i]
		history []Change
	)
	for i := range recs {
		r := &recs[i]
		if r.Record.Kind == model.KindAdminChange {
			history = append(history, applyForm(&eff, base, r))
			continue
		}
		if r.Record.Kind == model.KindDossier {
			ch := Change{Action: ChangeDossier, Record: *r, SignedOn: r.SignedOn}
			if base != nil {
				ch.Action, ch.Replaced = ChangeDossierReplaced, base
			}
			history = append(history, ch)
			base, eff = r, cloneRecord(r.Record)
			from = make([]StoredRecord, len(eff.Services))
			for j := range from {
				from[j] = *r
				if eff.Services[j].SignedOn == "" {
					eff.Services[j].SignedOn = r.Record.Convention.SignedOn
				}
			}
			continue
		}
		if base == nil && eff.Kind == "" {
			eff = model.Record{Kind: model.KindBulletin, Convention: r.Record.Convention, Contacts: []model.Contact{}}
		} else if base == nil {
			eff.Convention.Partner = mergePartner(eff.Convention.Partner, r.Record.Convention.Partner)
		}
		for _, sv := range r.Record.Services {
			if sv.SignedOn == "" {
				sv.SignedOn = r.SignedOn
			}
			ch := Change{Record: *r, Annex: sv.Annex, Unit: sv.Unit, Service: sv.Service, SignedOn: sv.SignedOn, Quotas: sv.Quotas}
			j := findService(eff.Services, sv)
			switch {
			case base != nil && sv.SignedOn < base.Record.Convention.SignedOn:
				ch.Action, ch.IgnoredWhy, ch.Replaced = ChangeIgnored, "older_than_dossier", base
			case j < 0:
				ch.Action = ChangeUnitAdded
				eff.Services = append(eff.Services, sv)
				from = append(from, *r)
			case sv.SignedOn >= eff.Services[j].SignedOn:
				old, prev := eff.Services[j].Quotas, from[j]
				ch.Action, ch.Old, ch.Replaced = ChangeQuotasReplaced, &old, &prev
				eff.Services[j], from[j] = sv, *r
			default:
				prev := from[j]
				ch.Action, ch.IgnoredWhy, ch.Replaced = ChangeIgnored, "older_than_unit", &prev
			}
			history = append(history, ch)
		}
	}
	sortServices(eff.Services)
	return eff, history
}

// kindRank puts a dossier before the bulletins signed the same day, so that
// they apply to it, and the returned forms last.
func kindRank(r StoredRecord) int {
	switch r.Record.Kind {
	case model.KindDossier:
		return 0
	case model.KindAdminChange:
		return 2
	}
	return 1
}

// applyForm applies a returned Annexe 3 form to the effective record: the
// new administrator becomes a partner admin contact, the replaced one stops
// being one (model.ApplyAdminChange). A form signed before the dossier in
// force, or with no record before it, has no effect: that dossier's
// Annexe 1 is more recent.
func applyForm(eff *model.Record, base *StoredRecord, r *StoredRecord) Change {
	ch := Change{Record: *r, SignedOn: r.SignedOn, Admin: r.Record.Admin}
	if r.Record.Admin == nil || eff.Kind == "" || base != nil && r.SignedOn < base.SignedOn {
		ch.Action, ch.IgnoredWhy, ch.Replaced = ChangeIgnored, "older_than_dossier", base
		return ch
	}
	eff.Contacts = slices.Clone(eff.Contacts)
	ch.Removed = model.ApplyAdminChange(eff, *r.Record.Admin)
	ch.Action = ChangeAdminAdded
	if len(ch.Removed) > 0 {
		ch.Action = ChangeAdminReplaced
	}
	return ch
}

// findService returns the index of the service of the same unit (folded
// label, else annex number) and service, or -1.
func findService(svs []model.Service, sv model.Service) int {
	if i := slices.IndexFunc(svs, func(o model.Service) bool {
		return model.Fold(o.Unit) == model.Fold(sv.Unit) && model.Fold(o.Service) == model.Fold(sv.Service)
	}); i >= 0 {
		return i
	}
	return slices.IndexFunc(svs, func(o model.Service) bool {
		return sv.Annex != "" && o.Annex == sv.Annex && model.Fold(o.Service) == model.Fold(sv.Service)
	})
}

// mergePartner keeps what a later bulletin prints when the earlier did not.
func mergePartner(a, b model.Partner) model.Partner {
	if a.SIRET == "" {
		a.SIRET = b.SIRET
	}
	if a.Name == "" {
		a.Name = b.Name
	}
	return a
}

func cloneRecord(r model.Record) model.Record {
	r.Contacts = slices.Clone(r.Contacts)
	if r.Contacts == nil {
		r.Contacts = []model.Contact{}
	}
	r.Services = slices.Clone(r.Services)
	return r
}

// sortServices orders services by annex number (2.2 before 2.10), stably.
func sortServices(svs []model.Service) {
	slices.SortStableFunc(svs, func(a, b model.Service) int { return compareAnnex(a.Annex, b.Annex) })
}

func compareAnnex(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if c := cmp.Compare(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}
