package jobs

import (
	"fmt"
	"sort"
	"strings"

	"habilitations/model"
	"habilitations/report/review"
)

// campaignColumns are a campaign line's cells in the Caf's overview.
func campaignColumns(c CampaignLine) *review.CampaignColumns {
	col := &review.CampaignColumns{Stage: c.Stage, DaysLate: c.DaysLate, TerminationFrom: c.TerminationFrom}
	// One line per kind of finding (a convention may have hundreds of
	// dormant accounts): how many, and the age of the oldest.
	var fs []string
	for _, k := range c.openKinds() {
		fs = append(fs, fmt.Sprintf("%s : %d (%d j)", k.Title, k.Count, k.OldestDays))
		col.OldestDays = max(col.OldestDays, k.OldestDays)
	}
	col.OpenFindings = strings.Join(fs, "\n")
	var ms []string
	for _, m := range c.Mails {
		ms = append(ms, fmt.Sprintf("%s du %s (%s)", mailLabel(m.Kind), model.FrenchDate(m.Written), mailStatusLabel(m.Status)))
	}
	col.Reminders = strings.Join(ms, "\n")
	if n := c.Notice; n != nil {
		parts := []string{"écrite le " + model.FrenchDate(n.Written)}
		if !n.Sent.IsZero() {
			parts = append(parts, "envoyée le "+model.FrenchDate(n.Sent))
		} else {
			parts = append(parts, "à envoyer en recommandé")
		}
		if !n.Received.IsZero() {
			parts = append(parts, "reçue le "+model.FrenchDate(n.Received))
		}
		col.Notice = strings.Join(parts, ", ")
	}
	return col
}

// mailLabel is the French name of a campaign message.
func mailLabel(k model.MailKind) string {
	switch k {
	case model.MailFirstReminder:
		return "Rappel"
	case model.MailSecondReminder:
		return "Second rappel"
	case model.MailNotice:
		return "Copie de la mise en demeure"
	}
	return string(k)
}

func mailStatusLabel(s string) string {
	switch s {
	case "sent":
		return "envoyé"
	case "failed":
		return "échec de l'envoi, nouvel essai au prochain passage"
	}
	return "à envoyer"
}

// campaignMonths counts the campaign's events by month over the lines: a
// review returned in the month it came back, a review late in the month of
// its due date (returned after it or not at all), a formal notice in the
// month it was written.
func campaignMonths(lines []CampaignLine) []review.CampaignMonth {
	by := map[model.Date]*review.CampaignMonth{}
	at := func(d model.Date) *review.CampaignMonth {
		t := d.Time()
		k := model.NewDate(t.Year(), t.Month(), 1)
		if by[k] == nil {
			by[k] = &review.CampaignMonth{Month: k}
		}
		return by[k]
	}
	for _, l := range lines {
		if l.Sent.IsZero() {
			continue
		}
		done := l.Returned
		if done.IsZero() {
			done = l.Decisions
		}
		if !done.IsZero() {
			at(done).Returned++
		}
		if l.DaysLate > 0 || (!l.Decisions.IsZero() && l.Due.Before(l.Decisions)) {
			at(l.Due).Late++
		}
		if l.Notice != nil {
			at(l.Notice.Written).Escalated++
		}
	}
	out := make([]review.CampaignMonth, 0, len(by))
	for _, m := range by {
		out = append(out, *m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month.Before(out[j].Month) })
	return out
}

// openKinds are the line's open findings counted by kind: those it was
// built with, or counted from its Findings.
func (c CampaignLine) openKinds() []CampaignKind {
	if c.kinds != nil {
		return c.kinds
	}
	var out []CampaignKind
	at := map[string]int{}
	for _, f := range c.Findings { // oldest first: the kinds come in that order
		i, ok := at[f.Title]
		if !ok {
			i = len(out)
			at[f.Title] = i
			out = append(out, CampaignKind{Title: f.Title})
		}
		out[i].Count++
		out[i].OldestDays = max(out[i].OldestDays, f.AgeDays)
	}
	return out
}

// openKinds counts open findings by kind (title) in the order a list of
// them sorted oldest first (stably) shows each kind first: by the age of
// its oldest finding, then by where the first of those comes in open.
// Counted so, the night builds no list of its findings per convention.
func openKinds(open []model.OpenFinding, asOf model.Date) []CampaignKind {
	type kind struct {
		CampaignKind
		first int // index in open of the kind's first oldest finding
	}
	var ks []kind
	at := map[string]int{}
	for i, o := range open {
		t, age := o.Finding.Title(), o.AgeDays(asOf)
		j, ok := at[t]
		if !ok {
			j = len(ks)
			at[t] = j
			ks = append(ks, kind{CampaignKind: CampaignKind{Title: t, OldestDays: age}, first: i})
		} else if age > ks[j].OldestDays {
			ks[j].OldestDays, ks[j].first = age, i
		}
		ks[j].Count++
	}
	sort.Slice(ks, func(a, b int) bool {
		if ks[a].OldestDays != ks[b].OldestDays {
			return ks[a].OldestDays > ks[b].OldestDays
		}
		return ks[a].first < ks[b].first
	})
	out := make([]CampaignKind, len(ks))
	for i, k := range ks {
		out[i] = k.CampaignKind
	}
	return out
}
