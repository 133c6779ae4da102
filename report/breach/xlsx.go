package breach

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"habilitations/report/xlsxout"
)

// Sheet names (at most 31 characters, as spreadsheets require).
const (
	sheetSummary  = "Synthèse"
	sheetBreaches = "Dépassements"
	sheetAccounts = "Comptes au-delà du quota"
	sheetOthers   = "Autres constats"
	sheetResolved = "Résolus depuis dernier passage"
)

type workbook struct {
	ctx    context.Context // the tables stop when it is done
	f      *excelize.File
	st     styles
	notice int // the style of a summarised sheet's note, once made
	// acc are the breaches' accounts; otherGroups the other findings
	// counted by code and convention, when their sheet is summarised.
	acc         accounts
	otherGroups []groupRow
}

func writeXLSX(path string, t tables) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	w := &workbook{ctx: t.ctx, f: f, st: st}
	// The other findings are counted before the accounts are waited for:
	// they may still be being gathered (Input.Holders).
	if t.nOthers > t.limit {
		if w.otherGroups, err = t.otherGroups(); err != nil {
			return err
		}
	}
	if w.acc, err = t.accounts(); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", sheetSummary); err != nil {
		return err
	}
	for _, s := range []string{sheetBreaches, sheetAccounts, sheetOthers, sheetResolved} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	for _, step := range []func(tables) error{w.summary, w.breaches, w.accounts, w.others, w.resolved} {
		if err := step(t); err != nil {
			return err
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: "Dépassements de quotas « Mon Compte Partenaire » au " + frDate(t.asOf, ""),
		Creator: "habilitations", Language: "fr-FR"}); err != nil {
		return err
	}
	return writeFile(path, func(out io.Writer) error {
		return xlsxout.Write(f, out)
	})
}

func (w *workbook) breaches(t tables) error {
	cols := []column{{"Convention", 12, kText}, {"Partenaire", 38, kWrap}, {"Structure", 30, kWrap}, {"Service", 9, kText},
		{"Profil", 8, kText}, {"Autorisés", 11, kNumber}, {"Utilisés", 10, kNumber}, {"Excédent", 10, kNumber},
		{"Nouveau", 10, kText}, {"À faire", 60, kWrap}}
	bs := pull(t.breachRows())
	row := func(_ int, dst []cell) []cell {
		b := bs.get()
		return append(dst, cell{s: b.f.Convention}, cell{s: b.partner}, cell{s: b.f.Unit}, cell{s: b.f.Service},
			cell{s: string(b.f.Profile)}, cell{n: b.f.Quota}, cell{n: b.f.Count}, cell{n: b.excess}, cell{s: yesNo(b.isNew)},
			cell{s: b.action})
	}
	err := w.table(sheetBreaches, cols, t.nBreaches, row, cond{8, ">", "0", w.st.red}, cond{9, "==", `"Oui"`, w.st.orange})
	return errors.Join(err, bs.done())
}

func (w *workbook) accounts(t tables) error {
	if w.acc.n > t.limit {
		return w.accountsSummary(t)
	}
	cols := []column{{"Convention", 12, kText}, {"Partenaire", 30, kWrap}, {"Structure", 26, kWrap}, {"Profil", 8, kText},
		{"Rang", 7, kNumber}, {"Identifiant", 14, kText}, {"Nom", 18, kText}, {"Prénom", 14, kText}, {"Adresse mél", 30, kText},
		{"Rôle", 16, kWrap}, {"Statut", 10, kText}, {"Créé le", 12, kDate}, {"Dernière connexion", 13, kDate}, {"À faire", 27, kText}}
	hs := pull(t.holderRows(w.acc))
	row := func(_ int, dst []cell) []cell {
		h := hs.get()
		c := holderCells(h)
		created, login := cell{s: c[14]}, cell{s: c[15]}
		if !h.h.Created.IsZero() {
			created.date = h.h.Created.Time()
		}
		if !h.h.LastLogin.IsZero() {
			login.date = h.h.LastLogin.Time()
		}
		todo := cell{s: c[16]}
		if h.beyond {
			todo.style = w.st.act
		}
		return append(dst, cell{s: c[0]}, cell{s: c[1]}, cell{s: c[2]}, cell{s: c[4]}, cell{n: h.rank}, cell{s: c[8]},
			cell{s: c[9]}, cell{s: c[10]}, cell{s: c[11]}, cell{s: c[12]}, cell{s: c[13]}, created, login, todo)
	}
	err := w.table(sheetAccounts, cols, w.acc.n, row, cond{14, "==", strconv.Quote(toRemove), w.st.red})
	return errors.Join(err, hs.done())
}

func (w *workbook) others(t tables) error {
	if t.nOthers > t.limit {
		return w.othersSummary(t)
	}
	cols := []column{{"Constat", 22, kWrap}, {"Convention", 12, kText}, {"Partenaire", 30, kWrap}, {"Compte ou personne", 20, kWrap},
		{"Description", 60, kWrap}, {"À faire", 55, kWrap}, {"Nouveau", 10, kText}}
	os := pull(t.otherRows())
	row := func(_ int, dst []cell) []cell {
		o := os.get()
		return append(dst, cell{s: o.f.Title()}, cell{s: o.f.Convention}, cell{s: o.partner}, cell{s: o.subject},
			cell{s: o.description}, cell{s: o.action}, cell{s: yesNo(o.isNew)})
	}
	err := w.table(sheetOthers, cols, t.nOthers, row, cond{7, "==", `"Oui"`, w.st.orange})
	return errors.Join(err, os.done())
}

