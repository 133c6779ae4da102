package model

import (
	"encoding/hex"
	"hash/fnv"
	"slices"
)

// The review workbook's layout is a contract between the writer
// (report/review) and the reader (extract/review), like records.md is for
// JSON: sheet names, columns and the control of protected cells.
const (
	ReviewSheetSummary  = "Synthèse"
	ReviewSheetRows     = "Habilitations"
	ReviewSheetFindings = "Anomalies"
	ReviewSheetAdmins   = "Administrateurs"
	ReviewSheetFollowUp = "Suivi des actions"
	ReviewSheetMeta     = "_revue" // very hidden: format, convention, workbook id
	// ReviewFormat is the layout of the workbooks written now: rows sealed
	// with a keyed control (ReviewSealer). ReviewFormatUnkeyed is the
	// layout of the workbooks issued before, sealed without a key; they stay
	// importable when the store issued them (jobs decides).
	ReviewFormat         = "habilitations-revue/2"
	ReviewFormatUnkeyed  = "habilitations-revue/1"
	ReviewNever          = "jamais" // « Dernière connexion » of an account never used
	ReviewReviewerLabel  = "Nom et fonction du relecteur"
	ReviewDateLabel      = "Date de la revue"
	ReviewProtectedCount = 14 // columns A..N are generated and protected
	// ReviewSummaryValueCol is the 0-based column of « Synthèse » holding the
	// value of a labelled line (labels span A:C), e.g. the reviewer's name.
	ReviewSummaryValueCol = 3
)

// ReviewColumns are the headers of the « Habilitations » sheet, in order.
// The first ReviewProtectedCount are generated; then come the reviewer's
// four columns and the two hidden control columns.
var ReviewColumns = [...]string{
	"Identifiant", "Nom", "Prénom", "Adresse mél", "Structure", "Service", "Profil", "Rôle", "Statut",
	"Créé le", "Dernière connexion", "Anomalies", "Recommandation", "Motif de la recommandation",
	"Décision", "Nouveau profil", "Justification", "Commentaire", "Clé", "Contrôle",
}

// Indexes of the reviewer's and control columns in ReviewColumns.
const (
	ReviewColCreated       = 9
	ReviewColLastLogin     = 10
	ReviewColVerdict       = 12
	ReviewColDecision      = 14
	ReviewColNewProfile    = 15
	ReviewColJustification = 16
	ReviewColComment       = 17
	ReviewColKey           = 18
	ReviewColControl       = 19
)

// ReviewCells returns the canonical text (ReviewCellText) of the generated
// cells of a row, as the writer writes them and the control covers them:
// dates in ISO form ("" for never).
func ReviewCells(r ReviewRow, findings string) [ReviewProtectedCount]string {
	cells := [ReviewProtectedCount]string{r.Account, r.LastName, r.FirstName, r.Email, r.Unit, r.Service,
		string(r.Profile), r.Role, r.Status, r.Created.String(), r.LastLogin.String(), findings,
		string(r.Verdict), r.Reason}
	for i, c := range cells {
		cells[i] = ReviewCellText(c)
	}
	return cells
}

// ReviewWorkbookID identifies one generated workbook: the layout format, the
// convention, the as-of date and its row keys. Generating again the same day gives the same
// id; rows copied from another workbook carry another id.
func ReviewWorkbookID(convention string, asOf Date, keys []string) string {
	h := fnv.New128a()
	h.Write([]byte(ReviewFormat + "\x1f" + convention + "\x1f" + asOf.String()))
	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	for _, k := range sorted {
		h.Write([]byte{0x1f})
		h.Write([]byte(k))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
