package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"habilitations/model"
)

func TestFindingAgesKeptAcrossRuns(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	q := model.Finding{Code: model.CodeQuotaExceeded, Convention: "06/2017", Unit: "Service social général", Service: "Cdap", Profile: "T1", Quota: 25, Count: 27}
	d := model.Finding{Code: model.CodeDormantAccount, Convention: "06/2017", Account: "u-1"}
	steps := []struct {
		asOf     string
		findings []model.Finding
		want     map[string]string
	}{
		{"2026-03-01", []model.Finding{q}, map[string]string{q.Key(): "2026-03-01"}},
		{"2026-03-02", []model.Finding{q, d}, map[string]string{q.Key(): "2026-03-01", d.Key(): "2026-03-02"}},
		{"2026-02-20", []model.Finding{q, d}, map[string]string{q.Key(): "2026-02-20", d.Key(): "2026-02-20"}},
		{"2026-03-05", []model.Finding{d}, map[string]string{d.Key(): "2026-02-20"}},
		{"2026-03-06", []model.Finding{q, d}, map[string]string{q.Key(): "2026-03-06", d.Key(): "2026-02-20"}},
	}
	for _, st := range steps {
		t.Run(st.asOf, func(t *testing.T) {
			run, err := s.StartRun(ctx, "run", st.asOf)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SaveFindings(ctx, run, st.findings); err != nil {
				t.Fatal(err)
			}
			open, err := s.UpdateFindingAges(ctx, st.asOf, run)
			if err != nil {
				t.Fatal(err)
			}
			got := allAges(t, s)
			if len(got) != len(st.want) || open != len(st.want) {
				t.Fatalf("got %v, want %v", got, st.want)
			}
			for k, v := range st.want {
				if got[k] != v {
					t.Errorf("%s first seen %s, want %s", k, got[k], v)
				}
			}
		})
	}
}

// allAges gathers the open findings' dates of every convention into one
// map by key.
func allAges(tb testing.TB, s *Store) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := s.EachConventionAges(context.Background(), func(_ string, ages map[string]string) error {
		for k, d := range ages {
			out[k] = d
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestEachConventionAges: the open findings' dates come convention by
// convention, in increasing order, each convention once and whole.
func TestEachConventionAges(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	var fs []model.Finding
	for i := range 5000 {
		conv := []string{"", "01/2020", "02/2019", "10/2018"}[i%4]
		fs = append(fs, model.Finding{Code: model.CodeDormantAccount, Convention: conv, Account: fmt.Sprintf("u-%d", i)})
	}
	run, err := s.StartRun(ctx, "run", "2026-03-01")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFindings(ctx, run, fs); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateFindingAges(ctx, "2026-03-01", run); err != nil {
		t.Fatal(err)
	}
	var convs []string
	n := 0
	err = s.EachConventionAges(ctx, func(conv string, ages map[string]string) error {
		convs = append(convs, conv)
		for k, d := range ages {
			if !strings.Contains(k, "\x1f"+conv+"\x1f") || d != "2026-03-01" {
				return fmt.Errorf("%q of %q first seen %q", k, conv, d)
			}
		}
		n += len(ages)
		return nil
	})
	if err != nil || n != len(fs) || !slices.Equal(convs, []string{"", "01/2020", "02/2019", "10/2018"}) {
		t.Fatalf("conventions %q, %d dates of %d: %v", convs, n, len(fs), err)
	}
}

func TestCampaignMailsNeverTwice(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	m := Mail{Convention: "06/2017", DueOn: "2026-05-03", Kind: "rappel-1", MessageID: "<a@b>", Path: "reports/x.eml", Recipients: 2, WrittenOn: "2026-04-18"}
	id, err := s.AddMail(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMail(ctx, m); !errors.Is(err, ErrMailExists) {
		t.Fatalf("second AddMail: %v, want ErrMailExists", err)
	}
	if err := s.MarkMailFailed(ctx, id, "421 try later"); err != nil {
		t.Fatal(err)
	}
	un, err := s.Mails(ctx, true)
	if err != nil || len(un) != 1 || un[0].Status != MailFailed || un[0].Attempts != 1 || un[0].LastError != "421 try later" {
		t.Fatalf("after a failure: %+v, %v", un, err)
	}
	if err := s.MarkMailSent(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkMailFailed(ctx, id, "late"); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Mails(ctx, false)
	if len(all) != 1 || all[0].Status != MailSent || all[0].Attempts != 2 || all[0].SentAt.IsZero() {
		t.Fatalf("after the send: %+v", all)
	}
	if un, _ := s.Mails(ctx, true); len(un) != 0 {
		t.Fatalf("unsent after the send: %+v", un)
	}
}

func TestNoticeSent(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	if err := s.SetNoticeSent(ctx, "06/2017", "2026-05-03", "2026-06-04", ""); err == nil {
		t.Fatal("no error for a notice never written")
	}
	n := StoredNotice{Convention: "06/2017", DueOn: "2026-05-03", Path: "p.pdf", WrittenOn: "2026-06-02", ReviewMissing: true, Findings: []string{"k"}}
	if err := s.SaveNotice(ctx, n); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNoticeSent(ctx, "06/2017", "2026-05-03", "2026-06-04", "2026-06-06"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveNotice(ctx, n); err != nil { // rewritten: the dates stay
		t.Fatal(err)
	}
	ns, err := s.Notices(ctx)
	if err != nil || len(ns) != 1 || ns[0].SentOn != "2026-06-04" || ns[0].ReceivedOn != "2026-06-06" || !ns[0].ReviewMissing || len(ns[0].Findings) != 1 {
		t.Fatalf("notices: %+v, %v", ns, err)
	}
}
