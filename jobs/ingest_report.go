package jobs

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"habilitations/jobs/store"
	"habilitations/model"
)

// WriteRecordsTable writes the effective conventions as a French table for
// Caf staff: number, partner, units, signature date.
func WriteRecordsTable(w io.Writer, recs []model.Record) error {
	if len(recs) == 0 {
		_, err := fmt.Fprintln(w, "Aucune convention enregistrée.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Numéro\tPartenaire\tStructures\tAdministrateurs\tSignée le\tÀ vérifier")
	for _, r := range recs {
		signed := frenchDate(r.Convention.SignedOn)
		if r.Kind == model.KindBulletin {
			signed = "dossier non reçu (bulletins seuls)"
		}
		check := ""
		if n := len(r.ToVerify); n > 0 {
			check = fmt.Sprintf("%d valeur%s lue%s sur une numérisation", n, plural(n), plural(n))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", r.Convention.Number, r.Convention.Partner.Name, len(r.Services),
			len(r.PartnerAdmins()), signed, check)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d convention%s.\n", len(recs), plural(len(recs)))
	return err
}

// WriteHistory writes, in French, what each document contributed to a
// convention and what it replaced, then the state in force.
func WriteHistory(w io.Writer, eff model.Record, changes []store.Change, checked []store.Verification) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Convention %s — %s\n\nHistorique (par date de signature) :\n", eff.Convention.Number, eff.Convention.Partner.Name)
	for _, c := range changes {
		doc := fmt.Sprintf("%s (reçu le %s, empreinte %.12s)", c.Record.DocumentName, frenchTime(c.Record.ReceivedAt), c.Record.DocumentSHA)
		switch c.Action {
		case store.ChangeDossier, store.ChangeDossierReplaced:
			fmt.Fprintf(&b, "\n%s  Dossier de convention : %s\n", frenchDate(c.SignedOn), doc)
			fmt.Fprintf(&b, "            %d structure%s", len(c.Record.Record.Services), plural(len(c.Record.Record.Services)))
			if c.Action == store.ChangeDossierReplaced {
				fmt.Fprintf(&b, " ; remplace le dossier signé le %s (%s) et les bulletins antérieurs",
					frenchDate(c.Replaced.SignedOn), c.Replaced.DocumentName)
			}
			b.WriteString(".\n")
		case store.ChangeAdminAdded, store.ChangeAdminReplaced:
			writeFormChange(&b, c, doc)
		case store.ChangeIgnored:
			if c.Admin != nil {
				fmt.Fprintf(&b, "\n%s  Formulaire de changement d'administrateur (Annexe 3) : %s\n            sans effet, antérieur au dossier en vigueur.\n",
					frenchDate(c.SignedOn), doc)
				continue
			}
			fallthrough
		default:
			fmt.Fprintf(&b, "\n%s  Bulletin d'adhésion : %s\n            Annexe %s %s (%s), %s : ", frenchDate(c.SignedOn), doc,
				c.Annex, c.Unit, c.Service, frenchQuotas(c.Quotas))
			switch c.Action {
			case store.ChangeUnitAdded:
				b.WriteString("structure ajoutée.\n")
			case store.ChangeQuotasReplaced:
				fmt.Fprintf(&b, "remplace les quotas %s de %s.\n", frenchQuotas(*c.Old), c.Replaced.DocumentName)
			case store.ChangeIgnored:
				fmt.Fprintf(&b, "sans effet, antérieur à %s en vigueur (%s).\n",
					map[string]string{"older_than_dossier": "au dossier", "older_than_unit": "au bulletin"}[c.IgnoredWhy], c.Replaced.DocumentName)
			}
		}
	}
	writeChecked(&b, changes, checked)
	b.WriteString("\nEn vigueur :\n")
	for _, s := range eff.Services {
		fmt.Fprintf(&b, "  Annexe %s %s (%s) : %s, signé le %s\n", s.Annex, s.Unit, s.Service, frenchQuotas(s.Quotas), frenchDate(s.SignedOn))
	}
	if admins := eff.PartnerAdmins(); len(admins) > 0 {
		b.WriteString("  Administrateurs du partenaire : ")
		for i, a := range admins {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(a.Name)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeFormChange writes what a returned Annexe 3 form changed: who was
// appointed, whom they replace, the form's reference. The history is read
// by Caf staff on request, so it names the administrators.
func writeFormChange(b *strings.Builder, c store.Change, doc string) {
	fmt.Fprintf(b, "\n%s  Formulaire de changement d'administrateur (Annexe 3) : %s\n            ", frenchDate(c.SignedOn), doc)
	fmt.Fprintf(b, "administrateur %s désigné", c.Admin.NewAdmin.Name)
	if len(c.Removed) > 0 {
		names := make([]string, len(c.Removed))
		for i, r := range c.Removed {
			names[i] = r.Name
		}
		fmt.Fprintf(b, " en remplacement de %s", strings.Join(names, ", "))
	} else if c.Admin.Replaces != nil {
		fmt.Fprintf(b, " (l'administrateur à remplacer, %s, ne figurait pas parmi les administrateurs en vigueur)",
			strings.TrimSpace(c.Admin.Replaces.Name+" "+c.Admin.Replaces.Email))
	}
	if c.Admin.FormRef != "" {
		fmt.Fprintf(b, " ; réponse au formulaire %s", c.Admin.FormRef)
	}
	b.WriteString(".\n")
}

// frenchQuotas writes a quota table on one line: « T1 25, T2 0, … ».
func frenchQuotas(q model.Quotas) string {
	parts := make([]string, 0, len(model.Profiles))
	for _, p := range model.Profiles {
		parts = append(parts, fmt.Sprintf("%s %d", p, q.Get(p)))
	}
	return strings.Join(parts, ", ")
}

// frenchDate turns an ISO date into JJ/MM/AAAA ("non datée" when empty).
func frenchDate(iso string) string {
	d, err := model.ParseISODate(iso)
	if err != nil || d.IsZero() {
		return "non daté"
	}
	return d.Time().Format("02/01/2006")
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}
