package breach

import (
	"cmp"
	"slices"
	"strings"

	"habilitations/model"
)

// tables are the report's contents, built once and written as XLSX and CSV.
type tables struct {
	asOf        model.Date
	hasPrevious bool
	breaches    []breachRow
	holders     []holderRow
	others      []otherRow
	resolved    []otherRow
	summary     []summaryRow
}

// breachRow is one quota_exceeded or profile_not_authorized finding.
type breachRow struct {
	f                   model.Finding
	partner             string
	excess              int
	isNew               bool
	description, action string
}

// holderRow is one account holding a slot of a breach.
type holderRow struct {
	b      *breachRow
	rank   int // 1 = most recently created
	h      model.Habilitation
	beyond bool // among the count - quota most recent: to remove or regularise
}

// otherRow is any finding told in words.
type otherRow struct {
	f                   model.Finding
	partner, subject    string
	isNew               bool
	description, action string
}

type summaryRow struct {
	title                string
	count, new, resolved int
}

// Decisions written in the accounts sheet.
const (
	toRemove = "À supprimer ou à régulariser"
	inQuota  = "Dans le quota"
)

func build(in Input) tables {
	t := tables{asOf: in.AsOf, hasPrevious: in.HasPrevious}
	partners := map[string]string{}
	unverified := map[string]bool{} // conventions with values read from a scan still to check
	for _, r := range model.MergeBulletins(in.Records) {
		partners[r.Convention.Number] = r.Convention.Partner.Name
		unverified[r.Convention.Number] = r.NeedsVerification()
	}
	newKeys := keySet(in.New)
	isNew := func(f model.Finding) bool {
		_, ok := newKeys[f.Key()]
		return in.HasPrevious && ok
	}
	fs := append([]model.Finding{}, in.Findings...)
	model.SortFindings(fs)
	holders := in.Holders
	if holders == nil {
		holders = model.SlotHolders(in.Records, in.Rows, fs)
	}
	for _, f := range fs {
		switch f.Code {
		case model.CodeQuotaExceeded, model.CodeProfileNotAuthorized:
			t.breaches = append(t.breaches, breachRow{f: f, partner: partners[f.Convention], excess: f.Count - f.Quota,
				isNew: isNew(f), description: f.DescriptionWith(in.Settings), action: breachAction(f, unverified[f.Convention])})
		default:
			t.others = append(t.others, other(f, partners, in.Settings, isNew(f)))
		}
	}
	// A partner's breaches together: by convention, unit, service, profile.
	slices.SortStableFunc(t.breaches, func(a, b breachRow) int {
		return cmp.Or(cmp.Compare(a.f.Convention, b.f.Convention), cmp.Compare(a.f.Unit, b.f.Unit),
			cmp.Compare(a.f.Service, b.f.Service), cmp.Compare(a.f.Profile, b.f.Profile))
	})
	for i := range t.breaches {
		b := &t.breaches[i]
		for rank, h := range holders[b.f.Key()] {
			t.holders = append(t.holders, holderRow{b: b, rank: rank + 1, h: h, beyond: rank < b.excess})
		}
	}
	res := append([]model.Finding{}, in.Resolved...)
	model.SortFindings(res)
	for _, f := range res {
		t.resolved = append(t.resolved, other(f, partners, in.Settings, false))
	}
	t.summary = summarize(fs, in.New, res, in.HasPrevious)
	return t
}

// unverifiedNote opens the action of a breach whose convention holds values
// read from a scan that nobody has checked yet: a quota misread makes a
// breach that is not one.
const unverifiedNote = "Convention « à vérifier » : des valeurs lues sur une numérisation n'ont pas encore été vérifiées " +
	"(classeur de vérification) ; vérifier d'abord le quota. "

func breachAction(f model.Finding, unverified bool) string {
	if unverified {
		return unverifiedNote + f.Action()
	}
	return f.Action()
}

func other(f model.Finding, partners map[string]string, s model.ReconcileSettings, isNew bool) otherRow {
	o := otherRow{f: f, partner: partners[f.Convention], isNew: isNew, description: f.DescriptionWith(s), action: f.Action()}
	switch f.Code {
	case model.CodeUnknownPartner:
		o.partner, o.subject = f.Organisme, f.Account
	case model.CodeDuplicateAccount:
		o.subject = strings.Join(f.Accounts, ", ")
	case model.CodeMissingAdmin:
		o.subject = f.Name
	case model.CodeQuotaExceeded, model.CodeProfileNotAuthorized:
		o.subject = string(f.Profile) + " – " + f.Unit
	default:
		o.subject = f.Account
	}
	return o
}

func summarize(fs, added, resolved []model.Finding, hasPrevious bool) []summaryRow {
	rows := make([]summaryRow, len(model.Codes))
	at := map[model.Code]int{}
	for i, c := range model.Codes {
		at[c] = i
		rows[i].title = model.Finding{Code: c}.Title()
	}
	for _, f := range fs {
		rows[at[f.Code]].count++
	}
	if hasPrevious {
		for _, f := range added {
			rows[at[f.Code]].new++
		}
	}
	for _, f := range resolved {
		rows[at[f.Code]].resolved++
	}
	return rows
}

func keySet(fs []model.Finding) map[string]struct{} {
	m := make(map[string]struct{}, len(fs))
	for _, f := range fs {
		m[f.Key()] = struct{}{}
	}
	return m
}

// frDate writes a date the French way, "Jamais" for none (never logged in).
func frDate(d model.Date, none string) string {
	if d.IsZero() {
		return none
	}
	return d.Time().Format("02/01/2006")
}

func yesNo(b bool) string {
	if b {
		return "Oui"
	}
	return "Non"
}
