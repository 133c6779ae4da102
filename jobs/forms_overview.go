package jobs

import (
	"fmt"
	"strings"

	"habilitations/jobs/store"
	"habilitations/model"
)

// AdminFormReturnDays is how long a partner has to return an Annexe 3
// form: past it, the Caf's overview shows the form « non retourné » in red.
const AdminFormReturnDays = 30

// adminFormsColumn is the overview's cell of a convention's pre-filled
// forms: « Formulaire A3-… (administrateur non déclaré) envoyé le
// 25/11/2026, retourné le 02/12/2026 », one line each, and whether one is
// overdue on asOf.
func adminFormsColumn(fs []store.AdminForm, asOf model.Date) (string, bool) {
	var lines []string
	overdue := false
	for _, f := range fs {
		what := map[string]string{string(model.CodeUndeclaredAdmin): "administrateur non déclaré",
			string(model.CodeMissingAdmin): "administrateur à remplacer"}[f.Code]
		l := fmt.Sprintf("Formulaire %s (%s) envoyé le %s", f.Ref, what, isoFrench(f.SentOn))
		if f.ReturnedOn != "" {
			l += ", retourné le " + isoFrench(f.ReturnedOn)
		} else if sent, err := model.ParseISODate(f.SentOn); err == nil {
			days := asOf.DaysSince(sent)
			l += fmt.Sprintf(", non retourné (%d j)", days)
			if days > AdminFormReturnDays {
				l += fmt.Sprintf(" : délai de %d jours dépassé, relancer le partenaire", AdminFormReturnDays)
				overdue = true
			}
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n"), overdue
}

// isoFrench writes an ISO date as JJ/MM/AAAA.
func isoFrench(iso string) string { return frenchDate(iso) }
