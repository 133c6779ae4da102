package jobs

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"habilitations/jobs/store"
	"habilitations/model"
)

// filledBytes fills the workbook at rel as a reviewer would and returns the
// saved file; edit, when set, spoils it afterwards.
func filledBytes(t *testing.T, e ingestEnv, rel string, edit func(x *filler)) []byte {
	t.Helper()
	x := openFiller(t, e.dd.Path(rel))
	x.reviewer("Aline Fictive, administratrice", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	x.decideAll()
	if edit != nil {
		edit(x)
	}
	var buf bytes.Buffer
	if _, err := x.f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mustPlainXLSX is a workbook that is no review workbook (an export saved
// in the wrong folder).
func mustPlainXLSX(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetRow("Sheet1", "A1", &[]any{"Identifiant", "Nom", "Prénom", "Profil"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestInboxReviewWorkbooks: filled review workbooks dropped in the inbox
// are imported as `review import` would, or rejected with every problem in
// their motif; other spreadsheets are rejected with what to send instead.
func TestInboxReviewWorkbooks(t *testing.T) {
	ctx := context.Background()
	e, res := mustReviewEnv(t)
	oe, otherRes := mustReviewEnv(t) // another data directory: another Caf, another key

	good := filledBytes(t, e, res.Workbooks[0], nil)
	refused := filledBytes(t, e, res.Workbooks[1], func(x *filler) {
		x.set(model.ReviewSheetRows, 1, 3, "NOM-MODIFIÉ")
		x.set(model.ReviewSheetRows, model.ReviewColDecision, 4, "Garder")
	})
	foreign := filledBytes(t, oe, otherRes.Workbooks[0], nil)
	e.drop(t, DirInbox, "revue remplie.xlsx", good)
	e.drop(t, DirInbox, "copie/revue remplie (2).xlsx", good)
	e.drop(t, DirInbox, "revue-erreurs.xlsx", refused)
	e.drop(t, DirInbox, "revue.ods", []byte("PK\x03\x04 not really an ods"))
	e.drop(t, DirInbox, "export-comptes.xlsx", mustPlainXLSX(t))
	e.drop(t, DirInbox, "revue-autre-caf.xlsx", foreign)

	sum, err := Ingest(ctx, e.dd, e.st, mustTruthExtractor(t), IngestOptions{Review: ImportOptions{Attestation: fakeAttestation}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Reviews != 1 || sum.ReviewsRefused != 2 || sum.Rejected != 4 || sum.Duplicates != 1 {
		t.Errorf("summary %+v", sum)
	}
	ims, err := e.st.LatestReviewImports(ctx)
	if err != nil || len(ims) != 1 || ims[0].Attestation == "" || ims[0].ActionsCSV == "" {
		t.Fatalf("imports %+v, %v", ims, err)
	}
	if _, err := os.Stat(e.dd.Path(ArchivePath(ims[0].SHA256, ".xlsx"))); err != nil {
		t.Errorf("workbook not archived: %v", err)
	}
	for _, p := range []string{ims[0].Attestation, ims[0].ActionsCSV, ims[0].ActionsXLSX} {
		if _, err := os.Stat(e.dd.Path(p)); err != nil {
			t.Errorf("import output: %v", err)
		}
	}
	if left, _ := os.ReadDir(e.dd.Inbox()); len(left) != 1 || !left[0].IsDir() {
		t.Errorf("left in the inbox: %v", left) // the empty sub-folder stays
	}
	motifs := map[string]string{}
	for _, name := range []string{"revue-erreurs.xlsx", "revue.ods", "export-comptes.xlsx", "revue-autre-caf.xlsx"} {
		b, err := os.ReadFile(e.dd.Path(DirRejected + "/" + name + ".motif.txt"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		motifs[name] = string(b)
	}
	for name, want := range map[string][]string{
		"revue-erreurs.xlsx": {"2 points sont à corriger", "1. Onglet « Habilitations », ligne 3, colonne B « Nom » : cellule protégée modifiée",
			"2. Onglet « Habilitations », ligne 4, colonne O « Décision » : valeur « Garder » inconnue", "renvoyer le classeur complet"},
		"revue.ods":            {"OpenDocument (.ods)", "Excel (.xlsx)", "exports/"},
		"export-comptes.xlsx":  {"n'est pas un classeur de revue", "exports/"},
		"revue-autre-caf.xlsx": {"ligne étrangère à ce classeur"},
	} {
		for _, w := range want {
			if !strings.Contains(motifs[name], w) {
				t.Errorf("motif of %s lacks %q:\n%s", name, w, motifs[name])
			}
		}
	}
	if testing.Verbose() {
		t.Log(motifs["revue-erreurs.xlsx"], motifs["revue.ods"])
	}
	docs, _ := e.st.Documents(ctx)
	reasons := map[model.Reason]int{}
	for _, d := range docs {
		reasons[d.Reason]++
	}
	if reasons[model.ReasonReviewRefused] != 2 || reasons[model.ReasonNotReview] != 2 {
		t.Errorf("reasons %v", reasons)
	}

	// The same workbook dropped again, on a later run: a duplicate.
	e.drop(t, DirInbox, "revue remplie.xlsx", good)
	sum, err = Ingest(ctx, e.dd, e.st, mustTruthExtractor(t), IngestOptions{Review: ImportOptions{Attestation: fakeAttestation}})
	if err != nil || sum.Duplicates != 1 || sum.Reviews != 0 {
		t.Errorf("second drop: %+v, %v", sum, err)
	}
	rcs, _ := e.st.Receipts(ctx, store.FolderInbox)
	n := 0
	for _, rc := range rcs {
		if rc.Outcome == store.OutcomeReview {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d review receipts", n)
	}
}
