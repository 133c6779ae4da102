package review

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
	"habilitations/report/xlsxout"
)

// ConventionLine is one convention of the Caf's consolidated workbook.
type ConventionLine struct {
	Number, Partner  string
	Units            []string
	Authorised, Used int
	OpenFindings     int
	Anniversary      string // « 3 mai »
	Due              model.Date
	Status           model.ReviewStatus
	Workbook         string // the convention's workbook, relative to the consolidated one ("" when none)
	Note             string // e.g. no export received
	// Campaign is the follow-up of the review (nil: not followed).
	Campaign *CampaignColumns
	// AdminForms lists the Annexe 3 forms pre-filled for the convention:
	// « Formulaire A3-… envoyé le …, retourné le … » per line;
	// AdminFormsOverdue is set when one has not come back in time.
	AdminForms        string
	AdminFormsOverdue bool
}

// WriteConsolidated writes the Caf's consolidated workbook: one row per
// convention with its units, quotas authorised and used, open findings, the
// review due date and where the review stands, then the campaign's
// follow-up (stage, days late, open findings with their age, messages,
// formal notice), and a « Campagne » sheet charting the months.
func WriteConsolidated(w io.Writer, asOf model.Date, lines []ConventionLine, months []CampaignMonth) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sh := "Revues"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	headers := []string{"Convention n°", "Partenaire", "Unités", "Autorisés", "Utilisés", "Écart", "Anomalies ouvertes",
		"Anniversaire", "Revue à rendre le", "État de la revue", "Classeur", "Remarque"}
	headers = append(headers, campaignHeaders...)
	headers = append(headers, "Formulaires Annexe 3 (changement d'administrateur)")
	sw := &sheetWriter{f: f, sheet: sh, width: len(headers)}
	sw.setWidths(append(append([]float64{14, 40, 40, 11, 11, 10, 12, 13, 13, 20, 30, 30}, campaignWidths...), 46))
	stageStyle := campaignStyles(st)
	sw.merged(1, "Revue annuelle des habilitations — situation au "+model.FrenchDate(asOf), st.title, 28)
	sw.header(2, headers, st.header)
	statusStyle := map[model.ReviewStatus]int{model.ReviewToPrepare: st.verdict[model.VerdictRemove], model.ReviewSent: st.verdict[model.VerdictCheck],
		model.ReviewDecisions: st.verdict[model.VerdictCheck], model.ReviewAttestation: st.verdict[model.VerdictKeep]}
	for i, l := range lines {
		r := i + 3
		gap := l.Authorised - l.Used
		gapStyle := st.quota[model.QuotaWithin]
		if gap < 0 {
			gapStyle = st.quota[model.QuotaExceeded]
		}
		var due any = ""
		if !l.Due.IsZero() {
			due = l.Due.Time()
		}
		cv, cs := campaignRow(l.Campaign, st, stageStyle)
		formStyle := st.wrap
		if l.AdminFormsOverdue {
			formStyle = st.verdict[model.VerdictRemove] // red: a form not returned in time
		}
		cv, cs = append(cv, l.AdminForms), append(cs, formStyle)
		sw.row(r, append([]any{l.Number, l.Partner, strings.Join(l.Units, "\n"), l.Authorised, l.Used, gap, l.OpenFindings,
			l.Anniversary, due, string(l.Status), "", l.Note}, cv...),
			append([]int{st.text, st.wrap, st.wrap, st.number, st.number, gapStyle, st.number, st.number, st.date, statusStyle[l.Status], st.text, st.wrap}, cs...))
		if l.Workbook != "" {
			c := cell(11, r)
			sw.do(f.SetCellStr(sh, c, l.Workbook))
			sw.do(f.SetCellHyperLink(sh, c, l.Workbook, "External"))
		}
	}
	if len(lines) > 0 {
		sw.do(f.AutoFilter(sh, fmt.Sprintf("A2:%s%d", colName(len(headers)), len(lines)+2), nil))
	}
	sw.do(f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"}))
	sw.do(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh, RefersTo: "'" + sh + "'!$A:$A,'" + sh + "'!$2:$2"}))
	// Too many columns for one page: A3 landscape, two pages across, the
	// convention number repeated on each.
	sw.do(pageSetupOn(f, sh, "landscape", 8, 2))
	if sw.err != nil {
		return sw.err
	}
	if err := writeCampaignSheet(f, st, months); err != nil {
		return fmt.Errorf("campaign sheet: %w", err)
	}
	return xlsxout.Write(f, w)
}
