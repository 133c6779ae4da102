package jobs

import (
	"fmt"
	"strings"

	"habilitations/jobs/store"
	"habilitations/model"
)

// writeChecked writes, after a convention's history, the values read from
// scans that a person checked (what was read, what was checked, by whom),
// and how many of its documents' values are still to verify.
func writeChecked(b *strings.Builder, changes []store.Change, checked []store.Verification) {
	recs := map[string]store.StoredRecord{}
	var order []string
	for _, c := range changes {
		if _, ok := recs[c.Record.DocumentSHA]; !ok {
			order = append(order, c.Record.DocumentSHA)
		}
		recs[c.Record.DocumentSHA] = c.Record
	}
	if len(checked) > 0 {
		b.WriteString("\nValeurs lues sur un scan, vérifiées :\n")
	}
	for _, v := range checked {
		r := recs[v.DocumentSHA]
		what := "inchangée"
		if v.ValueChecked != v.ValueRead {
			what = fmt.Sprintf("corrigée en « %s »", v.ValueChecked)
		}
		fmt.Fprintf(b, "%s  %s (%s) : lu « %s », %s, par %s (classeur %s).\n", frenchDate(v.VerifiedOn),
			model.VerifyFieldLabel(r.Record, v.Field), r.DocumentName, v.ValueRead, what, v.Verifier, v.WorkbookID)
	}
	for _, sha := range order {
		if r := recs[sha]; r.Record.NeedsVerification() {
			n := len(r.Record.ToVerify)
			fmt.Fprintf(b, "\nÀ vérifier : %d valeur%s lue%s sur le scan %s (classeur de vérification dans reports/…/verification/).\n",
				n, plural(n), plural(n), r.DocumentName)
		}
	}
}
