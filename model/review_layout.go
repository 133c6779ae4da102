package model

import (
	"encoding/binary"
	"encoding/hex"
	"hash/fnv"
	"slices"
	"strconv"
)

// The review workbook's layout is a contract between the writer
// (report/review) and the reader (extract/review), like records.md is for
// JSON: sheet names, columns and the control of protected cells.
const (
	ReviewSheetSummary   = "Synthèse"
	ReviewSheetRows      = "Habilitations"
	ReviewSheetFindings  = "Anomalies"
	ReviewSheetAdmins    = "Administrateurs"
	ReviewSheetFollowUp  = "Suivi des actions"
	ReviewSheetMeta      = "_revue" // very hidden: format, convention, workbook id
	ReviewFormat         = "habilitations-revue/1"
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

// ReviewCells returns the canonical text of the generated cells of a row, as
// the control digest covers them: dates in ISO form ("" for never).
func ReviewCells(r ReviewRow, findings string) [ReviewProtectedCount]string {
	return [ReviewProtectedCount]string{r.Account, r.LastName, r.FirstName, r.Email, r.Unit, r.Service,
		string(r.Profile), r.Role, r.Status, r.Created.String(), r.LastLogin.String(), findings,
		string(r.Verdict), r.Reason}
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

// ReviewControl is the hidden control of a row: a tag binding the row's key
// to its workbook (8 hex digits), then 4 hex digits per generated cell. It
// lets the reader tell a row pasted from another workbook, and name the
// protected cell that was edited. It guards against mistakes, not against
// forgery: the algorithm is public.
func ReviewControl(workbookID, key string, cells [ReviewProtectedCount]string) string {
	// FNV-1a over "part\x1f" for each part: the tag over (workbookID, key,
	// ""), each cell's over (workbookID, key, "i\x1fcell"). Hashed as it
	// goes rather than over joined strings: the writer calls it for every
	// row, and the joins cost an allocation per cell. TestReviewControlDigest
	// holds it to the joined form.
	h0 := fnv64a(fnv64a(fnv64a(fnv64a(fnvOffset64, workbookID), sep), key), sep)
	var b [4 + 2*ReviewProtectedCount]byte
	binary.BigEndian.PutUint32(b[:4], uint32(fnv64a(h0, sep)))
	var num [4]byte
	for i, c := range cells {
		h := fnv64a(fnv64a(h0, strconv.AppendInt(num[:0], int64(i), 10)), sep)
		h = fnv64a(fnv64a(h, c), sep)
		binary.BigEndian.PutUint16(b[4+2*i:], uint16(h))
	}
	var out [2 * len(b)]byte
	hex.Encode(out[:], b[:])
	return string(out[:])
}

const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
	sep         = "\x1f" // ends every hashed part
)

// fnv64a continues the FNV-1a hash h over s, as hash/fnv's New64a does.
func fnv64a[T ~string | ~[]byte](h uint64, s T) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime64
	}
	return h
}

// CheckReviewControl compares a row read back with its control: foreign is
// true when the key does not belong to workbookID (or the control is not
// one), otherwise edited lists the indexes of the generated cells changed.
func CheckReviewControl(workbookID, key string, cells [ReviewProtectedCount]string, control string) (foreign bool, edited []int) {
	want := ReviewControl(workbookID, key, cells)
	if len(control) != len(want) || control[:8] != want[:8] {
		return true, nil
	}
	for i := range cells {
		at := 8 + 4*i
		if control[at:at+4] != want[at:at+4] {
			edited = append(edited, i)
		}
	}
	return false, edited
}