func (w *workbook) resolved(t tables) error {
	if len(t.resolved) > t.limit {
		return w.resolvedSummary(t)
	}
	cols := []column{{"Constat", 22, kWrap}, {"Convention", 12, kText}, {"Partenaire", 30, kWrap}, {"Compte ou personne", 20, kWrap},
		{"Constat du passage précédent", 70, kWrap}}
	row := func(i int, dst []cell) []cell {
		o := t.resolved[i]
		return append(dst, cell{s: o.f.Title()}, cell{s: o.f.Convention}, cell{s: o.partner}, cell{s: o.subject},
			cell{s: o.description})
	}
	return w.table(sheetResolved, cols, len(t.resolved), row)
}

func (w *workbook) summary(t tables) error {
	f, st, s := w.f, w.st, sheetSummary
	set := func(ref, v string, style int) error {
		if err := f.SetCellStr(s, ref, v); err != nil {
			return err
		}
		return f.SetCellStyle(s, ref, ref, style)
	}
	sub := "Comparaison avec le passage précédent : colonnes « dont nouveaux » et « résolus »."
	if !t.hasPrevious {
		sub = "Premier passage : aucune comparaison avec un passage précédent."
	}
	head := []struct{ ref, v string }{
		{"A1", "Habilitations « Mon Compte Partenaire » : dépassements de quotas et constats"},
		{"A2", "Situation au " + frDate(t.asOf, "") + ". " + sub},
	}
	if err := set(head[0].ref, head[0].v, st.title); err != nil {
		return err
	}
	if err := w.note(s, 2, head[1].v); err != nil {
		return err
	}
	hdr := []string{"Constat", "Nombre", "dont nouveaux", "Résolus depuis le dernier passage"}
	for i, h := range hdr {
		ref, _ := excelize.CoordinatesToCellName(i+1, 4)
		if err := set(ref, h, st.header); err != nil {
			return err
		}
	}
	var tot summaryRow
	for i, r := range t.summary {
		y := 5 + i
		if err := set(fmt.Sprintf("A%d", y), r.title, st.text); err != nil {
			return err
		}
		for j, n := range []int{r.count, r.new, r.resolved} {
			ref, _ := excelize.CoordinatesToCellName(2+j, y)
			if err := f.SetCellInt(s, ref, int64(n)); err != nil {
				return err
			}
			if err := f.SetCellStyle(s, ref, ref, st.number); err != nil {
				return err
			}
		}
		tot.count, tot.new, tot.resolved = tot.count+r.count, tot.new+r.new, tot.resolved+r.resolved
	}
	y := 5 + len(t.summary)
	if err := set(fmt.Sprintf("A%d", y), "Total", st.total); err != nil {
		return err
	}
	for j, n := range []int{tot.count, tot.new, tot.resolved} {
		ref, _ := excelize.CoordinatesToCellName(2+j, y)
		if err := f.SetCellInt(s, ref, int64(n)); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, ref, ref, st.total); err != nil {
			return err
		}
	}
	notes := []string{
		fmt.Sprintf("Conventions en dépassement : %d. Comptes à supprimer ou à régulariser : %d.", w.acc.convs, w.acc.toRemove),
		"Feuille « Dépassements » : un quota dépassé ou un profil non autorisé par ligne.",
		"Feuille « Comptes au-delà du quota » : les comptes de chaque dépassement, du plus récent au plus ancien ; les plus récents, en nombre égal à l'excédent, sont à supprimer ou à régulariser par un nouveau bulletin d'adhésion.",
		"Feuille « Autres constats » : comptes inactifs, adresses non nominatives, doublons, administrateurs, structures et partenaires inconnus.",
	}
	// A summarised sheet says so here too, and where its complete list is.
	if w.acc.n > t.limit {
		notes[2] = summarisedSheetNote(sheetAccounts, t.limit, w.acc.n, "comptes", t.accountsCSV,
			"chaque compte, du plus récent au plus ancien pour chaque dépassement, est dans le fichier %s : "+
				"les plus récents, en nombre égal à l'excédent, sont à supprimer ou à régulariser par un nouveau bulletin d'adhésion.")
	}
	if t.nOthers > t.limit {
		notes[3] = summarisedSheetNote(sheetOthers, t.limit, t.nOthers, "constats", t.findingsCSV,
			"chaque constat (comptes inactifs, adresses non nominatives, doublons, administrateurs, structures et partenaires inconnus) "+
				"est dans le fichier %s, avec ce qu'il faut faire.")
	}
	if len(t.resolved) > t.limit {
		notes = append(notes, fr(fmt.Sprintf("Feuille « %s » : résumée, une ligne par convention et par constat, car elle dépasserait %s (%s constats) ; "+
			"ces constats du passage précédent ne sont plus relevés.", sheetResolved, plural(t.limit, "1 ligne", "%s lignes"), frInt(len(t.resolved)))))
	}
	for i, n := range notes {
		if err := w.note(s, y+2+i, n); err != nil {
			return err
		}
	}
	for col, wdt := range map[string]float64{"A": 42, "B": 12, "C": 15, "D": 24} {
		if err := f.SetColWidth(s, col, col, wdt); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(s, 4, 32); err != nil {
		return err
	}
	return w.printSetup(s, 0)
}

// note writes a sentence across columns A to D of row y, wrapped.
func (w *workbook) note(sheet string, y int, text string) error {
	a, d := fmt.Sprintf("A%d", y), fmt.Sprintf("D%d", y)
	if err := w.f.MergeCell(sheet, a, d); err != nil {
		return err
	}
	if err := w.f.SetCellStr(sheet, a, text); err != nil {
		return err
	}
	if err := w.f.SetCellStyle(sheet, a, d, w.st.subtitle); err != nil {
		return err
	}
	return w.f.SetRowHeight(sheet, y, float64(14*lines(text, 42+12+15+24)+4))
}
