package review

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// summaryWidths are the column widths of « Synthèse »: the quota table's
// columns (unit, profile, service, authorised, used, gap, state).
var summaryWidths = []float64{9, 8, 40, 10, 11, 11, 10, 20}

// writeSummary fills « Synthèse »: convention facts, the reviewer's cells,
// instructions, the quota table with its chart, and the finding counts.
func writeSummary(f *excelize.File, st *styles, rv model.Review) error {
	sh := model.ReviewSheetSummary
	w := &sheetWriter{f: f, sheet: sh, labelCols: 3}
	w.setWidths(summaryWidths)
	c := rv.Record.Convention
	w.merged(1, "Revue annuelle des habilitations « Mon Compte Partenaire »", st.title, 30)
	w.merged(2, fmt.Sprintf("Convention n° %s — %s", c.Number, c.Partner.Name), st.subtitle, 20)
	signed := ""
	if d, err := model.ParseISODate(c.SignedOn); err == nil {
		signed = model.FrenchDate(d)
		if c.SignedAt != "" {
			signed += " à " + c.SignedAt
		}
	}
	var remove, check int
	for _, r := range rv.Rows {
		switch r.Verdict {
		case model.VerdictRemove:
			remove++
		case model.VerdictCheck:
			check++
		}
	}
	anniv := ""
	if d, err := model.ParseISODate(c.SignedOn); err == nil {
		anniv = model.FrenchDayMonth(d)
	}
	facts := [][2]string{
		{"Convention n°", c.Number},
		{"Partenaire", c.Partner.Name},
		{"SIRET du partenaire", c.Partner.SIRET},
		{"Caisse d'Allocations familiales", c.Caf.Name},
		{"Convention signée le", signed},
		{"Anniversaire de la convention", anniv},
		{"Revue à rendre au plus tard le", model.FrenchDate(rv.Due)},
		{"Situation des habilitations au", model.FrenchDate(rv.AsOf)},
		{"Habilitations à examiner", fmt.Sprintf("%d, dont %d à supprimer et %d à vérifier selon la Caf", len(rv.Rows), remove, check)},
	}
	row := 4
	for _, kv := range facts {
		w.pair(row, kv[0], kv[1], st.label, st.value)
		row++
	}
	row++
	w.merged(row, "À remplir par le relecteur", st.subtitle, 20)
	row++
	w.input(row, model.ReviewReviewerLabel, st.label, st.input)
	w.input(row+1, model.ReviewDateLabel, st.label, st.inputDate)
	row += 3
	w.merged(row, "Mode d'emploi", st.subtitle, 20)
	row++
	for _, line := range instructions {
		w.merged(row, line, st.note, 16)
		row++
	}
	row++
	row = writeQuotaTable(w, st, rv, row)
	row = writeFindingCounts(w, st, rv, row+1)
	w.do(readOnly(f, sh))
	if err := w.err; err != nil {
		return err
	}
	return pageSetup(f, sh, "portrait")
}

// instructions tell the reviewer what to do, in the order of the work.
var instructions = []string{
	"1. Dans l'onglet « Habilitations », choisir pour chaque ligne une décision dans la liste de la colonne « Décision » : Maintenir, Supprimer, Modifier le profil ou Ne sait pas.",
	"2. Pour « Modifier le profil », choisir le nouveau profil dans la colonne « Nouveau profil » : un profil autorisé pour la structure par son bulletin d'adhésion (voir le tableau des quotas ci-dessous).",
	"3. Une justification est obligatoire lorsque la décision s'écarte de la recommandation de la Caf : maintien d'un compte à supprimer ou à vérifier, ou modification du profil d'un compte à supprimer.",
	"4. Indiquer ci-dessus votre nom, votre fonction et la date de la revue, enregistrer le classeur sans le renommer ni modifier les autres colonnes, et le renvoyer à la Caf.",
	"Les colonnes grisées sont protégées : la Caf vérifie à réception qu'elles n'ont pas été modifiées et qu'aucune ligne n'a été ajoutée ou supprimée.",
}

// writeQuotaTable writes the quota table and its chart from row; it returns
// the next free row.
func writeQuotaTable(w *sheetWriter, st *styles, rv model.Review, row int) int {
	w.merged(row, "Quotas autorisés et utilisés (habilitations actives ou suspendues)", st.subtitle, 20)
	row++
	w.header(row, []string{"Annexe", "Profil", "Unité", "Service", "Autorisés", "Utilisés", "Écart", "État"}, st.header)
	first := row + 1
	for _, q := range rv.Quotas {
		row++
		w.row(row, []any{q.Annex, string(q.Profile), q.Unit, q.Service, q.Authorised, q.Used, q.Gap(), string(q.State())},
			[]int{st.number, st.number, st.wrap, st.text, st.number, st.number, st.number, st.quota[q.State()]})
	}
	if len(rv.Quotas) == 0 {
		row++
		w.merged(row, "Aucun quota : la convention n'a pas de bulletin d'adhésion.", st.note, 20)
		return row + 2
	}
	last := row
	row += 2
	sh := "'" + w.sheet + "'"
	ref := func(col string) string { return fmt.Sprintf("%s!$%s$%d:$%s$%d", sh, col, first, col, last) }
	height := uint(260 + 12*len(rv.Quotas))
	w.do(w.f.AddChart(w.sheet, cell(1, row), &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: sh + "!$E$" + strconv.Itoa(first-1), Categories: fmt.Sprintf("%s!$A$%d:$B$%d", sh, first, last), Values: ref("E"), Fill: fill("5B9BD5")},
			{Name: sh + "!$F$" + strconv.Itoa(first-1), Categories: fmt.Sprintf("%s!$A$%d:$B$%d", sh, first, last), Values: ref("F"), Fill: fill("ED7D31")},
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Habilitations autorisées et utilisées par profil"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 760, Height: height},
		YAxis:     excelize.ChartAxis{MajorGridLines: true},
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
	}))
	return row + int(height)/20 + 2
}

// writeFindingCounts writes the number of findings per kind from row.
func writeFindingCounts(w *sheetWriter, st *styles, rv model.Review, row int) int {
	w.merged(row, "Anomalies relevées (détail dans l'onglet « Anomalies »)", st.subtitle, 20)
	row++
	w.header(row, []string{"Anomalie", "", "", "Nombre"}, st.header)
	w.do(w.f.MergeCell(w.sheet, cell(1, row), cell(3, row)))
	count := map[model.Code]int{}
	for _, f := range rv.Findings {
		count[f.Code]++
	}
	for _, code := range model.Codes {
		if code == model.CodeUnknownPartner {
			continue // never attached to a convention
		}
		row++
		w.row(row, []any{model.Finding{Code: code}.Title(), "", "", count[code]}, []int{st.wrap, st.wrap, st.wrap, st.number})
		w.do(w.f.MergeCell(w.sheet, cell(1, row), cell(3, row)))
		w.do(w.f.SetRowHeight(w.sheet, row, 16))
	}
	return row + 1
}
