package jobs

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"os"
	"path"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/letters"
	"habilitations/report/mails"
)

// CampaignOptions configure one pass of the campaign step.
type CampaignOptions struct {
	AsOf   model.Date
	Config Config
	// Records and Findings are this run's effective records and findings
	// (the reconcile step's), saved in the store under RunID, from which
	// the findings' ages are updated.
	Records  []model.Record
	Findings *model.ConventionFindings
	RunID    int64
	Now      func() time.Time
	Log      *slog.Logger
	// TLS overrides the TLS configuration of the SMTP connection (tests
	// trust their own certificate); nil: the system's roots.
	TLS *tls.Config
	// Getenv reads the SMTP password's variable; nil: os.Getenv.
	Getenv func(string) string
}

// RunCampaign follows the review campaign on o.AsOf: it ages the open
// findings, writes the reminders whose date has come, the formal notices of
// the cycles that escalate and the copies of the notices whose sending the
// agent recorded, then sends every message not sent yet when SMTP is
// configured. Each message and letter is written once per cycle (the store
// remembers them): running the same day again does nothing more. It returns
// the counts and every convention's line after those actions.
func RunCampaign(ctx context.Context, st *store.Store, dd *DataDir, o CampaignOptions) (CampaignSummary, []CampaignLine, error) {
	sum := CampaignSummary{ByStage: map[string]int{}, Files: []string{}}
	if o.Now == nil {
		o.Now = time.Now
	}
	log := campaignLog(o.Log)
	loc, set := o.Config.Location(), o.Config.Campaign.Settings()
	if _, err := st.UpdateFindingAges(ctx, o.AsOf.String(), o.RunID); err != nil {
		return sum, nil, err
	}
	// Built once for both readings of the cycles below.
	open, err := openByConvention(ctx, st, o.Findings, o.AsOf)
	if err != nil {
		return sum, nil, err
	}
	states, err := campaignInputs(ctx, st, o.Records, open, o.AsOf, loc)
	if err != nil {
		return sum, nil, err
	}
	a := &actor{st: st, dd: dd, o: o, sum: &sum}
	for _, s := range states {
		if err := ctx.Err(); err != nil {
			return sum, nil, err
		}
		if err := a.act(ctx, s, set); err != nil {
			return sum, nil, err
		}
	}
	if o.Config.Mail.Enabled() {
		if err := sendPending(ctx, st, dd, o, &sum, log); err != nil {
			return sum, nil, err
		}
	}
	unsent, err := st.Mails(ctx, true)
	if err != nil {
		return sum, nil, err
	}
	sum.Unsent = len(unsent)
	// Read again: the lines show what this pass wrote and sent.
	if states, err = campaignInputs(ctx, st, o.Records, open, o.AsOf, loc); err != nil {
		return sum, nil, err
	}
	lines := make([]CampaignLine, len(states))
	for i, s := range states {
		lines[i] = s.line(o.AsOf, set, false)
		sum.ByStage[string(lines[i].Stage)]++
		if lines[i].Stage == model.StageTermination {
			sum.Termination++
		}
	}
	sum.Conventions = len(lines)
	log.Info("campaign followed", "conventions", sum.Conventions, "reminders", sum.Reminders, "letters", sum.Letters, "mails", sum.Mails,
		"sent", sum.Sent, "failed", sum.Failed, "unsent", sum.Unsent, "no_address", sum.NoAddress, "termination", sum.Termination)
	return sum, lines, nil
}

// actor writes what a cycle's evaluation says is due.
type actor struct {
	st  *store.Store
	dd  *DataDir
	o   CampaignOptions
	sum *CampaignSummary
}

func (a *actor) act(ctx context.Context, s *cycleState, set model.CampaignSettings) error {
	v := model.EvaluateCampaign(s.facts, a.o.AsOf, set)
	if v.Reminder != "" {
		att, err := a.workbook(ctx, s)
		if err != nil {
			return err
		}
		ok, err := a.mail(ctx, s, v, v.Reminder, att)
		if err != nil {
			return err
		}
		if ok {
			a.sum.Reminders++
		}
	}
	if v.Escalate {
		if err := a.notice(ctx, s, v); err != nil {
			return err
		}
		v = model.EvaluateCampaign(s.facts, a.o.AsOf, set)
	}
	if v.NoticeMail && s.notice != nil {
		data, err := os.ReadFile(a.dd.Path(s.notice.Path))
		if err != nil {
			return fmt.Errorf("formal notice of %s: %w", s.facts.Convention, err)
		}
		att := &mails.Attachment{Name: path.Base(s.notice.Path), ContentType: mails.ContentTypePDF, Data: data}
		if _, err := a.mail(ctx, s, v, model.MailNotice, att); err != nil {
			return err
		}
	}
	return nil
}

// workbook returns the cycle's review workbook as an attachment, nil when
// its file is gone (purged with its reports folder).
func (a *actor) workbook(ctx context.Context, s *cycleState) (*mails.Attachment, error) {
	w, ok, err := a.st.ReviewWorkbookForDue(ctx, s.facts.Convention, s.facts.Due.String())
	if err != nil || !ok {
		return nil, err
	}
	data, err := os.ReadFile(a.dd.Path(w.Path))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("review workbook of %s: %w", s.facts.Convention, err)
	}
	return &mails.Attachment{Name: path.Base(w.Path), ContentType: mails.ContentTypeXLSX, Data: data}, nil
}

