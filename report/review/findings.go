package review

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// findingWidths are the column widths of « Anomalies ».
var findingWidths = []float64{28, 70, 70, 22}

// writeFindings streams « Anomalies »: every finding of the convention in
// words, with what to do (a partner with many dormant accounts has
// thousands).
func writeFindings(f *excelize.File, st *styles, rv model.Review) error {
	sh := model.ReviewSheetFindings
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	if err := pageSetup(f, sh, "landscape"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for i, wd := range findingWidths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := []any{}
	for _, h := range []string{"Anomalie", "Constat", "À faire", "Comptes concernés"} {
		head = append(head, excelize.Cell{StyleID: st.header, Value: h})
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for i, fd := range rv.Findings {
		vals := []string{fd.Title(), fd.Description(), fd.Action(), findingAccounts(fd)}
		cells := make([]any, len(vals))
		n := 1
		for j, v := range vals {
			cells[j] = excelize.Cell{StyleID: st.wrap, Value: v}
			n = max(n, lines(v, findingWidths[j]))
		}
		if err := sw.SetRow(cell(1, i+2), cells, excelize.RowOpts{Height: float64(15*n + 3)}); err != nil {
			return err
		}
	}
	if len(rv.Findings) == 0 {
		if err := sw.SetRow("A2", []any{excelize.Cell{StyleID: st.note, Value: "Aucune anomalie relevée pour cette convention."}}); err != nil {
			return err
		}
		// Across the sheet, so that the note is not cut at column A's width.
		if err := sw.MergeCell("A2", "D2"); err != nil {
			return err
		}
	} else if err := f.AutoFilter(sh, "A1:D"+itoa(len(rv.Findings)+1), nil); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: "'" + sh + "'!$1:$1"}); err != nil {
		return err
	}
	if err := readOnly(f, sh); err != nil {
		return err
	}
	return sw.Flush()
}

// findingAccounts lists the accounts (or the person) a finding is about.
func findingAccounts(f model.Finding) string {
	switch {
	case len(f.Accounts) > 0:
		return strings.Join(f.Accounts, ", ")
	case f.Account != "":
		return f.Account
	}
	return f.Name
}

// writeAdmins fills « Administrateurs »: the partner administrators declared
// in Annexe 1 against the administrator accounts of the export.
func writeAdmins(f *excelize.File, st *styles, rv model.Review) error {
	sh := model.ReviewSheetAdmins
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	w := &sheetWriter{f: f, sheet: sh, width: 7}
	w.setWidths([]float64{26, 30, 18, 16, 24, 12, 60})
	declared := rv.Record.PartnerAdmins()
	var admins []model.ReviewRow
	for _, r := range rv.Rows {
		if r.IsAdmin() {
			admins = append(admins, r)
		}
	}
	matches := func(c model.Contact, r model.ReviewRow) bool {
		return model.Fold(r.FirstName+" "+r.LastName) == model.Fold(c.Name) ||
			(c.Email != "" && model.Fold(r.Email) == model.Fold(c.Email))
	}
	row := 1
	w.merged(row, "Administrateurs déclarés à l'annexe 1 de la convention et par les formulaires Annexe 3 reçus", st.subtitle, 22)
	row++
	w.header(row, []string{"Nom", "Adresse mél", "Téléphone", "Compte actif", "Rôle du compte", "Statut", "Constat"}, st.header)
	for _, c := range declared {
		row++
		account, role, status := "", "", ""
		for _, r := range admins {
			if matches(c, r) && (account == "" || r.Status == model.StatusActive) {
				account, role, status = r.Account, r.Role, r.Status
			}
		}
		verdict := "Déclaré et titulaire d'un compte administrateur actif."
		if status != model.StatusActive {
			verdict = "Aucun compte administrateur actif : vérifier auprès du partenaire et, s'il n'est plus administrateur, faire remplir le formulaire de changement d'administrateur (annexe 3)."
		}
		w.row(row, []any{c.Name, c.Email, frenchPhone(c.Phone), account, role, status, verdict}, []int{st.wrap, st.wrap, st.text, st.text, st.wrap, st.text, st.wrap})
	}
	if len(declared) == 0 {
		row++
		w.merged(row, "Aucun administrateur déclaré (dossier sans annexe 1 enregistrée).", st.note, 20)
	}
	row += 2
	w.merged(row, "Comptes ayant un rôle d'administrateur dans l'export", st.subtitle, 22)
	row++
	w.header(row, []string{"Nom", "Adresse mél", "Identifiant", "Profil", "Rôle", "Statut", "Constat"}, st.header)
	for _, r := range admins {
		row++
		ok := false
		for _, c := range declared {
			ok = ok || matches(c, r)
		}
		verdict := "Déclaré à l'annexe 1."
		if !ok {
			verdict = "Non déclaré à l'annexe 1 : faire remplir le formulaire de changement d'administrateur (annexe 3) ou retirer le rôle d'administrateur."
		}
		w.row(row, []any{strings.TrimSpace(r.FirstName + " " + r.LastName), r.Email, r.Account, string(r.Profile), r.Role, r.Status, verdict},
			[]int{st.wrap, st.wrap, st.text, st.number, st.wrap, st.text, st.wrap})
	}
	if len(admins) == 0 {
		row++
		w.merged(row, "Aucun compte administrateur dans l'export.", st.note, 20)
	}
	w.do(pageSetup(f, sh, "landscape"))
	w.do(readOnly(f, sh))
	return w.err
}

// frenchPhone writes an E.164 French number as « 03 80 44 10 21 ».
func frenchPhone(p string) string {
	if !strings.HasPrefix(p, "+33") || len(p) != 12 {
		return p
	}
	d := "0" + p[3:]
	return d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8] + " " + d[8:10]
}

// WriteFollowUpSheet adds a sheet listing the actions of the previous review
// and whether the current export shows them applied. The review workbook
// includes it; other reports may call it on their own file.
func WriteFollowUpSheet(f *excelize.File, sheet string, results []model.ActionResult) error {
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	w := &sheetWriter{f: f, sheet: sheet, width: 9}
	w.setWidths([]float64{22, 24, 14, 18, 16, 26, 8, 10, 60})
	w.header(1, []string{"État", "Action demandée", "Identifiant", "Nom", "Prénom", "Structure", "Profil", "Nouveau profil", "Constat"}, st.header)
	for i, r := range results {
		w.row(i+2, []any{string(r.State), r.Kind.Label(), r.Account, r.LastName, r.FirstName, r.Unit, string(r.Profile), string(r.NewProfile), r.Detail},
			[]int{st.state[string(r.State)], st.wrap, st.text, st.wrap, st.wrap, st.wrap, st.number, st.number, st.wrap})
	}
	if len(results) > 0 {
		w.do(f.AutoFilter(sheet, "A1:I"+itoa(len(results)+1), nil))
	}
	w.do(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	w.do(pageSetup(f, sheet, "landscape"))
	w.do(readOnly(f, sheet))
	return w.err
}
