package model

import (
	"testing"
)

func TestAddMonths(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2026-06-10", "2026-07-10"},
		{"2026-01-31", "2026-02-28"},
		{"2028-01-31", "2028-02-29"},
		{"2026-12-15", "2027-01-15"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := AddMonths(mustDate(t, c.in), 1).String(); got != c.want {
				t.Errorf("AddMonths(%s, 1) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

func mustDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEvaluateCampaign(t *testing.T) {
	s := DefaultCampaignSettings()
	due := "2026-05-03"
	breach := Finding{Code: CodeQuotaExceeded, Convention: "06/2017", Unit: "Service social général", Service: "Cdap", Profile: "T1", Quota: 25, Count: 27}
	dormant := Finding{Code: CodeDormantAccount, Convention: "06/2017", Account: "u-1"}
	type want struct {
		stage      CampaignStage
		late       int
		reminder   MailKind
		escalate   bool
		missing    bool
		breaches   int
		terminate  string
		noticeMail bool
	}
	cases := []struct {
		name string
		asOf string
		f    func(f *CampaignFacts)
		want want
	}{
		{"no workbook yet", "2026-04-10", func(f *CampaignFacts) { f.Sent = Date{} }, want{stage: StageToPrepare}},
		{"no workbook, past due: not late", "2026-06-10", func(f *CampaignFacts) { f.Sent = Date{} }, want{stage: StageToPrepare}},
		{"sent, before reminders", "2026-04-10", nil, want{stage: StageSent}},
		{"first reminder on D-15", "2026-04-18", nil, want{stage: StageSent, reminder: MailFirstReminder}},
		{"first reminder written", "2026-04-20", func(f *CampaignFacts) { f.Mails[MailFirstReminder] = mustDate(t, "2026-04-18") }, want{stage: StageSent}},
		{"second reminder on the due date", "2026-05-03", func(f *CampaignFacts) { f.Mails[MailFirstReminder] = mustDate(t, "2026-04-18") },
			want{stage: StageSent, reminder: MailSecondReminder}},
		{"missed run: second only", "2026-05-05", nil, want{stage: StageLate, late: 2, reminder: MailSecondReminder}},
		{"late after both reminders", "2026-05-20", func(f *CampaignFacts) {
			f.Mails[MailFirstReminder], f.Mails[MailSecondReminder] = mustDate(t, "2026-04-18"), mustDate(t, "2026-05-03")
		}, want{stage: StageLate, late: 17}},
		{"returned but refused, late", "2026-05-10", func(f *CampaignFacts) {
			f.Returned = mustDate(t, "2026-05-09")
			f.Mails[MailSecondReminder] = mustDate(t, "2026-05-03")
		}, want{stage: StageLate, late: 7}},
		{"returned before due", "2026-04-25", func(f *CampaignFacts) {
			f.Returned = mustDate(t, "2026-04-24")
			f.Mails[MailFirstReminder] = mustDate(t, "2026-04-18")
		}, want{stage: StageReturned}},
		{"escalation 30 days after", "2026-06-02", func(f *CampaignFacts) { f.Mails[MailSecondReminder] = mustDate(t, "2026-05-03") },
			want{stage: StageNoticeToSend, late: 30, escalate: true, missing: true}},
		{"decisions imported: no reminder", "2026-05-03", func(f *CampaignFacts) { f.Decisions = mustDate(t, "2026-04-30") }, want{stage: StageDecisions}},
		{"attested", "2026-05-03", func(f *CampaignFacts) { f.Decisions, f.Attested = mustDate(t, "2026-04-30"), mustDate(t, "2026-04-30") }, want{stage: StageAttested}},
		{"applied", "2026-05-20", func(f *CampaignFacts) {
			f.Decisions, f.Attested, f.Applied = mustDate(t, "2026-04-30"), mustDate(t, "2026-04-30"), mustDate(t, "2026-05-15")
		}, want{stage: StageApplied}},
		{"breach 60 days: no escalation", "2026-03-01", func(f *CampaignFacts) {
			f.Open = []OpenFinding{{&breach, mustDate(t, "2025-12-31")}, {&dormant, mustDate(t, "2025-01-01")}}
		}, want{stage: StageSent}},
		{"breach 61 days escalates even when reviewed", "2026-03-02", func(f *CampaignFacts) {
			f.Decisions = mustDate(t, "2026-01-10")
			f.Open = []OpenFinding{{&breach, mustDate(t, "2025-12-31")}, {&dormant, mustDate(t, "2025-01-01")}}
		}, want{stage: StageNoticeToSend, escalate: true, breaches: 1}},
		{"notice written, not sent", "2026-06-05", func(f *CampaignFacts) {
			f.Notice = &Notice{Written: mustDate(t, "2026-06-02"), ReviewMissing: true}
		}, want{stage: StageNoticeToSend, late: 33, missing: true}},
		{"notice sent: month running", "2026-06-20", func(f *CampaignFacts) {
			f.Notice = &Notice{Written: mustDate(t, "2026-06-02"), Sent: mustDate(t, "2026-06-04"), ReviewMissing: true}
		}, want{stage: StageNoticeSent, late: 48, missing: true, terminate: "2026-07-04", noticeMail: true}},
		{"receipt starts the month", "2026-07-05", func(f *CampaignFacts) {
			f.Notice = &Notice{Sent: mustDate(t, "2026-06-04"), Received: mustDate(t, "2026-06-08"), ReviewMissing: true}
			f.Mails[MailNotice] = mustDate(t, "2026-06-05")
		}, want{stage: StageNoticeSent, late: 63, missing: true, terminate: "2026-07-08"}},
		{"month passed without effect", "2026-07-04", func(f *CampaignFacts) {
			f.Notice = &Notice{Sent: mustDate(t, "2026-06-04"), ReviewMissing: true}
			f.Mails[MailNotice] = mustDate(t, "2026-06-05")
		}, want{stage: StageTermination, late: 62, missing: true, terminate: "2026-07-04"}},
		{"resolved: decisions imported, breach closed", "2026-07-10", func(f *CampaignFacts) {
			f.Notice = &Notice{Sent: mustDate(t, "2026-06-04"), ReviewMissing: true, Findings: []string{breach.Key()}}
			f.Decisions = mustDate(t, "2026-06-20")
			f.Mails[MailNotice] = mustDate(t, "2026-06-05")
		}, want{stage: StageResolved, terminate: "2026-07-04"}},
		{"not resolved while the notified breach stays open", "2026-06-20", func(f *CampaignFacts) {
			f.Notice = &Notice{Sent: mustDate(t, "2026-06-04"), Findings: []string{breach.Key()}}
			f.Decisions = mustDate(t, "2026-04-20")
			f.Open = []OpenFinding{{&breach, mustDate(t, "2026-03-01")}}
			f.Mails[MailNotice] = mustDate(t, "2026-06-05")
		}, want{stage: StageNoticeSent, breaches: 1, terminate: "2026-07-04"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := CampaignFacts{Convention: "06/2017", Due: mustDate(t, due), Sent: mustDate(t, "2026-04-03"), Mails: map[MailKind]Date{}}
			if c.f != nil {
				c.f(&f)
			}
			v := EvaluateCampaign(f, mustDate(t, c.asOf), s)
			got := want{v.Stage, v.DaysLate, v.Reminder, v.Escalate, v.ReviewMissing, len(v.Breaches), v.TerminationFrom.String(), v.NoticeMail}
			if got != c.want {
				t.Errorf("EvaluateCampaign on %s:\n got %+v\nwant %+v", c.asOf, got, c.want)
			}
		})
	}
}
