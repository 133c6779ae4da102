package model

import (
	"slices"
	"time"
)

// CampaignSettings are the offsets of the follow-up of a review campaign, in
// days. They are settings (the [campaign] section of the configuration); the
// one-month delay of a formal notice is not: it is the contract's (convention
// art. 17.2).
type CampaignSettings struct {
	// FirstReminderDays: the first reminder goes this many days before the
	// due date (15).
	FirstReminderDays int
	// SecondReminderDays: the second reminder goes this many days before the
	// due date (0: on it).
	SecondReminderDays int
	// EscalationDays: a review still without decisions this many days after
	// its due date escalates to a formal notice (30).
	EscalationDays int
	// FindingEscalationDays: a quota breach or a profile without
	// authorisation open longer than this escalates too (60).
	FindingEscalationDays int
}

// DefaultCampaignSettings returns the offsets of the issue: a reminder 15
// days before the due date, a second on it, escalation 30 days after it, and
// 60 days for an open quota breach.
func DefaultCampaignSettings() CampaignSettings {
	return CampaignSettings{FirstReminderDays: 15, SecondReminderDays: 0, EscalationDays: 30, FindingEscalationDays: 60}
}

// CampaignStage is where a convention's review campaign stands, in French as
// the Caf agent reads it.
type CampaignStage string

// The stages, from the preparation of the workbook to the formal notice.
const (
	StageToPrepare    CampaignStage = "à préparer"
	StageSent         CampaignStage = "envoyée"
	StageLate         CampaignStage = "en retard"
	StageReturned     CampaignStage = "retournée"
	StageDecisions    CampaignStage = "décisions importées"
	StageAttested     CampaignStage = "attestation produite"
	StageApplied      CampaignStage = "actions appliquées"
	StageNoticeToSend CampaignStage = "mise en demeure à envoyer"
	StageNoticeSent   CampaignStage = "mise en demeure envoyée"
	StageTermination  CampaignStage = "résiliation de plein droit à constater"
	StageResolved     CampaignStage = "régularisée"
)

// Escalated reports whether the stage is one of the formal notice's.
func (s CampaignStage) Escalated() bool {
	return s == StageNoticeToSend || s == StageNoticeSent || s == StageTermination || s == StageResolved
}

// MailKind names a message of the campaign; each is written once per cycle.
type MailKind string

// The messages of a campaign.
const (
	MailFirstReminder  MailKind = "rappel-1"
	MailSecondReminder MailKind = "rappel-2"
	MailNotice         MailKind = "mise-en-demeure" // copy of the formal notice, once its sending is recorded
)

// OpenFinding is a finding still open, with the date it was first seen
// (kept across runs by the store). Finding points into the
// reconciliation's findings, never nil: a night of 740,000 findings, mostly
// dormant accounts, no longer copies them all (168 bytes each) to follow
// the campaign.
type OpenFinding struct {
	Finding   *Finding
	FirstSeen Date
}

// AgeDays is the number of days the finding has been open on asOf.
func (o OpenFinding) AgeDays(asOf Date) int { return asOf.DaysSince(o.FirstSeen) }

// escalates reports whether an open finding calls for a formal notice on
// asOf: a quota breach or a profile without authorisation open longer than
// the setting. Other findings (a dormant account, a shared mailbox) are the
// review's business, not a breach of the convention's quotas.
func (o OpenFinding) escalates(asOf Date, s CampaignSettings) bool {
	c := o.Finding.Code
	return (c == CodeQuotaExceeded || c == CodeProfileNotAuthorized) && o.AgeDays(asOf) > s.FindingEscalationDays
}

// Notice is a formal notice (mise en demeure) written for a cycle: what it
// notified and, once the agent recorded them, when it was sent and received.
type Notice struct {
	Written  Date
	Sent     Date // entered by the agent: starts the month
	Received Date // the acknowledgement of receipt, when entered: starts the month instead
	// ReviewMissing: the notice named the missing review.
	ReviewMissing bool
	// Findings: the keys of the breaches it notified.
	Findings []string
}

// MonthFrom returns the date one month after the notice's start (its
// receipt when known, else its sending), the day from which the convention
// is terminated as of right (convention art. 17.2); zero before it is sent.
func (n Notice) MonthFrom() Date {
	start := n.Received
	if start.IsZero() {
		start = n.Sent
	}
	if start.IsZero() {
		return Date{}
	}
	return AddMonths(start, 1)
}

// AddMonths returns d plus n calendar months; a day the target month does
// not have becomes its last (31 January + 1 month is 28 or 29 February), as
// a delay « d'un mois » is counted.
func AddMonths(d Date, n int) Date {
	t := d.Time()
	y, m := t.Year(), t.Month()+time.Month(n)
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return NewDate(first.Year(), first.Month(), min(t.Day(), last))
}