// mail writes one message of the cycle as reports/<as-of>/courriels/<convention>-<kind>.eml
// and records it; ok is false when it could not be addressed (counted, not an error).
func (a *actor) mail(ctx context.Context, s *cycleState, v model.CampaignView, kind model.MailKind, att *mails.Attachment) (bool, error) {
	from, to := a.addresses(s.rec)
	if from.Address == "" || len(to) == 0 {
		a.sum.NoAddress++
		return false, nil
	}
	c := mails.Campaign{Kind: kind, Convention: s.rec.Convention, Due: s.facts.Due, AsOf: a.o.AsOf, DaysLate: v.DaysLate,
		From: from, To: to, Attachment: att, Date: a.o.Now()}
	if s.facts.Notice != nil {
		c.NoticeSent, c.TerminationFrom = s.facts.Notice.Sent, s.facts.Notice.MonthFrom()
	}
	m, err := mails.CampaignMessage(c)
	if err != nil {
		return false, err
	}
	var buf bytes.Buffer
	if err := mails.Write(&buf, m); err != nil {
		return false, fmt.Errorf("%s message of %s: %w", kind, s.facts.Convention, err)
	}
	rel := path.Join(reportsDir(a.o.AsOf), "courriels", fileSafe(s.facts.Convention)+"-"+string(kind)+".eml")
	if err := writeFileAtomic(a.dd.Path(rel), buf.Bytes()); err != nil {
		return false, err
	}
	rec := store.Mail{Convention: s.facts.Convention, DueOn: s.facts.Due.String(), Kind: string(kind), MessageID: m.MessageID,
		Path: rel, Recipients: len(to), WrittenOn: a.o.AsOf.String(), Status: store.MailWritten}
	id, err := a.st.AddMail(ctx, rec)
	if errors.Is(err, store.ErrMailExists) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	rec.ID = id
	s.mails = append(s.mails, rec)
	s.facts.Mails[kind] = a.o.AsOf
	a.sum.Mails++
	a.sum.Files = append(a.sum.Files, rel)
	return true, nil
}

// addresses returns the Caf's sender (mail.from, else its Annexe 1
// mailbox) and the partner's administrators of Annexe 1 with an address.
func (a *actor) addresses(rec model.Record) (netmail.Address, []netmail.Address) {
	cfg := a.o.Config.Mail
	from := netmail.Address{Name: cfg.FromName, Address: cfg.From}
	if from.Name == "" {
		from.Name = rec.Convention.Caf.Name
	}
	var to []netmail.Address
	for _, c := range rec.Contacts {
		switch {
		case c.Side == model.SideCaf && from.Address == "" && c.Email != "":
			from.Address = c.Email
		case c.Side == model.SidePartner && c.Role == model.RoleAdmin && c.Email != "":
			to = append(to, netmail.Address{Name: c.Name, Address: c.Email})
		}
	}
	return from, to
}

// notice writes the formal notice of a cycle that escalates, as
// reports/<as-of>/courriers/mise-en-demeure-<convention>.pdf, and records it.
func (a *actor) notice(ctx context.Context, s *cycleState, v model.CampaignView) error {
	conv := s.rec.Convention
	cfg := a.o.Config.Campaign
	n := letters.Notice{Convention: conv, Date: a.o.AsOf, Place: firstNonEmpty(cfg.Place, conv.SignedAt), Due: s.facts.Due,
		ReviewMissing: v.ReviewMissing, DaysLate: v.DaysLate, Breaches: v.Breaches,
		Signatory: firstNonEmpty(cfg.Signatory, conv.Caf.Representative), SignatoryTitle: firstNonEmpty(cfg.SignatoryTitle, conv.Caf.Title)}
	if from, _ := a.addresses(s.rec); from.Address != "" {
		n.Contact = from.Address
	}
	for _, k := range []model.MailKind{model.MailFirstReminder, model.MailSecondReminder} {
		if d, ok := s.facts.Mails[k]; ok {
			n.Reminders = append(n.Reminders, d)
		}
	}
	var buf bytes.Buffer
	if err := letters.WriteNotice(&buf, n); err != nil {
		return err
	}
	rel := path.Join(reportsDir(a.o.AsOf), "courriers", "mise-en-demeure-"+fileSafe(conv.Number)+".pdf")
	if err := writeFileAtomic(a.dd.Path(rel), buf.Bytes()); err != nil {
		return err
	}
	sn := store.StoredNotice{Convention: conv.Number, DueOn: s.facts.Due.String(), Path: rel, WrittenOn: a.o.AsOf.String(), ReviewMissing: v.ReviewMissing}
	for _, b := range v.Breaches {
		sn.Findings = append(sn.Findings, b.Finding.Key())
	}
	if err := a.st.SaveNotice(ctx, sn); err != nil {
		return err
	}
	s.notice = &sn
	s.facts.Notice = noticeFacts(&sn)
	a.sum.Letters++
	a.sum.Files = append(a.sum.Files, rel)
	return nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
