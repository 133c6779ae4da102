package jobs

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	reviewin "habilitations/extract/review"
	verifyin "habilitations/extract/verify"
	"habilitations/jobs/store"
	"habilitations/model"
)

// inboxKind is what a file dropped in the inbox is taken for.
type inboxKind int

const (
	inboxPDF       inboxKind = iota // a dossier, a bulletin, or anything else unreadable as such
	inboxWorkbook                   // an Office Open XML workbook: a filled review workbook, maybe
	inboxSheetLike                  // another spreadsheet format: what to send instead
)

// classifyInbox tells a dropped file's kind from its first bytes and its
// extension: a PDF whatever its name, a zip holding xl/workbook.xml, or a
// spreadsheet saved in another format.
func classifyInbox(rel string, data []byte) inboxKind {
	ext := displayExt(rel)
	switch {
	case data == nil, looksPDF(data), ext == ".pdf":
		return inboxPDF
	case isXLSX(data):
		return inboxWorkbook
	}
	switch ext {
	case ".xlsx", ".xlsm", ".ods", ".xls", ".csv", ".tsv", ".fods", ".numbers":
		return inboxSheetLike
	}
	return inboxPDF
}

// isXLSX reports whether data is a zip holding a workbook part.
func isXLSX(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" {
			return true
		}
	}
	return false
}

// workbook takes a spreadsheet dropped in the inbox: a filled review
// workbook is imported as `review import` would (archived with its hash,
// attestation and actions written); one with problems goes to rejected/
// with every problem in its motif; anything else is rejected with what to
// send instead. The same content dropped again is a duplicate.
func (in *intake) workbook(ctx context.Context, f dropped, data []byte, rc store.Receipt, kind inboxKind) (string, error) {
	if doc, err := in.st.Document(ctx, rc.SHA256); err == nil {
		return in.duplicate(ctx, f, data, rc, doc.Name, doc.ReceivedAt, "rejeté pour le motif suivant : "+doc.Message)
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	if prev, ok, err := in.st.ReceiptOf(ctx, rc.SHA256, store.OutcomeReview); err != nil {
		return "", err
	} else if ok {
		return in.duplicate(ctx, f, data, rc, prev.Name, prev.ReceivedAt, "importé comme classeur de revue")
	}
	name := safeName(f.Rel)
	if kind == inboxSheetLike {
		return in.rejectWorkbook(ctx, f, data, rc, model.ReasonNotReview, otherFormatMessage(f.Rel))
	}
	if verifyin.IsVerification(data) {
		return in.verification(ctx, f, data, rc)
	}
	// Archived first: once the import is committed, the original is kept.
	stored := ArchivePath(rc.SHA256, ".xlsx")
	if err := in.dd.keep(stored, data); err != nil {
		return "", err
	}
	imp, err := importReviewData(ctx, in.st, in.dd, name, data, in.opts.Review)
	switch {
	case errors.Is(err, ErrReviewRefused):
		return in.rejectWorkbook(ctx, f, data, rc, model.ReasonReviewRefused, refusedMessage(imp))
	case errors.Is(err, reviewin.ErrNotReview):
		return in.rejectWorkbook(ctx, f, data, rc, model.ReasonNotReview, model.ReasonNotReview.Message()+
			" Une extraction des comptes d'un partenaire se dépose dans le dossier exports/.")
	case err != nil:
		return "", fmt.Errorf("import review workbook %.12s: %w", rc.SHA256, err)
	}
	rc.Outcome, rc.StoredPath = store.OutcomeReview, stored
	if err := in.st.SaveReviewReceipt(ctx, rc, imp.Convention); err != nil {
		return "", err
	}
	in.sum.Reviews++
	return rc.Outcome, nil
}

// rejectWorkbook writes a spreadsheet to rejected/ with its motif and
// records it as a rejected document.
func (in *intake) rejectWorkbook(ctx context.Context, f dropped, data []byte, rc store.Receipt, reason model.Reason, msg string) (string, error) {
	doc := store.Document{SHA256: rc.SHA256, Name: f.Rel, ReceivedAt: rc.ReceivedAt, Size: f.Size,
		Outcome: store.OutcomeRejected, Reason: reason, Message: msg}
	if err := in.reject(f, data, rc.SHA256, &doc.StoredPath, motif(f.Rel, rc.ReceivedAt, msg, rc.SHA256)); err != nil {
		return "", err
	}
	rc.Outcome, rc.StoredPath = doc.Outcome, doc.StoredPath
	if err := in.st.SaveDocument(ctx, doc, nil, rc); err != nil {
		return "", err
	}
	in.sum.Rejected++
	if reason == model.ReasonReviewRefused {
		in.sum.ReviewsRefused++
	}
	return doc.Outcome + ":" + string(reason), nil
}

// refusedMessage is the motif of a refused review workbook: every problem
// on its own numbered line (sheet, row, column, what to do), ready to paste
// into a reply to the partner.
func refusedMessage(imp ImportResult) string {
	var b strings.Builder
	n := len(imp.Problems)
	fmt.Fprintf(&b, "Le classeur de revue des habilitations de la convention n° %s n'a pas été importé : %d %s. "+
		"Aucune décision n'a été enregistrée.\n\nPoints à corriger (à transmettre au partenaire) :\n", imp.Convention, n,
		frenchPlural(n, "point est à corriger", "points sont à corriger"))
	for i, p := range imp.Problems {
		fmt.Fprintf(&b, "%d. %s\n", i+1, upperFirst(p.String()))
	}
	b.WriteString("\nAprès correction, renvoyer le classeur complet, au format .xlsx, sans en changer la structure : " +
		"il sera importé au prochain passage.")
	return b.String()
}

// otherFormatMessage says what to send instead of a spreadsheet saved in
// another format than the review workbook's.
func otherFormatMessage(rel string) string {
	what := map[string]string{
		".ods": "au format OpenDocument (.ods)", ".fods": "au format OpenDocument (.fods)", ".xls": "au format Excel 97-2003 (.xls)",
		".csv": "en CSV", ".tsv": "en texte tabulé", ".numbers": "au format Numbers", ".xlsm": "avec des macros (.xlsm)",
	}[displayExt(rel)]
	if what == "" {
		what = "dans un format illisible (" + describeExt(rel) + ")"
	}
	return "Le fichier est un tableur enregistré " + what + ". Le classeur de revue des habilitations se renvoie au format " +
		"Excel (.xlsx), tel qu'il a été reçu : l'ouvrir et l'enregistrer sous « Classeur Excel (.xlsx) » (dans LibreOffice : " +
		"Fichier > Enregistrer sous > « Excel 2007-365 »), sans en changer la structure. Une extraction des comptes d'un " +
		"partenaire se dépose dans le dossier exports/."
}

func frenchPlural(n int, one, many string) string {
	if n > 1 {
		return many
	}
	return one
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
