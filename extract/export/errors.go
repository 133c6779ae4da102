package export

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors for the outcomes callers branch on; Read wraps them with the
// file name. French(err) gives the message for reports.
var (
	ErrUnknownFormat = errors.New("not a CSV or XLSX export")
	ErrNoHeader      = errors.New("no header row found")
	ErrTooLarge      = errors.New("file exceeds the size limits")
	ErrUnreadable    = errors.New("unreadable file")
)

// RowError is a row that was reported and skipped. Msg is English, for logs:
// it never quotes the cell (it could hold a name). FrenchMsg is for Caf staff
// in reports and quotes the cell.
type RowError struct {
	File      string `json:"file"`
	Line      int    `json:"line"`  // 1-based CSV line or XLSX row
	Field     string `json:"field"` // canonical French column name, e.g. « Profil »
	Msg       string `json:"message"`
	FrenchMsg string `json:"message_fr"`
}

func (e RowError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: line %d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: line %d: %s: %s", e.File, e.Line, e.Field, e.Msg)
}

// French renders the error for a report, e.g.
// « export.csv, ligne 12, colonne « Profil » : profil inconnu « T9 » ».
func (e RowError) French() string {
	if e.Field == "" {
		return fmt.Sprintf("%s, ligne %d : %s", e.File, e.Line, e.FrenchMsg)
	}
	return fmt.Sprintf("%s, ligne %d, colonne « %s » : %s", e.File, e.Line, e.Field, e.FrenchMsg)
}

// MissingColumnError is returned when the header lacks required columns.
type MissingColumnError struct {
	File    string
	Columns []string // canonical French names, e.g. « Statut »
}

func (e *MissingColumnError) Error() string {
	return fmt.Sprintf("%s: missing required column(s) %s", e.File, strings.Join(e.Columns, ", "))
}

// French renders the error for a report.
func (e *MissingColumnError) French() string {
	q := make([]string, len(e.Columns))
	for i, c := range e.Columns {
		q[i] = "« " + c + " »"
	}
	if len(q) == 1 {
		return fmt.Sprintf("%s : colonne obligatoire absente : %s.", e.File, q[0])
	}
	return fmt.Sprintf("%s : colonnes obligatoires absentes : %s.", e.File, strings.Join(q, ", "))
}

// French returns the French message of an error returned by Read, for the
// reports read by Caf staff.
func French(err error) string {
	var mc *MissingColumnError
	var fe *fileError
	name := ""
	if errors.As(err, &fe) {
		name = fe.file + " : "
	}
	switch {
	case err == nil:
		return ""
	case errors.As(err, &mc):
		return mc.French()
	case errors.Is(err, ErrUnknownFormat):
		return name + "le fichier n'est ni un CSV ni un classeur XLSX."
	case errors.Is(err, ErrNoHeader):
		return name + "aucune ligne d'en-tête reconnue (Identifiant, Nom, Profil, Statut…)."
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return name + "lecture interrompue (arrêt demandé ou délai dépassé)."
	case errors.Is(err, ErrUnclosedQuote):
		return name + "un guillemet non refermé fait déborder un champ sur les lignes suivantes ; " +
			"le fichier ne peut pas être lu sans perdre de lignes."
	case errors.Is(err, ErrTooLarge):
		return name + "le fichier dépasse la taille autorisée (ou l'archive XLSX se décompresse en un volume excessif)."
	}
	return name + "le fichier est illisible ou endommagé."
}

// fileError names the file of an error and keeps its cause for errors.Is.
type fileError struct {
	file string
	err  error
}

func (e *fileError) Error() string { return e.file + ": " + e.err.Error() }
func (e *fileError) Unwrap() error { return e.err }

func wrapFile(name string, err error) error {
	var mc *MissingColumnError
	if err == nil {
		return nil
	}
	if errors.As(err, &mc) {
		mc.File = name
		return err
	}
	return &fileError{file: name, err: err}
}
