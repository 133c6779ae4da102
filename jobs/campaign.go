package jobs

import (
	"context"
	"log/slog"
	"sort"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
)

// CampaignLine is where one convention's review cycle stands: the rows of
// `habilitations campaign` and the campaign columns of the Caf's overview.
type CampaignLine struct {
	Convention      string              `json:"convention"`
	Partner         string              `json:"partner"`
	Due             model.Date          `json:"due"`
	Stage           model.CampaignStage `json:"stage"`
	DaysLate        int                 `json:"days_late"`
	Sent            model.Date          `json:"sent"`
	Returned        model.Date          `json:"returned"`
	Decisions       model.Date          `json:"decisions"`
	Attested        model.Date          `json:"attested"`
	Applied         model.Date          `json:"applied"`
	Findings        []CampaignFinding   `json:"open_findings"`
	Notice          *CampaignNotice     `json:"notice,omitempty"`
	Mails           []CampaignMail      `json:"mails"`
	TerminationFrom model.Date          `json:"termination_from"`
	// kinds count the open findings by kind, for a line built without
	// its Findings (the night's: the overview shows only the counts).
	kinds []CampaignKind
}

// CampaignKind counts a line's open findings of one kind (their title),
// with the age of the oldest, as the Caf's overview shows them.
type CampaignKind struct {
	Title      string
	Count      int
	OldestDays int
}

// CampaignFinding is an open finding with its age.
type CampaignFinding struct {
	Code      model.Code `json:"code"`
	Title     string     `json:"title"`
	Key       string     `json:"key"`
	FirstSeen model.Date `json:"first_seen"`
	AgeDays   int        `json:"age_days"`
	Escalates bool       `json:"escalates"` // a quota breach open longer than the setting
}

// CampaignNotice is a cycle's formal notice.
type CampaignNotice struct {
	Path     string     `json:"path"`
	Written  model.Date `json:"written"`
	Sent     model.Date `json:"sent"`
	Received model.Date `json:"received"`
}

// CampaignMail is a message of the cycle (no address: the .eml holds them).
type CampaignMail struct {
	Kind    model.MailKind `json:"kind"`
	Written model.Date     `json:"written"`
	Status  string         `json:"status"` // written | sent | failed
	Path    string         `json:"path"`
	Error   string         `json:"error,omitempty"`
}

// cycleState is a cycle's facts with its stored notice and mails, as the
// campaign step reads and updates them.
type cycleState struct {
	rec    model.Record
	facts  model.CampaignFacts
	notice *store.StoredNotice
	mails  []store.Mail
}

