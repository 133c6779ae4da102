package jobs

import (
	"context"
	"fmt"
	"path"

	"habilitations/model"
)

// JobCampaignSent is the run kind of `habilitations campaign sent`.
const JobCampaignSent = "campaign-sent"

// NoticeSentOptions are what the agent enters once a formal notice left by
// registered post.
type NoticeSentOptions struct {
	Convention string     // number, as printed (06/2017)
	Letter     string     // the letter's file (path or name); "" when the convention has one notice
	Sent       model.Date // sending date: starts the month (convention art. 17.2)
	Received   model.Date // acknowledgement of receipt, when known (zero: none)
}

// RecordNoticeSent records the sending date (and receipt) of a convention's
// formal notice; the month after which the convention is terminated as of
// right runs from it. It returns the path of the letter and the date the
// month ends.
func RecordNoticeSent(ctx context.Context, o RunOptions, n NoticeSentOptions) (letter string, monthEnds model.Date, err error) {
	err = withRun(ctx, o, JobCampaignSent, func(ctx context.Context, w *workspace) (any, error) {
		num := model.NormalizeNumber(n.Convention)
		notices, err := w.st.Notices(ctx)
		if err != nil {
			return nil, err
		}
		var match []int
		for i, sn := range notices {
			if sn.Convention == num && (n.Letter == "" || path.Base(sn.Path) == path.Base(n.Letter)) {
				match = append(match, i)
			}
		}
		switch {
		case len(match) == 0:
			return nil, fmt.Errorf("convention %s: no formal notice %s in the store", num, n.Letter)
		case len(match) > 1:
			return nil, fmt.Errorf("convention %s: %d formal notices, name the letter with --letter", num, len(match))
		}
		sn := notices[match[0]]
		if n.Sent.Before(isoDate(sn.WrittenOn)) {
			return nil, fmt.Errorf("convention %s: sending date %s before the letter's date %s", num, n.Sent, sn.WrittenOn)
		}
		if !n.Received.IsZero() && n.Received.Before(n.Sent) {
			return nil, fmt.Errorf("convention %s: receipt %s before the sending %s", num, n.Received, n.Sent)
		}
		if err := w.st.SetNoticeSent(ctx, num, sn.DueOn, n.Sent.String(), n.Received.String()); err != nil {
			return nil, err
		}
		letter = sn.Path
		monthEnds = model.Notice{Sent: n.Sent, Received: n.Received}.MonthFrom()
		w.log.Info("formal notice sent recorded", "path", letter, "sent", n.Sent.String(), "month_ends", monthEnds.String())
		return map[string]string{"letter": letter, "sent": n.Sent.String()}, nil
	})
	return letter, monthEnds, err
}
