package jobs

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
)

// campaignEnv is a data directory holding the Beaune case of the corpus
// (convention 04/2018 signed on 12 March 2018, an export with a T1 quota
// breach and a T2 profile without authorisation), run by the nightly
// pipeline on simulated dates.
type campaignEnv struct {
	t   *testing.T
	cfg Config
	x   Extractor
}

func newCampaignEnv(t *testing.T, edit func(c *Config)) *campaignEnv {
	t.Helper()
	cfg := DefaultConfig()
	cfg.DataDir = filepath.Join(t.TempDir(), "data")
	cfg.Inbox.Settle = Duration{}
	if edit != nil {
		edit(&cfg)
	}
	dd, err := OpenDataDir(cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(ingestCorpus, "01-cotedor-ccas-beaune", "*"))
	for _, f := range files {
		dir := DirInbox
		switch filepath.Ext(f) {
		case ".pdf":
		case ".csv":
			dir = DirExports
		default:
			continue
		}
		if err := os.WriteFile(filepath.Join(dd.Path(dir), filepath.Base(f)), mustRead(t, f), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return &campaignEnv{t: t, cfg: cfg, x: mustTruthExtractor(t)}
}

// opts are the run options of a day: the clock reads 02:00 in Paris.
func (e *campaignEnv) opts(day string) RunOptions {
	d := mustISO(e.t, day)
	now := time.Date(d.Time().Year(), d.Time().Month(), d.Time().Day(), 2, 0, 0, 0, e.cfg.Location())
	return RunOptions{Config: e.cfg, AsOf: d, Extractor: e.x, Now: func() time.Time { return now }}
}

// run runs the nightly pipeline on day and returns the campaign line of 04/2018.
func (e *campaignEnv) run(day string) (RunReport, CampaignLine) {
	e.t.Helper()
	rep, err := RunPipeline(context.Background(), e.opts(day))
	if err != nil {
		e.t.Fatalf("run of %s: %v", day, err)
	}
	return rep, e.line(day)
}

func (e *campaignEnv) line(day string) CampaignLine {
	e.t.Helper()
	dd, err := OpenDataDir(e.cfg.DataDir)
	if err != nil {
		e.t.Fatal(err)
	}
	st := mustOpenStore(e.t, dd)
	defer st.Close()
	lines, err := CampaignView(context.Background(), st, mustISO(e.t, day), e.cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, l := range lines {
		if l.Convention == "04/2018" {
			return l
		}
	}
	e.t.Fatalf("no campaign line of 04/2018 on %s: %+v", day, lines)
	return CampaignLine{}
}

func (e *campaignEnv) path(rel string) string {
	return filepath.Join(e.cfg.DataDir, filepath.FromSlash(rel))
}

func mustISO(t testing.TB, s string) model.Date {
	t.Helper()
	d, err := model.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// step is one simulated day: the stage expected and what the run writes.
type campaignStep struct {
	day       string
	stage     model.CampaignStage
	late      int
	reminders int
	letters   int
	mails     int
}

func (e *campaignEnv) walk(steps []campaignStep) {
	e.t.Helper()
	for _, s := range steps {
		rep, l := e.run(s.day)
		c := rep.Campaign
		if c == nil {
			e.t.Fatalf("%s: no campaign in the run report", s.day)
		}
		if l.Stage != s.stage || l.DaysLate != s.late || c.Reminders != s.reminders || c.Letters != s.letters || c.Mails != s.mails {
			e.t.Errorf("%s: stage %q late %d, wrote %d reminders %d letters %d mails; want %q %d, %d %d %d",
				s.day, l.Stage, l.DaysLate, c.Reminders, c.Letters, c.Mails, s.stage, s.late, s.reminders, s.letters, s.mails)
		}
		for _, f := range c.Files {
			if _, err := os.Stat(e.path(f)); err != nil {
				e.t.Errorf("%s: %s: %v", s.day, f, err)
			}
		}
	}
}

// untilEscalation are the days from the first run to the formal notice of
// a review never returned (due 12 March 2027, lead time 30 days).
var untilEscalation = []campaignStep{
	{"2027-02-01", model.StageToPrepare, 0, 0, 0, 0},
	{"2027-02-10", model.StageSent, 0, 0, 0, 0},          // the workbook is prepared
	{"2027-02-25", model.StageSent, 0, 1, 0, 1},          // D-15: first reminder
	{"2027-02-26", model.StageSent, 0, 0, 0, 0},          // nothing twice
	{"2027-03-12", model.StageSent, 0, 1, 0, 1},          // due date: second reminder
	{"2027-03-13", model.StageLate, 1, 0, 0, 0},          // late
	{"2027-04-10", model.StageLate, 29, 0, 0, 0},         // not yet
	{"2027-04-11", model.StageNoticeToSend, 30, 0, 1, 0}, // D+30: formal notice written
	{"2027-04-12", model.StageNoticeToSend, 31, 0, 0, 0}, // not again
}

func TestCampaignEndToEndResolved(t *testing.T) {
	ctx := context.Background()
	// Breaches alone would escalate after 60 days; this path follows the
	// review only.
	e := newCampaignEnv(t, func(c *Config) { c.Campaign.FindingEscalationDays = 3650 })
	e.walk(untilEscalation)

	l := e.line("2027-04-12")
	if l.Notice == nil || l.Notice.Path != "reports/2027-04-11/courriers/mise-en-demeure-04-2018.pdf" {
		t.Fatalf("notice %+v", l.Notice)
	}
	if len(l.Mails) != 2 || l.Mails[0].Kind != model.MailFirstReminder || l.Mails[1].Kind != model.MailSecondReminder || l.Mails[0].Status != "written" {
		t.Errorf("mails %+v", l.Mails)
	}
	if len(l.Findings) == 0 || l.Findings[0].FirstSeen.String() != "2027-02-01" || l.Findings[0].AgeDays != 70 {
		t.Errorf("oldest finding %+v, want first seen on the first run, 70 days old", l.Findings)
	}

	// The agent posts the letter on 13 April; the month runs to 13 May.
	letter, ends, err := RecordNoticeSent(ctx, e.opts("2027-04-13"), NoticeSentOptions{Convention: "04 / 2018",
		Letter: "mise-en-demeure-04-2018.pdf", Sent: mustISO(t, "2027-04-13")})
	if err != nil || ends.String() != "2027-05-13" || !strings.HasSuffix(letter, ".pdf") {
		t.Fatalf("notice sent: %s %s %v", letter, ends, err)
	}
	e.walk([]campaignStep{{"2027-04-14", model.StageNoticeSent, 33, 0, 0, 1}}) // copy of the notice mailed
	if l := e.line("2027-04-14"); l.TerminationFrom.String() != "2027-05-13" || len(l.Mails) != 3 {
		t.Errorf("after sending: %+v", l)
	}

	// The partner returns its review on 20 April.
	wb := e.line("2027-04-14")
	dd, _ := OpenDataDir(e.cfg.DataDir)
	st := mustOpenStore(t, dd)
	w, ok, err := st.ReviewWorkbookForDue(ctx, "04/2018", "2027-03-12")
	st.Close()
	if err != nil || !ok {
		t.Fatalf("workbook of the cycle: %v %v (%+v)", ok, err, wb)
	}
	x := openFiller(t, e.path(w.Path))
	x.reviewer("Claire ÉTIENNE", time.Date(2027, 4, 19, 0, 0, 0, 0, time.UTC))
	x.decideAll()
	filled := filepath.Join(t.TempDir(), filepath.Base(w.Path))
	x.save(filled)
	if res, err := ImportReviewsOnce(ctx, e.opts("2027-04-20"), []string{filled}, fakeAttestation); err != nil {
		t.Fatalf("%v: %v", err, res[0].Problems)
	}
	e.walk([]campaignStep{{"2027-04-21", model.StageResolved, 0, 0, 0, 0}})
	l = e.line("2027-04-21")
	if l.Returned.String() != "2027-04-20" || l.Decisions.String() != "2027-04-20" || l.Attested.String() != "2027-04-20" {
		t.Errorf("review dates %+v", l)
	}
	// Past the month: resolved stays resolved, nothing to record.
	e.walk([]campaignStep{{"2027-05-20", model.StageResolved, 0, 0, 0, 0}})
}

func TestCampaignEndToEndWithoutEffect(t *testing.T) {
	ctx := context.Background()
	e := newCampaignEnv(t, nil) // defaults: breaches open 60 days escalate
	e.walk([]campaignStep{
		{"2027-02-01", model.StageToPrepare, 0, 0, 0, 0},
		{"2027-02-10", model.StageSent, 0, 0, 0, 0},
		{"2027-02-25", model.StageSent, 0, 1, 0, 1},
		{"2027-03-12", model.StageSent, 0, 1, 0, 1},
		{"2027-04-02", model.StageLate, 21, 0, 0, 0},         // breaches 60 days old: not yet
		{"2027-04-03", model.StageNoticeToSend, 22, 0, 1, 0}, // 61 days: the notice names them
	})
	l := e.line("2027-04-03")
	var escalating int
	for _, f := range l.Findings {
		if f.Escalates {
			escalating++
		}
	}
	if escalating != 2 {
		t.Errorf("%d findings escalate, want the T1 breach and the T2 profile: %+v", escalating, l.Findings)
	}
	if _, _, err := RecordNoticeSent(ctx, e.opts("2027-04-05"), NoticeSentOptions{Convention: "04/2018",
		Sent: mustISO(t, "2027-04-05"), Received: mustISO(t, "2027-04-08")}); err != nil {
		t.Fatal(err)
	}
	e.walk([]campaignStep{
		{"2027-04-06", model.StageNoticeSent, 25, 0, 0, 1},
		{"2027-05-07", model.StageNoticeSent, 56, 0, 0, 0},  // the month runs from the receipt (8 April)
		{"2027-05-08", model.StageTermination, 57, 0, 0, 0}, // without effect: to be recorded by the agent
		{"2027-05-09", model.StageTermination, 58, 0, 0, 0}, // flagged, never acted on
	})
	rep, _ := e.run("2027-05-10")
	if rep.Campaign.Termination != 1 || rep.Reconcile == nil || rep.Reconcile.Records != 1 {
		t.Errorf("termination %d, records %+v: the convention must stay in force", rep.Campaign.Termination, rep.Reconcile)
	}
}

func mustOpenStore(t testing.TB, dd *DataDir) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dd.StatePath())
	if err != nil {
		t.Fatal(err)
	}
	return st
}
