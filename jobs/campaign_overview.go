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
	type kind struct{ n, oldest int }
	kinds := map[string]*kind{}
	var order []string
	for _, f := range c.Findings {
		k := kinds[f.Title]
		if k == nil {
			k = &kind{}
			kinds[f.Title] = k
			order = append(order, f.Title)
		}
		k.n++
		k.oldest = max(k.oldest, f.AgeDays)
		col.OldestDays = max(col.OldestDays, f.AgeDays)
	}
	var fs []string
	for _, t := range order {
		fs = append(fs, fmt.Sprintf("%s : %d (%d j)", t, kinds[t].n, kinds[t].oldest))
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
