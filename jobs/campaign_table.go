package jobs

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"habilitations/model"
)

// WriteCampaignTable prints the campaign lines as a table for the agent:
// convention, due date, stage (in French, as the overview), days late, open
// findings with the age of the oldest, the formal notice and the messages.
func WriteCampaignTable(w io.Writer, lines []CampaignLine) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CONVENTION\tDUE\tSTAGE\tLATE\tOPEN FINDINGS (OLDEST, DAYS)\tNOTICE\tMAILS")
	for _, l := range lines {
		oldest := 0
		for _, f := range l.Findings {
			oldest = max(oldest, f.AgeDays)
		}
		findings := "-"
		if len(l.Findings) > 0 {
			findings = fmt.Sprintf("%d (%d)", len(l.Findings), oldest)
		}
		notice := "-"
		if n := l.Notice; n != nil {
			notice = "written " + n.Written.String()
			if !n.Sent.IsZero() {
				notice += ", sent " + n.Sent.String() + ", month ends " + l.TerminationFrom.String()
			}
		}
		var ms []string
		for _, m := range l.Mails {
			ms = append(ms, fmt.Sprintf("%s %s %s", m.Kind, m.Written, m.Status))
		}
		mails := "-"
		if len(ms) > 0 {
			mails = strings.Join(ms, "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", l.Convention, l.Due, l.Stage, l.DaysLate, findings, notice, mails)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var term []string
	for _, l := range lines {
		if l.Stage == model.StageTermination {
			term = append(term, l.Convention)
		}
	}
	if len(term) > 0 {
		_, err := fmt.Fprintf(w, "\nFormal notice without effect for a month: « %s » for %s (convention art. 17.2; never done automatically).\n",
			model.StageTermination, strings.Join(term, ", "))
		return err
	}
	return nil
}
