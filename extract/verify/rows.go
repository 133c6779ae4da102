package verify

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"habilitations/extract/review"
	"habilitations/model"
)

// column names a column of the table for a problem: « H (Valeur vérifiée) ».
func column(i int) string {
	n, _ := excelize.ColumnNumberToName(i + 1)
	return n + " (" + model.VerificationColumns[i] + ")"
}

// readRows reads the table: every row's seal, then its typed value.
func readRows(f *excelize.File, res *Result, seal *model.ReviewSealer) []review.Problem {
	sh := model.VerificationSheet
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		return []review.Problem{{Sheet: sh, Msg: "onglet absent ou illisible : renvoyer le classeur tel qu'il a été reçu."}}
	}
	var probs []review.Problem
	seen := 0
	for i := model.VerificationHeaderRow; i < len(rows); i++ {
		r := rows[i]
		get := func(c int) string {
			if c < len(r) {
				return r[c]
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(r, "")) == "" {
			continue
		}
		row := i + 1
		field := get(model.VerifColField)
		cells := make([]string, model.VerificationProtectedCount)
		for c := range cells {
			cells[c] = model.ReviewCellText(get(c))
		}
		foreign, edited := seal.CheckCells(res.WorkbookID, field, cells, get(model.VerifColControl))
		if foreign {
			probs = append(probs, review.Problem{Sheet: sh, Row: row, Msg: "ligne ajoutée, copiée d'un autre classeur ou " +
				"dont les colonnes masquées ont été modifiées : la supprimer, ou renvoyer le classeur tel qu'il a été reçu."})
			continue
		}
		seen++
		for _, c := range edited {
			probs = append(probs, review.Problem{Sheet: sh, Row: row, Column: column(c), Msg: "cette case a été modifiée ; " +
				"elle ne doit pas l'être (la valeur vérifiée se saisit en colonne H)."})
		}
		typed := strings.TrimSpace(get(model.VerifColChecked))
		if typed == "" {
			res.Unchecked++
			continue
		}
		v, err := model.CheckedValue(field, typed)
		if err != nil {
			probs = append(probs, review.Problem{Sheet: sh, Row: row, Column: column(model.VerifColChecked),
				Msg: fmt.Sprintf("« %s » : %s.", typed, err)})
			continue
		}
		res.Checked = append(res.Checked, Checked{Row: row, Field: field, ValueRead: cells[2], Value: v,
			Note: model.CleanText(get(model.VerifColNote))})
	}
	if seen != res.Rows {
		probs = append(probs, review.Problem{Sheet: sh, Msg: fmt.Sprintf("le classeur a été émis avec %d lignes, %d ont été "+
			"retrouvées : renvoyer le classeur tel qu'il a été reçu, sans supprimer de ligne.", res.Rows, seen)})
	}
	return probs
}
