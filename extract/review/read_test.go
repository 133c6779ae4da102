package review_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/extract/review"
	"habilitations/model"
)

// testKey seals the hand-made workbooks' rows.
var testKey = []byte("extract/review tests")

// handRow is a row of a hand-made review workbook.
type handRow struct {
	cells    [model.ReviewProtectedCount]string
	decision string
	profile  string
	justif   string
}

// mustHandWorkbook builds a review workbook with excelize directly, from the
// layout contract alone (the writer lives in report/review), so that the
// reader is tested on its own. The key of each row is derived from its
// account; edit lets a test change a generated cell after the control is
// computed.
func mustHandWorkbook(tb testing.TB, rows []handRow, edit func(f *excelize.File)) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", model.ReviewSheetSummary))
	must(f.SetSheetRow(model.ReviewSheetSummary, "A3", &[]any{model.ReviewReviewerLabel, "", "", "Aline Fictive"}))
	must(f.SetSheetRow(model.ReviewSheetSummary, "A4", &[]any{model.ReviewDateLabel, "", "", "02/12/2026"}))
	_, err := f.NewSheet(model.ReviewSheetRows)
	must(err)
	head := make([]any, len(model.ReviewColumns))
	for i, h := range model.ReviewColumns {
		head[i] = h
	}
	must(f.SetSheetRow(model.ReviewSheetRows, "A1", &head))
	const id = "wb-test"
	for i, r := range rows {
		key := fmt.Sprintf("key-%s", r.cells[0])
		vals := make([]any, len(model.ReviewColumns))
		for c, v := range r.cells {
			vals[c] = v
		}
		vals[model.ReviewColDecision], vals[model.ReviewColNewProfile], vals[model.ReviewColJustification] = r.decision, r.profile, r.justif
		vals[model.ReviewColKey], vals[model.ReviewColControl] = key, model.NewReviewSealer(testKey).Control(id, key, r.cells)
		must(f.SetSheetRow(model.ReviewSheetRows, fmt.Sprintf("A%d", i+2), &vals))
	}
	_, err = f.NewSheet(model.ReviewSheetMeta)
	must(err)
	for i, kv := range [][]any{{"format", model.ReviewFormat}, {"convention", "06/2017"}, {"as_of", "2026-11-25"}, {"workbook_id", id}, {"rows", len(rows)}} {
		must(f.SetSheetRow(model.ReviewSheetMeta, fmt.Sprintf("A%d", i+1), &kv))
	}
	if edit != nil {
		edit(f)
	}
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	must(err)
	return buf.Bytes()
}

func cellsOf(account, profile, verdict string) [model.ReviewProtectedCount]string {
	return [model.ReviewProtectedCount]string{account, "Martin", "Léa", "lea.martin@x.fr", "Service social", "Cdap", profile,
		model.RoleUser, model.StatusActive, "", "", "", verdict, "motif"}
}

func TestReadDecisions(t *testing.T) {
	data := mustHandWorkbook(t, []handRow{
		{cells: cellsOf("u1", "T1", "Maintenir"), decision: "maintenir"},
		{cells: cellsOf("u2", "T1", "Supprimer"), decision: "Supprimer"},
		{cells: cellsOf("u3", "T1", "Maintenir"), decision: "Modifier le profil", profile: "TD"},
	}, nil)
	res, err := review.Read(context.Background(), "revue.xlsx", data, review.DefaultOptions(testKey))
	if err != nil {
		t.Fatal(err)
	}
	if res.Convention != "06/2017" || res.Reviewer != "Aline Fictive" || res.ReviewedOn.String() != "2026-12-02" || len(res.Decisions) != 3 {
		t.Fatalf("result %+v", res)
	}
	d := res.Decisions[2]
	if d.Decision != model.DecisionChangeProfile || d.NewProfile != model.T13 || d.Key != "key-u3" || d.Account != "u3" {
		t.Errorf("decision %+v", d)
	}
}

func TestReadProblems(t *testing.T) {
	for _, tc := range []struct {
		name      string
		row       handRow
		edit      func(f *excelize.File)
		wantRow   int
		wantCol   string
		wantInMsg string
	}{
		{"unknown profile", handRow{cells: cellsOf("u1", "T1", "Maintenir"), decision: "Modifier le profil", profile: "T9"}, nil, 2, "P « Nouveau profil »", "profil « T9 » inconnu"},
		{"profile without change", handRow{cells: cellsOf("u1", "T1", "Maintenir"), decision: "Maintenir", profile: "T2"}, nil, 2, "P « Nouveau profil »", "nouveau profil renseigné"},
		{"same profile", handRow{cells: cellsOf("u1", "T1", "Maintenir"), decision: "Modifier le profil", profile: "T1"}, nil, 2, "P « Nouveau profil »", "profil actuel"},
		{"check kept without reason", handRow{cells: cellsOf("u1", "T1", "Vérifier"), decision: "Maintenir"}, nil, 2, "Q « Justification »", "justification obligatoire"},
		{"edited email", handRow{cells: cellsOf("u1", "T1", "Maintenir"), decision: "Maintenir"},
			func(f *excelize.File) { f.SetCellValue(model.ReviewSheetRows, "D2", "autre@x.fr") }, 2, "D « Adresse mél »", "cellule protégée modifiée"},
		{"deleted row", handRow{cells: cellsOf("u1", "T1", "Maintenir"), decision: "Maintenir"},
			func(f *excelize.File) { f.SetCellValue(model.ReviewSheetMeta, "B5", 2) }, 0, "", "1 ligne du classeur envoyé a été supprimée"},
		{"bad review date", handRow{cells: cellsOf("u1", "T1", "Maintenir"), decision: "Maintenir"},
			func(f *excelize.File) { f.SetCellValue(model.ReviewSheetSummary, "D4", "bientôt") }, 4, "D", "n'est pas une date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := mustHandWorkbook(t, []handRow{tc.row}, tc.edit)
			_, err := review.Read(context.Background(), "revue.xlsx", data, review.DefaultOptions(testKey))
			var ref *review.RefusedError
			if !errors.As(err, &ref) {
				t.Fatalf("not refused: %v", err)
			}
			for _, p := range ref.Problems {
				if p.Row == tc.wantRow && p.Column == tc.wantCol && strings.Contains(p.Msg, tc.wantInMsg) {
					return
				}
			}
			t.Errorf("no %q at row %d col %q in %v", tc.wantInMsg, tc.wantRow, tc.wantCol, ref.Problems)
		})
	}
}

func TestReadNotReview(t *testing.T) {
	f := excelize.NewFile()
	var buf bytes.Buffer
	f.WriteTo(&buf)
	for name, data := range map[string][]byte{"empty": nil, "text": []byte("Identifiant;Nom\n"), "plain workbook": buf.Bytes()} {
		t.Run(name, func(t *testing.T) {
			if _, err := review.Read(context.Background(), "x.xlsx", data, review.DefaultOptions(testKey)); !errors.Is(err, review.ErrNotReview) {
				t.Errorf("err = %v", err)
			}
		})
	}
}

// FuzzRead checks that Read never panics nor hangs on any bytes.
func FuzzRead(f *testing.F) {
	f.Add(mustHandWorkbook(f, []handRow{{cells: cellsOf("u1", "T1", "Supprimer"), decision: "Supprimer"}}, nil))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		o := review.DefaultOptions(testKey)
		o.Limits.UnzipSizeLimit = 64 << 20
		review.Read(context.Background(), "fuzz.xlsx", data, o)
	})
}
