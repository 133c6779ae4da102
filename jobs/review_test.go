package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// mustReviewEnv ingests the corpus (dossiers, bulletins, exports) into a new
// data directory and prepares the review workbooks as of 2026-11-25.
func mustReviewEnv(tb testing.TB) (ingestEnv, ReviewResult) {
	tb.Helper()
	ctx := context.Background()
	e := mustIngestEnv(tb)
	files, _ := filepath.Glob(filepath.Join(ingestCorpus, "0*", "*"))
	for _, f := range files {
		switch {
		case strings.HasSuffix(f, ".pdf"):
			e.drop(tb, DirInbox, filepath.Base(f), mustRead(tb, f))
		case strings.HasSuffix(f, ".csv"):
			e.drop(tb, DirExports, filepath.Base(f), mustRead(tb, f))
		}
	}
	if _, err := Ingest(ctx, e.dd, e.st, mustTruthExtractor(tb), IngestOptions{}); err != nil {
		tb.Fatal(err)
	}
	res, err := PrepareReviews(ctx, e.st, e.dd, ReviewOptions{AsOf: model.NewDate(2026, 11, 25)})
	if err != nil {
		tb.Fatal(err)
	}
	return e, res
}

// failer is what the test helpers need of a *testing.T or a *rapid.T.
type failer interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Errorf(format string, args ...any)
}

// filler fills a review workbook as a reviewer would, with excelize.
type filler struct {
	tb failer
	f  *excelize.File
}

func openFiller(tb testing.TB, path string) *filler {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return &filler{tb, f}
}

func (x *filler) set(sheet string, col, row int, v any) {
	x.tb.Helper()
	c, _ := excelize.CoordinatesToCellName(col+1, row)
	if err := x.f.SetCellValue(sheet, c, v); err != nil {
		x.tb.Fatal(err)
	}
}

func (x *filler) rows() [][]string {
	x.tb.Helper()
	rows, err := x.f.GetRows(model.ReviewSheetRows)
	if err != nil {
		x.tb.Fatal(err)
	}
	return rows
}

// reviewer writes the reviewer's name and date on « Synthèse ».
func (x *filler) reviewer(name string, date time.Time) {
	rows, _ := x.f.GetRows(model.ReviewSheetSummary)
	for i, r := range rows {
		if len(r) > 0 && r[0] == model.ReviewReviewerLabel {
			x.set(model.ReviewSheetSummary, model.ReviewSummaryValueCol, i+1, name)
		}
		if len(r) > 0 && r[0] == model.ReviewDateLabel {
			x.set(model.ReviewSheetSummary, model.ReviewSummaryValueCol, i+1, date)
		}
	}
}

// decideAll follows every recommendation (Vérifier: keep, justified), except
// the first kept row, whose profile is changed to T13 (or T1).
func (x *filler) decideAll() {
	changed := false
	for i, r := range x.rows()[1:] {
		row := i + 2
		switch r[model.ReviewColVerdict] {
		case "Supprimer":
			x.set(model.ReviewSheetRows, model.ReviewColDecision, row, "Supprimer")
		case "Vérifier":
			x.set(model.ReviewSheetRows, model.ReviewColDecision, row, "Maintenir")
			x.set(model.ReviewSheetRows, model.ReviewColJustification, row, "Boîte vérifiée avec le service : usage personnel.")
		default:
			if !changed && r[6] != "T13" {
				x.set(model.ReviewSheetRows, model.ReviewColDecision, row, "Modifier le profil")
				x.set(model.ReviewSheetRows, model.ReviewColNewProfile, row, "T13")
				x.set(model.ReviewSheetRows, model.ReviewColComment, row, "=HYPERLINK(\"x\")")
				changed = true
				continue
			}
			x.set(model.ReviewSheetRows, model.ReviewColDecision, row, "Maintenir")
		}
	}
}

func (x *filler) save(path string) {
	x.tb.Helper()
	if err := x.f.SaveAs(path); err != nil {
		x.tb.Fatal(err)
	}
}

// fakeAttestation stands in for report/forms in jobs tests: it writes the
// attestation's counts as text.
func fakeAttestation(w io.Writer, a model.Attestation) error {
	_, err := fmt.Fprintf(w, "%s %s %d %d %d %d %d", a.Convention, a.Reviewer, a.Total, a.Kept, a.Removed, a.ProfileChanged, a.Unsure)
	return err
}