// campaignInputs reads what the store knows of every convention's cycles
// on asOf: the latest cycle of each convention with a workbook (or, without
// one, the coming anniversary, « à préparer »), and earlier cycles whose
// formal notice is still running. findingsOf are the findings of the
// latest reconciliation by convention, with their first-seen dates
// (openByConvention).
func campaignInputs(ctx context.Context, st *store.Store, records []model.Record, findingsOf map[string][]model.OpenFinding,
	asOf model.Date, loc *time.Location) ([]*cycleState, error) {
	cycles, err := st.Cycles(ctx)
	if err != nil {
		return nil, err
	}
	notices, err := st.Notices(ctx)
	if err != nil {
		return nil, err
	}
	mails, err := st.Mails(ctx, false)
	if err != nil {
		return nil, err
	}
	byConv := map[string][]store.Cycle{}
	for _, c := range cycles {
		byConv[c.Convention] = append(byConv[c.Convention], c)
	}
	noticeOf := map[[2]string]*store.StoredNotice{}
	for i, n := range notices {
		noticeOf[[2]string{n.Convention, n.DueOn}] = &notices[i]
	}
	mailsOf := map[[2]string][]store.Mail{}
	for _, m := range mails {
		k := [2]string{m.Convention, m.DueOn}
		mailsOf[k] = append(mailsOf[k], m)
	}
	var out []*cycleState
	for _, rec := range model.MergeBulletins(records) {
		num := rec.Convention.Number
		cs := byConv[num]
		if len(cs) == 0 {
			due := model.ReviewDue(rec.Convention.SignedOn, asOf)
			cs = []store.Cycle{{Convention: num, DueOn: due.String()}}
		}
		for i, c := range cs {
			k := [2]string{num, c.DueOn}
			n := noticeOf[k]
			latest := i == len(cs)-1
			if !latest && (n == nil || n.SentOn == "") {
				continue // superseded by a later cycle, no notice running
			}
			s := &cycleState{rec: rec, notice: n, mails: mailsOf[k], facts: cycleFacts(c, loc)}
			s.facts.Open = findingsOf[num]
			s.facts.Notice = noticeFacts(n)
			s.facts.Mails = map[model.MailKind]model.Date{}
			for _, m := range s.mails {
				s.facts.Mails[model.MailKind(m.Kind)] = isoDate(m.WrittenOn)
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// openByConvention returns the findings open (the latest reconciliation's)
// by convention, with their first-seen dates (the store's, read a
// convention at a time; a finding not aged yet was seen on asOf). They
// point into open, which must outlive them.
func openByConvention(ctx context.Context, st *store.Store, open *model.ConventionFindings, asOf model.Date) (map[string][]model.OpenFinding, error) {
	out := map[string][]model.OpenFinding{}
	dates := map[string]model.Date{} // the few distinct dates, parsed once
	add := func(conv string, ages map[string]string) {
		fs := open.Of(conv)
		if len(fs) == 0 {
			return
		}
		of := make([]model.OpenFinding, len(fs))
		for i := range fs {
			iso := ages[fs[i].Key()]
			first, ok := dates[iso]
			if !ok {
				var err error
				if first, err = model.ParseISODate(iso); err != nil {
					first = asOf // not aged yet: seen today
				}
				dates[iso] = first
			}
			of[i] = model.OpenFinding{Finding: &fs[i], FirstSeen: first}
		}
		out[conv] = of
	}
	err := st.EachConventionAges(ctx, func(conv string, ages map[string]string) error {
		add(conv, ages)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, conv := range open.Conventions() {
		if _, ok := out[conv]; !ok {
			add(conv, nil)
		}
	}
	return out, nil
}

// cycleFacts turns a stored cycle into the model's facts, times as dates in loc.
func cycleFacts(c store.Cycle, loc *time.Location) model.CampaignFacts {
	on := func(t time.Time) model.Date {
		if t.IsZero() {
			return model.Date{}
		}
		return model.DateOf(t.In(loc))
	}
	return model.CampaignFacts{Convention: c.Convention, Due: isoDate(c.DueOn), Sent: isoDate(c.SentOn), Returned: on(c.Returned),
		Decisions: on(c.Decisions), Attested: on(c.Attested), Actions: c.Actions, Applied: isoDate(c.AppliedOn)}
}

func noticeFacts(n *store.StoredNotice) *model.Notice {
	if n == nil {
		return nil
	}
	return &model.Notice{Written: isoDate(n.WrittenOn), Sent: isoDate(n.SentOn), Received: isoDate(n.ReceivedOn),
		ReviewMissing: n.ReviewMissing, Findings: n.Findings}
}

// isoDate reads an ISO date; "" or a bad value is the zero date.
func isoDate(s string) model.Date {
	d, _ := model.ParseISODate(s)
	return d
}

// line is the view of a cycle on asOf, listing every open finding when
// detail is set (`habilitations campaign`), or only counting them by kind
// (the night's overview: a convention of a million dormant accounts would
// list a million keys).
func (s *cycleState) line(asOf model.Date, set model.CampaignSettings, detail bool) CampaignLine {
	v := model.EvaluateCampaign(s.facts, asOf, set)
	f := s.facts
	l := CampaignLine{Convention: f.Convention, Partner: s.rec.Convention.Partner.Name, Due: f.Due, Stage: v.Stage, DaysLate: v.DaysLate,
		Sent: f.Sent, Returned: f.Returned, Decisions: f.Decisions, Attested: f.Attested, Applied: f.Applied,
		TerminationFrom: v.TerminationFrom, Findings: []CampaignFinding{}, Mails: []CampaignMail{}}
	if !detail {
		l.kinds = openKinds(f.Open, asOf)
	} else {
		escalating := map[string]bool{}
		for _, b := range v.Breaches {
			escalating[b.Finding.Key()] = true
		}
		for _, o := range f.Open {
			k := o.Finding.Key()
			l.Findings = append(l.Findings, CampaignFinding{Code: o.Finding.Code, Title: o.Finding.Title(), Key: k, FirstSeen: o.FirstSeen,
				AgeDays: o.AgeDays(asOf), Escalates: escalating[k]})
		}
		sort.SliceStable(l.Findings, func(i, j int) bool { return l.Findings[i].AgeDays > l.Findings[j].AgeDays })
	}
	if n := s.notice; n != nil {
		l.Notice = &CampaignNotice{Path: n.Path, Written: isoDate(n.WrittenOn), Sent: isoDate(n.SentOn), Received: isoDate(n.ReceivedOn)}
	}
	for _, m := range s.mails {
		l.Mails = append(l.Mails, CampaignMail{Kind: model.MailKind(m.Kind), Written: isoDate(m.WrittenOn), Status: m.Status, Path: m.Path, Error: m.LastError})
	}
	return l
}

// CampaignView returns every convention's campaign line on asOf from what
// the store holds (the latest reconciliation's findings and their ages),
// without acting: `habilitations campaign` and `review` use it.
func CampaignView(ctx context.Context, st *store.Store, asOf model.Date, cfg Config) ([]CampaignLine, error) {
	records, err := st.EffectiveRecords(ctx)
	if err != nil {
		return nil, err
	}
	var open *model.ConventionFindings
	if _, fs, err := st.PreviousFindings(ctx, 0); err == nil {
		open = model.GroupFindings(fs)
	} else if err != store.ErrNotFound {
		return nil, err
	}
	openOf, err := openByConvention(ctx, st, open, asOf)
	if err != nil {
		return nil, err
	}
	states, err := campaignInputs(ctx, st, records, openOf, asOf, cfg.Location())
	if err != nil {
		return nil, err
	}
	lines := make([]CampaignLine, len(states))
	for i, s := range states {
		lines[i] = s.line(asOf, cfg.Campaign.Settings(), true)
	}
	return lines, nil
}

// CampaignSummary counts what the campaign step did (no names).
type CampaignSummary struct {
	Conventions int            `json:"conventions"`
	ByStage     map[string]int `json:"by_stage"`
	Reminders   int            `json:"reminders"`   // reminder messages written
	Letters     int            `json:"letters"`     // formal notices written
	Mails       int            `json:"mails"`       // messages written (.eml), reminders and notice copies
	NoAddress   int            `json:"no_address"`  // messages not written: no sender or no administrator address
	Sent        int            `json:"sent"`        // messages sent over SMTP by this run
	Failed      int            `json:"failed"`      // sends that failed (tried again by the next run)
	Unsent      int            `json:"unsent"`      // messages not sent yet (no SMTP configured, or failed)
	Termination int            `json:"termination"` // conventions whose notice stayed without effect a month
	Files       []string       `json:"files"`
}

// campaignLog is a logger for the campaign (counts and paths only).
func campaignLog(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}
