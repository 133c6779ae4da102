package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// VerificationFormat marks the verification workbooks of this version (the
// very hidden control sheet holds it); their rows are sealed as the review
// workbook's, under the same data directory key.
const VerificationFormat = "habilitations-verif/1"

// The verification workbook's layout, shared by its writer (report/verify)
// and its reader (extract/verify).
const (
	VerificationSheet     = "À vérifier"
	VerificationSheetMeta = "Contrôle-vérif"
	// VerificationHeaderRow is the row of the table's titles; values start
	// on the next row.
	VerificationHeaderRow = 12
	// The reader's cells of the header block: who checked, and when.
	VerificationVerifierCell = "C8"
	VerificationDateCell     = "C9"
)

// VerificationColumns are the table's columns; the first
// VerificationProtectedCount are generated and sealed, then the two to
// fill, then the hidden field path and control.
var VerificationColumns = []string{"N°", "Valeur à vérifier", "Valeur lue", "Page", "Confiance", "Motif",
	"Extrait du scan", "Valeur vérifiée", "Observation", "Champ", "Contrôle"}

// Column indexes (0-based) of VerificationColumns.
const (
	VerificationProtectedCount = 6
	VerifColPicture            = 6
	VerifColChecked            = 7
	VerifColNote               = 8
	VerifColField              = 9
	VerifColControl            = 10
)

// Verification is what one verification workbook shows: the values of one
// document read from a scan that a person must check against the scan.
type Verification struct {
	WorkbookID   string
	DocumentSHA  string
	DocumentName string
	ReceivedOn   Date
	Record       Record // the record as stored, for the labels
	Items        []ToVerify
}

// VerificationWorkbookID identifies a verification workbook by the document
// and the values it lists: a workbook issued again after some values were
// checked lists fewer, and is another workbook.
func VerificationWorkbookID(documentSHA string, items []ToVerify) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x1f", documentSHA)
	for _, v := range items {
		fmt.Fprintf(h, "%s\x1f%v\x1f", v.Field, v.Value)
	}
	return "V-" + hex.EncodeToString(h.Sum(nil))[:16]
}

// VerificationCells are the generated cells of an item's row, as written
// and sealed: number, label, value read, page, confidence, reason.
func VerificationCells(rec Record, n int, v ToVerify) []string {
	page := "—"
	if v.Page > 0 {
		page = fmt.Sprint(v.Page)
	}
	conf := "—"
	if v.Reason != VerifyRepaired && v.Reason != VerifyUnreadable {
		conf = fmt.Sprintf("%d %%", int(v.Confidence*100+0.5))
	}
	return []string{fmt.Sprint(n), VerifyFieldLabel(rec, v.Field), ReviewCellText(fmt.Sprint(v.Value)), page, conf, v.Reason.Label()}
}
