package review

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
	"habilitations/report/xlsxout"
)

// actionHeaders are the columns of the actions files, for the partner's
// administrator who applies them in « Mon Compte Partenaire ».
var actionHeaders = []string{"Action", "Identifiant", "Nom", "Prénom", "Adresse mél", "Structure", "Service", "Profil actuel", "Nouveau profil", "Motif"}

func actionRecord(a model.Action) []string {
	return []string{a.Kind.Label(), a.Account, a.LastName, a.FirstName, a.Email, a.Unit, a.Service, string(a.Profile), string(a.NewProfile), a.Reason}
}

// WriteActionsCSV writes the actions as CSV for spreadsheets set to French:
// « ; » separated, UTF-8 with a byte-order mark, CRLF; a cell that a
// spreadsheet would take for a formula is neutralised.
func WriteActionsCSV(w io.Writer, actions []model.Action) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.Comma, cw.UseCRLF = ';', true
	if err := cw.Write(actionHeaders); err != nil {
		return err
	}
	for _, a := range actions {
		rec := actionRecord(a)
		for i := range rec {
			rec[i] = Neutralise(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("actions csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("actions csv: %w", err)
	}
	return bw.Flush()
}

// Neutralise prefixes with an apostrophe a cell that starts like a formula
// (=, +, -, @, tab or carriage return), so that a spreadsheet opening the
// CSV shows it as text instead of evaluating it (CSV injection).
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteActionsXLSX writes the same actions as a workbook with one sheet.
func WriteActionsXLSX(w io.Writer, convention string, actions []model.Action) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sh := "Actions"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	sw := &sheetWriter{f: f, sheet: sh, width: len(actionHeaders)}
	sw.setWidths([]float64{24, 14, 18, 16, 32, 28, 9, 10, 10, 50})
	sw.header(1, actionHeaders, st.header)
	for i, a := range actions {
		rec := actionRecord(a)
		vals := make([]any, len(rec))
		styles := make([]int, len(rec))
		for j, v := range rec {
			vals[j], styles[j] = v, st.wrap
		}
		sw.row(i+2, vals, styles)
	}
	if len(actions) == 0 {
		sw.merged(2, "Aucune action : toutes les habilitations sont maintenues.", st.note, 20)
	} else {
		sw.do(f.AutoFilter(sh, fmt.Sprintf("A1:J%d", len(actions)+1), nil))
	}
	sw.do(f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	sw.do(f.SetDocProps(&excelize.DocProperties{Title: "Actions à appliquer — convention n° " + convention, Language: "fr-FR"}))
	sw.do(pageSetup(f, sh, "landscape"))
	if sw.err != nil {
		return sw.err
	}
	return xlsxout.Write(f, w)
}