func TestReviewRoundTrip(t *testing.T) {
	ctx := context.Background()
	e, res := mustReviewEnv(t)
	if len(res.Workbooks) != 3 || res.NoExport != 2 || res.Consolidated == "" {
		t.Fatalf("prepared %+v", res)
	}
	again, err := PrepareReviews(ctx, e.st, e.dd, ReviewOptions{AsOf: model.NewDate(2026, 11, 25)})
	if err != nil || len(again.Workbooks) != 0 || again.Skipped != 3 {
		t.Fatalf("second preparation %+v, %v", again, err)
	}
	wb := e.dd.Path(res.Workbooks[0])
	if st, err := os.Stat(wb); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("workbook %v %v", st, err)
	}
	x := openFiller(t, wb)
	x.reviewer("Aline Fictive, administratrice", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	x.decideAll()
	filled := filepath.Join(t.TempDir(), "revue-remplie.xlsx")
	x.save(filled)

	imp, err := ImportReview(ctx, e.st, e.dd, filled, ImportOptions{Attestation: fakeAttestation, Now: func() time.Time { return time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatalf("import: %v\n%v", err, imp.Problems)
	}
	rows := x.rows()[1:]
	if !imp.Imported || imp.Decisions != len(rows) || imp.Counts["Modifier le profil"] != 1 {
		t.Fatalf("import %+v", imp)
	}
	stored, err := e.st.ReviewDecisions(ctx, imp.SHA256)
	if err != nil || len(stored) != len(rows) {
		t.Fatalf("stored %d decisions, %v", len(stored), err)
	}
	removals := 0
	for _, r := range rows {
		if r[model.ReviewColVerdict] == "Supprimer" {
			removals++
		}
	}
	actions := model.ActionsFrom(stored)
	if len(actions) != removals+1 || actions[len(actions)-1].Kind != model.ActionChangeProfile || actions[len(actions)-1].NewProfile != model.T13 {
		t.Fatalf("actions %d (want %d removals and a change): %+v", len(actions), removals, actions)
	}
	csv := string(mustRead(t, e.dd.Path(imp.ActionsCSV)))
	if !strings.HasPrefix(csv, "\ufeffAction;Identifiant;Nom;Prénom") || !strings.Contains(csv, "'=HYPERLINK") ||
		strings.Count(csv, "\r\n") != len(actions)+1 {
		t.Errorf("actions csv:\n%s", csv)
	}
	if att := string(mustRead(t, e.dd.Path(imp.Attestation))); !strings.Contains(att, "Aline Fictive") {
		t.Errorf("attestation %q", att)
	}
	// The same file again changes nothing.
	imp2, err := ImportReview(ctx, e.st, e.dd, filled, ImportOptions{Attestation: fakeAttestation})
	if err != nil || imp2.Imported || imp2.Attestation != imp.Attestation {
		t.Fatalf("second import %+v, %v", imp2, err)
	}
	ims, _ := e.st.LatestReviewImports(ctx)
	if len(ims) != 1 {
		t.Errorf("imports %d", len(ims))
	}
	// The consolidated view now says decisions are back with an attestation.
	later, err := PrepareReviews(ctx, e.st, e.dd, ReviewOptions{AsOf: model.NewDate(2026, 11, 25)})
	if err != nil {
		t.Fatal(err)
	}
	cf, err := excelize.OpenFile(e.dd.Path(later.Consolidated))
	if err != nil {
		t.Fatal(err)
	}
	defer cf.Close()
	crows, _ := cf.GetRows("Revues")
	var states []string
	for _, r := range crows[2:] {
		states = append(states, r[9])
	}
	if !slices.Contains(states, string(model.ReviewAttestation)) || !slices.Contains(states, string(model.ReviewSent)) ||
		!slices.Contains(states, string(model.ReviewToPrepare)) {
		t.Errorf("consolidated states %v", states)
	}
	// A year later the actions are checked against the (unchanged) export
	// and the next workbook shows them.
	next, err := PrepareReviews(ctx, e.st, e.dd, ReviewOptions{AsOf: model.NewDate(2027, 11, 25)})
	if err != nil || next.ActionChecks != len(actions) {
		t.Fatalf("next review %+v, %v", next, err)
	}
	nf, err := excelize.OpenFile(e.dd.Path(next.Workbooks[slices.IndexFunc(next.Workbooks, func(p string) bool { return filepath.Base(p) == filepath.Base(wb) })]))
	if err != nil {
		t.Fatal(err)
	}
	defer nf.Close()
	follow, err := nf.GetRows(model.ReviewSheetFollowUp)
	if err != nil || len(follow) != len(actions)+1 || follow[1][0] != string(model.ActionNotApplied) {
		t.Errorf("follow-up sheet %v, %v", follow, err)
	}
	mustNightChecksActions(t, e, model.NewDate(2027, 11, 25), imp.Convention, len(actions))
}

// mustNightChecksActions checks that the nightly run's reconciliation,
// which streams the rows and keeps whole only the conventions it needs
// (nightKeep), checks the actions of convention's review (n of them) as
// the review command does from the rows held, and that it keeps that
// convention's rows for this reason alone (its review not falling due).
func mustNightChecksActions(t *testing.T, e ingestEnv, asOf model.Date, convention string, n int) {
	t.Helper()
	ctx := context.Background()
	pending, err := pendingActionChecks(ctx, e.st, asOf)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending checks %v, %v", pending, err)
	}
	run, err := e.st.StartRun(ctx, "run", asOf.String())
	if err != nil {
		t.Fatal(err)
	}
	const lead = 1
	res, err := reconcile(ctx, e.st, e.dd.Root, run, asOf, model.ReconcileSettings{}, nil, rowUse{keep: nightKeep(pending, asOf, lead)})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range model.MergeBulletins(res.EffectiveRecords) {
		num := r.Convention.Number
		if num == convention && reviewWanted(r, asOf, lead) {
			t.Fatalf("%s falls due within %d day: the test would not show the rows kept for its actions", num, lead)
		}
		if res.CurrentRows.Complete(r) != (num == convention) && res.CurrentRows.Len(r) > 0 {
			t.Errorf("%s: rows kept whole %v", num, res.CurrentRows.Complete(r))
		}
	}
	checks, err := CheckReviewActions(ctx, e.st, res.EffectiveRecords, res.CurrentRows, asOf)
	if err != nil || len(checks[convention]) != n {
		t.Fatalf("night's action checks %v, %v; want %d for %s", checks, err, n, convention)
	}
}

func TestReviewImportRefusesTampering(t *testing.T) {
	ctx := context.Background()
	e, res := mustReviewEnv(t)
	wb := e.dd.Path(res.Workbooks[0])
	other := openFiller(t, e.dd.Path(res.Workbooks[1])).rows()[1]

	for _, tc := range []struct {
		name   string
		tamper func(x *filler, rows [][]string) (row int, col string)
		want   string
	}{
		{"protected cell edited", func(x *filler, rows [][]string) (int, string) {
			x.set(model.ReviewSheetRows, 1, 3, "NOM-MODIFIÉ")
			return 3, "B « Nom »"
		}, "cellule protégée modifiée"},
		{"recommendation edited", func(x *filler, rows [][]string) (int, string) {
			x.set(model.ReviewSheetRows, model.ReviewColVerdict, 4, "Maintenir")
			if rows[3][model.ReviewColVerdict] == "Maintenir" {
				x.set(model.ReviewSheetRows, model.ReviewColVerdict, 4, "Supprimer")
			}
			return 4, "M « Recommandation »"
		}, "cellule protégée modifiée"},
		{"foreign row", func(x *filler, rows [][]string) (int, string) {
			n := len(rows) + 1
			for c, v := range other {
				x.set(model.ReviewSheetRows, c, n, v)
			}
			x.set(model.ReviewSheetRows, model.ReviewColDecision, n, "Maintenir")
			return n, ""
		}, "ligne étrangère"},
		{"added row", func(x *filler, rows [][]string) (int, string) {
			n := len(rows) + 1
			x.set(model.ReviewSheetRows, 0, n, "u-nouveau")
			return n, ""
		}, "ligne ajoutée"},
		{"bad value", func(x *filler, rows [][]string) (int, string) {
			x.set(model.ReviewSheetRows, model.ReviewColDecision, 5, "Garder")
			return 5, "O « Décision »"
		}, "valeur « Garder » inconnue"},
		{"missing decision", func(x *filler, rows [][]string) (int, string) {
			x.set(model.ReviewSheetRows, model.ReviewColDecision, 6, "")
			return 6, "O « Décision »"
		}, "décision manquante"},
		{"missing justification", func(x *filler, rows [][]string) (int, string) {
			for i, r := range rows[1:] {
				if r[model.ReviewColVerdict] == "Supprimer" {
					x.set(model.ReviewSheetRows, model.ReviewColDecision, i+2, "Maintenir")
					return i + 2, "Q « Justification »"
				}
			}
			t.Fatal("no row to remove in the workbook")
			return 0, ""
		}, "justification obligatoire"},
		{"new profile not authorised", func(x *filler, rows [][]string) (int, string) {
			recs, err := e.st.EffectiveRecords(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, rec := range recs {
				for _, sv := range rec.Services {
					for i, r := range rows[1:] {
						if model.Fold(r[4]) != model.Fold(sv.Unit) || model.Fold(r[0]) == "" {
							continue
						}
						for _, p := range model.Profiles {
							if sv.Quotas.Get(p) == 0 && string(p) != r[6] {
								x.set(model.ReviewSheetRows, model.ReviewColDecision, i+2, "Modifier le profil")
								x.set(model.ReviewSheetRows, model.ReviewColNewProfile, i+2, string(p))
								x.set(model.ReviewSheetRows, model.ReviewColJustification, i+2, "Changement de service.")
								return i + 2, "P « Nouveau profil »"
							}
						}
					}
				}
			}
			t.Fatal("no unit with a profile not authorised")
			return 0, ""
		}, "n'est pas autorisé pour"},
		{"missing reviewer", func(x *filler, rows [][]string) (int, string) {
			x.reviewer("", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
			return -1, "D"
		}, "relecteur ne sont pas renseignés"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := openFiller(t, wb)
			x.reviewer("Aline Fictive", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
			x.decideAll()
			row, col := tc.tamper(x, x.rows())
			p := filepath.Join(t.TempDir(), "revue.xlsx")
			x.save(p)
			imp, err := ImportReview(ctx, e.st, e.dd, p, ImportOptions{})
			if !errors.Is(err, ErrReviewRefused) {
				t.Fatalf("not refused: %v", err)
			}
			found := false
			for _, pr := range imp.Problems {
				if strings.Contains(pr.Msg, tc.want) && (row < 0 || pr.Row == row) && pr.Column == col {
					found = true
				}
			}
			if !found {
				t.Errorf("no problem %q at row %d column %q in:\n%v", tc.want, row, col, imp.Problems)
			}
			if ims, _ := e.st.LatestReviewImports(ctx); len(ims) != 0 {
				t.Error("a refused workbook was stored")
			}
		})
	}
}

func TestPrepareReviewsSelection(t *testing.T) {
	ctx := context.Background()
	e, _ := mustReviewEnv(t)
	// 12/2021 was signed on 15 June: on 1 June with a 30-day lead time only
	// its workbook is due (04/2018: 12 March; 03/2024 later in the year).
	res, err := PrepareReviews(ctx, e.st, e.dd, ReviewOptions{AsOf: model.NewDate(2027, 6, 1), LeadDays: 30})
	if err != nil || len(res.Workbooks) != 1 || filepath.Base(res.Workbooks[0]) != "revue-12-2021.xlsx" {
		t.Errorf("lead time: %+v, %v", res, err)
	}
	res, err = PrepareReviews(ctx, e.st, e.dd, ReviewOptions{AsOf: model.NewDate(2027, 1, 5), Convention: "04 / 2018"})
	if err != nil || len(res.Workbooks) != 1 || filepath.Base(res.Workbooks[0]) != "revue-04-2018.xlsx" {
		t.Errorf("one convention: %+v, %v", res, err)
	}
	if _, err := PrepareReviews(ctx, e.st, e.dd, ReviewOptions{AsOf: model.NewDate(2027, 1, 5), Convention: "99/1999"}); err == nil {
		t.Error("unknown convention accepted")
	}
}

// TestReviewImportAfterLibreOffice fills a workbook, saves it again through
// LibreOffice Calc (as a reviewer without Excel does: shared strings, its
// own styles) and imports it: the controls must survive the re-save.
func TestReviewImportAfterLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice not on PATH in CI")
		}
		t.Skip("soffice not on PATH")
	}
	ctx := context.Background()
	e, res := mustReviewEnv(t)
	x := openFiller(t, e.dd.Path(res.Workbooks[0]))
	x.reviewer("Aline Fictive, administratrice", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	x.decideAll()
	dir := t.TempDir()
	filled := filepath.Join(dir, "remplie.xlsx")
	x.save(filled)
	out := filepath.Join(dir, "calc")
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, filled)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, b)
	}
	imp, err := ImportReview(ctx, e.st, e.dd, filepath.Join(out, "remplie.xlsx"), ImportOptions{})
	if err != nil {
		t.Fatalf("import after LibreOffice: %v\n%v", err, imp.Problems)
	}
	if rows := len(x.rows()) - 1; imp.Decisions != rows {
		t.Errorf("%d decisions for %d rows", imp.Decisions, rows)
	}
}
