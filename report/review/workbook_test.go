package review_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
	"habilitations/report/review"
)

// testKey seals the rows of the workbooks written by the tests.
var testKey = []byte("report/review tests: not a data directory's secret")

func mustWrite(tb testing.TB, rv model.Review, follow []model.ActionResult) ([]byte, review.Manifest) {
	tb.Helper()
	var buf bytes.Buffer
	m, err := review.Write(context.Background(), &buf, rv, follow, testKey)
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), m
}

func TestWriteSheets(t *testing.T) {
	rv := sampleReview(t, 120)
	b, m := mustWrite(t, rv, nil)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{model.ReviewSheetSummary, model.ReviewSheetRows, model.ReviewSheetFindings, model.ReviewSheetAdmins, model.ReviewSheetMeta}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows(model.ReviewSheetRows)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(rv.Rows)+1 || m.Rows != len(rv.Rows) {
		t.Errorf("%d rows written for %d habilitations", len(rows)-1, len(rv.Rows))
	}
	if rows[0][model.ReviewColDecision] != "Décision" {
		t.Errorf("header %v", rows[0])
	}
	verdicts := map[string]int{}
	for _, r := range rows[1:] {
		verdicts[r[model.ReviewColVerdict]]++
	}
	if verdicts["Supprimer"] == 0 || verdicts["Vérifier"] == 0 || verdicts["Maintenir"] == 0 {
		t.Errorf("recommendations %v", verdicts)
	}
	if v, _ := f.GetSheetVisible(model.ReviewSheetMeta); v {
		t.Error("meta sheet visible")
	}
	for _, sh := range want[:4] {
		if p, err := f.GetSheetProtection(sh); err != nil || !p.AutoFilter {
			t.Errorf("sheet %s not protected with filters allowed: %+v, %v", sh, p, err)
		}
	}
	dvs, err := f.GetDataValidations(model.ReviewSheetRows)
	if err != nil || len(dvs) != 2 {
		t.Errorf("data validations %d, %v", len(dvs), err)
	}
}

// TestLibreOfficeOpens converts generated workbooks with LibreOffice: the
// conversion fails on a file LibreOffice cannot load. Set REVIEW_RENDER_DIR
// to keep the PDFs (and render PNGs with pdftoppm to look at them).
func TestLibreOfficeOpens(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice not on PATH in CI")
		}
		t.Skip("soffice not on PATH")
	}
	dir := t.TempDir()
	if d := os.Getenv("REVIEW_RENDER_DIR"); d != "" {
		dir = d
	}
	follow := model.CheckActions([]model.Action{
		{Kind: model.ActionRemove, Account: "u-10003", LastName: "Robert", FirstName: "Léa", Unit: "Service social général", Service: "Cdap", Profile: model.T1},
		{Kind: model.ActionChangeProfile, Account: "u-10004", LastName: "Richard", FirstName: "Léa", Unit: "Pôle insertion", Service: "Cdap", Profile: model.T1, NewProfile: model.T4},
	}, sampleRows(120))
	rv := sampleReview(t, 120)
	var acts []model.Action
	for _, r := range rv.Rows {
		if r.Verdict == model.VerdictRemove {
			acts = append(acts, model.Action{Kind: model.ActionRemove, Account: r.Account, LastName: r.LastName, FirstName: r.FirstName,
				Email: r.Email, Unit: r.Unit, Service: r.Service, Profile: r.Profile, Reason: r.Reason})
		}
	}
	files := map[string]func(w *bytes.Buffer) error{
		"revue-120": func(w *bytes.Buffer) error {
			_, err := review.Write(context.Background(), w, rv, follow, testKey)
			return err
		},
		"revue-vide": func(w *bytes.Buffer) error {
			_, err := review.Write(context.Background(), w, sampleReview(t, 0), nil, testKey)
			return err
		},
		"actions": func(w *bytes.Buffer) error { return review.WriteActionsXLSX(w, "06/2017", acts) },
		"revues-caf": func(w *bytes.Buffer) error {
			return review.WriteConsolidated(w, sampleAsOf, []review.ConventionLine{
				{Number: "06/2017", Partner: "Centre communal d'action sociale de Villefictive", Units: []string{"2.1 – Service social général", "2.2 – Pôle insertion"},
					Authorised: 50, Used: 61, OpenFindings: 12, Anniversary: "3 mai", Due: model.NewDate(2027, 5, 3), Status: model.ReviewSent, Workbook: "revue-06-2017.xlsx",
					Campaign: &review.CampaignColumns{Stage: model.StageNoticeSent, DaysLate: 35, OpenFindings: "Quota dépassé : 95 j\nCompte inactif : 12 j",
						OldestDays: 95, Reminders: "rappel-1 du 18/04/2027 (envoyé)\nrappel-2 du 03/05/2027 (envoyé)",
						Notice: "écrite le 02/06/2027, envoyée le 04/06/2027", TerminationFrom: model.NewDate(2027, 7, 4)}},
				{Number: "2019-014", Partner: "Département fictif", Units: []string{"2.1 – Insertion"}, Status: model.ReviewToPrepare,
					Note: "Aucun export des habilitations reçu : revue impossible."},
			}, []review.CampaignMonth{{Month: model.NewDate(2027, 5, 1), Returned: 3, Late: 2}, {Month: model.NewDate(2027, 6, 1), Returned: 1, Late: 1, Escalated: 1}})
		},
	}
	for name, write := range files {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			src := filepath.Join(dir, name+".xlsx")
			if err := os.WriteFile(src, b.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			convertWithLibreOffice(t, soffice, src, dir)
		})
	}
}

func convertWithLibreOffice(t *testing.T, soffice, src, dir string) {
	t.Helper()
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(t.TempDir(), "lo"),
		"--convert-to", "pdf", "--outdir", dir, src)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	pdf := strings.TrimSuffix(src, ".xlsx") + ".pdf"
	st, err := os.Stat(pdf)
	if err != nil || st.Size() < 1000 {
		t.Fatalf("libreoffice made no PDF of %s: %v\n%s", src, err, out)
	}
}
