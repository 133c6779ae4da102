package review

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// CampaignColumns are the follow-up of a convention's review campaign, as
// the Caf's overview shows it next to the review's status.
type CampaignColumns struct {
	Stage           model.CampaignStage
	DaysLate        int
	OpenFindings    string // « Quota dépassé : 75 j » per line, oldest first
	OldestDays      int    // age of the oldest open finding
	Reminders       string // « rappel-1 du 18/04/2026 (envoyé) » per line
	Notice          string // the formal notice: written, sent, received
	TerminationFrom model.Date
}

// CampaignMonth counts the campaign's events of one month, for the chart
// of the campaign's progress.
type CampaignMonth struct {
	Month     model.Date // first day of the month
	Returned  int        // reviews returned
	Late      int        // reviews that fell late (due that month, not returned by then)
	Escalated int        // formal notices written
}

// campaignHeaders are the campaign's columns of the overview, after the review's.
var campaignHeaders = []string{"Campagne", "Jours de retard", "Anomalies ouvertes (ancienneté)", "Plus ancienne (jours)",
	"Courriels", "Mise en demeure", "Résiliation de plein droit à compter du"}

var campaignWidths = []float64{24, 10, 34, 11, 34, 34, 16}

// campaignStyles colours a stage: green once the review is done, amber
// while it is awaited, red once late or escalated.
func campaignStyles(st *styles) map[model.CampaignStage]int {
	green, amber, red := st.verdict[model.VerdictKeep], st.verdict[model.VerdictCheck], st.verdict[model.VerdictRemove]
	return map[model.CampaignStage]int{
		model.StageToPrepare: amber, model.StageSent: amber, model.StageReturned: amber,
		model.StageDecisions: green, model.StageAttested: green, model.StageApplied: green, model.StageResolved: green,
		model.StageLate: red, model.StageNoticeToSend: red, model.StageNoticeSent: red, model.StageTermination: red,
	}
}

// campaignRow is the campaign's cells of one line (blank without campaign).
func campaignRow(c *CampaignColumns, st *styles, stage map[model.CampaignStage]int) ([]any, []int) {
	styles := []int{st.text, st.number, st.wrap, st.number, st.wrap, st.wrap, st.date}
	if c == nil {
		return []any{"", "", "", "", "", "", ""}, styles
	}
	styles[0] = stage[c.Stage]
	late := st.number
	if c.DaysLate > 0 {
		late = st.quota[model.QuotaExceeded]
	}
	styles[1] = late
	var term any = ""
	if !c.TerminationFrom.IsZero() {
		term = c.TerminationFrom.Time()
		styles[6] = st.dateRed
	}
	return []any{string(c.Stage), c.DaysLate, c.OpenFindings, c.OldestDays, c.Reminders, c.Notice, term}, styles
}

// writeCampaignSheet writes the « Campagne » sheet: the events of each
// month and a column chart of them.
func writeCampaignSheet(f *excelize.File, st *styles, months []CampaignMonth) error {
	const sh = "Campagne"
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	w := &sheetWriter{f: f, sheet: sh, width: 4}
	w.do(pageSetup(f, sh, "landscape")) // the table and its chart on one printed page
	w.setWidths([]float64{16, 16, 16, 18})
	w.merged(1, "Avancement de la campagne de revue, par mois", st.title, 24)
	w.header(2, []string{"Mois", "Revues retournées", "Revues en retard", "Mises en demeure"}, st.header)
	for i, m := range months {
		w.row(i+3, []any{model.FrenchMonthYear(m.Month), m.Returned, m.Late, m.Escalated}, []int{st.text, st.number, st.number, st.number})
	}
	if len(months) == 0 {
		w.merged(3, "Aucun événement de campagne enregistré.", st.note, 18)
		return w.err
	}
	first, last := 3, len(months)+2
	q := "'" + sh + "'"
	series := func(col, colour string) excelize.ChartSeries {
		return excelize.ChartSeries{Name: fmt.Sprintf("%s!$%s$2", q, col), Categories: fmt.Sprintf("%s!$A$%d:$A$%d", q, first, last),
			Values: fmt.Sprintf("%s!$%s$%d:$%s$%d", q, col, first, col, last), Fill: fill(colour)}
	}
	w.do(f.AddChart(sh, cell(6, 2), &excelize.Chart{
		Type:      excelize.Col,
		Series:    []excelize.ChartSeries{series("B", "70AD47"), series("C", "FFC000"), series("D", "C00000")},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Revues retournées, en retard et mises en demeure par mois"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 640, Height: 320},
		YAxis:     excelize.ChartAxis{MajorGridLines: true},
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
	}))
	return w.err
}