// CampaignFacts are what the store knows of one convention's review cycle.
type CampaignFacts struct {
	Convention string
	Due        Date // the anniversary the review is due on
	Sent       Date // the workbook was prepared (zero: not yet)
	Returned   Date // a filled workbook came back, accepted or refused
	Decisions  Date // decisions imported
	Attested   Date // attestation produced
	Actions    int  // removals and profile changes decided
	Applied    Date // every action found applied in a later export (or, with no action, the import)
	Open       []OpenFinding
	Notice     *Notice
	Mails      map[MailKind]Date // messages already written for this cycle
}

// CampaignView is the state of a cycle on a date and what is due.
type CampaignView struct {
	Stage    CampaignStage
	DaysLate int // days since the due date without decisions; 0 when not late
	// Reminder is the reminder to write now ("" for none).
	Reminder MailKind
	// Escalate is true when a formal notice must be written now (none yet).
	Escalate bool
	// ReviewMissing and Breaches are what a notice written now names.
	ReviewMissing bool
	Breaches      []OpenFinding
	// NoticeMail is true when the copy of a sent notice must be mailed.
	NoticeMail bool
	// TerminationFrom is the date from which the convention is terminated as
	// of right if the notice stays without effect (zero: no notice sent).
	TerminationFrom Date
}

// EvaluateCampaign applies the rules of the campaign to a cycle's facts on
// asOf. It is pure: the caller writes what it says is due and records it,
// so that running the same day twice does nothing more.
func EvaluateCampaign(f CampaignFacts, asOf Date, s CampaignSettings) CampaignView {
	var v CampaignView
	reviewed := !f.Decisions.IsZero()
	if !reviewed && !f.Sent.IsZero() && asOf.After(f.Due) {
		v.DaysLate = asOf.DaysSince(f.Due)
	}
	v.Stage = baseStage(f, v.DaysLate > 0)
	if !f.Sent.IsZero() && !reviewed {
		v.Reminder = reminderDue(f, asOf, s)
	}
	v.ReviewMissing = !reviewed && !f.Sent.IsZero() && asOf.DaysSince(f.Due) >= s.EscalationDays
	for _, o := range f.Open {
		if o.escalates(asOf, s) {
			v.Breaches = append(v.Breaches, o)
		}
	}
	n := f.Notice
	if n == nil {
		if v.ReviewMissing || len(v.Breaches) > 0 {
			v.Escalate = true
			v.Stage = StageNoticeToSend
		}
		return v
	}
	if n.Sent.IsZero() {
		v.Stage = StageNoticeToSend
		return v
	}
	v.TerminationFrom = n.MonthFrom()
	_, mailed := f.Mails[MailNotice]
	v.NoticeMail = !mailed
	switch {
	case noticeResolved(*n, f):
		v.Stage = StageResolved
	case !asOf.Before(v.TerminationFrom):
		v.Stage = StageTermination
	default:
		v.Stage = StageNoticeSent
	}
	return v
}

// baseStage is the stage of a cycle without a formal notice: the furthest
// step of the review reached.
func baseStage(f CampaignFacts, late bool) CampaignStage {
	switch {
	case !f.Applied.IsZero():
		return StageApplied
	case !f.Attested.IsZero():
		return StageAttested
	case !f.Decisions.IsZero():
		return StageDecisions
	case late:
		return StageLate
	case !f.Returned.IsZero():
		return StageReturned
	case !f.Sent.IsZero():
		return StageSent
	}
	return StageToPrepare
}

// reminderDue returns the reminder to write on asOf: the latest whose date
// has come and that was not written yet. When a run was missed and both
// dates passed, only the second goes (two reminders the same day would say
// the same thing twice). No reminder once the escalation date has come.
func reminderDue(f CampaignFacts, asOf Date, s CampaignSettings) MailKind {
	if asOf.DaysSince(f.Due) >= s.EscalationDays {
		return ""
	}
	_, second := f.Mails[MailSecondReminder]
	_, first := f.Mails[MailFirstReminder]
	switch {
	case second:
		return ""
	case !asOf.Before(f.Due.AddDays(-s.SecondReminderDays)):
		return MailSecondReminder
	case !first && !asOf.Before(f.Due.AddDays(-s.FirstReminderDays)):
		return MailFirstReminder
	}
	return ""
}

// noticeResolved reports whether what a notice named is remedied: the
// review it found missing has its decisions, and none of the breaches it
// notified is still open.
func noticeResolved(n Notice, f CampaignFacts) bool {
	if n.ReviewMissing && f.Decisions.IsZero() {
		return false
	}
	for _, o := range f.Open {
		if slices.Contains(n.Findings, o.Finding.Key()) {
			return false
		}
	}
	return true
}

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.n > e.n }
