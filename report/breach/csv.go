package breach

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
)

// neutralize makes a cell safe to open in a spreadsheet: a cell starting
// with =, +, -, @, tab or CR would be read as a formula (CSV injection), so
// it gets a leading apostrophe.
func neutralize(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}

// writeCSV writes a header and the n rows that row returns, one at a time
// (they are never all in memory), separated by ';', UTF-8 with a BOM (so
// that Excel reads the accents), CRLF line ends, every cell neutralized.
func writeCSV(ctx context.Context, path string, header []string, n int, row func(i int) []string) error {
	return writeFile(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		cw.Comma = ';'
		cw.UseCRLF = true
		out := make([]string, 0, len(header))
		for i := -1; i < n; i++ {
			if i%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			r := header
			if i >= 0 {
				r = row(i)
			}
			out = out[:0]
			for _, c := range r {
				out = append(out, neutralize(c))
			}
			if err := cw.Write(out); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
}

func writeFindingsCSV(path string, t tables) error {
	header := []string{"Constat", "Convention", "Partenaire", "Structure", "Service", "Profil", "Autorisés", "Utilisés",
		"Excédent", "Compte ou personne", "Nouveau", "Description", "À faire"}
	bs, os := pull(t.breachRows()), pull(t.otherRows())
	row := func(i int) []string {
		if i < t.nBreaches {
			b := bs.get()
			return []string{b.f.Title(), b.f.Convention, b.partner, b.f.Unit, b.f.Service, string(b.f.Profile),
				strconv.Itoa(b.f.Quota), strconv.Itoa(b.f.Count), strconv.Itoa(b.excess), "", yesNo(b.isNew), b.description, b.action}
		}
		o := os.get()
		unit := ""
		if o.f.Code == "unknown_unit" {
			unit = o.f.Unit
		}
		return []string{o.f.Title(), o.f.Convention, o.partner, unit, "", "", "", "", "", o.subject,
			yesNo(o.isNew), o.description, o.action}
	}
	err := writeCSV(t.ctx, path, header, t.nBreaches+t.nOthers, row)
	return errors.Join(err, bs.done(), os.done())
}

func writeAccountsCSV(path string, t tables) error {
	header := []string{"Convention", "Partenaire", "Structure", "Service", "Profil", "Autorisés", "Utilisés", "Rang",
		"Identifiant", "Nom", "Prénom", "Adresse mél", "Rôle", "Statut", "Créé le", "Dernière connexion", "À faire"}
	a, err := t.accounts()
	if err != nil {
		return err
	}
	hs := pull(t.holderRows(a))
	err = writeCSV(t.ctx, path, header, a.n, func(int) []string { return holderCells(hs.get()) })
	return errors.Join(err, hs.done())
}

// holderCells are the cells of one account line (CSV and XLSX).
func holderCells(h holderRow) []string {
	todo := inQuota
	if h.beyond {
		todo = toRemove
	}
	return []string{h.b.f.Convention, h.b.partner, h.b.f.Unit, h.b.f.Service, string(h.b.f.Profile),
		strconv.Itoa(h.b.f.Quota), strconv.Itoa(h.b.f.Count), strconv.Itoa(h.rank),
		h.h.Account, h.h.LastName, h.h.FirstName, h.h.Email, h.h.Role, h.h.Status,
		frDate(h.h.Created, ""), frDate(h.h.LastLogin, "Jamais"), todo}
}
