package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"habilitations/jobs/store"
	"habilitations/model"
)

// verification takes a filled verification workbook dropped in the inbox:
// its checked values are applied as `verify import` would, with the
// receipt in the same transaction; one with problems goes to rejected/
// with every problem in its motif. The same content again is a duplicate.
func (in *intake) verification(ctx context.Context, f dropped, data []byte, rc store.Receipt) (string, error) {
	if prev, ok, err := in.st.ReceiptOf(ctx, rc.SHA256, store.OutcomeVerification); err != nil {
		return "", err
	} else if ok {
		return in.duplicate(ctx, f, data, rc, prev.Name, prev.ReceivedAt, "importé comme classeur de vérification")
	}
	rc.StoredPath = ArchivePath(rc.SHA256, ".xlsx")
	res, err := importVerificationData(ctx, in.st, in.dd, safeName(f.Rel), data, &rc)
	switch {
	case errors.Is(err, ErrVerificationRefused):
		return in.rejectWorkbook(ctx, f, data, rc, model.ReasonVerificationRefused, verificationRefusedMessage(res))
	case err != nil:
		return "", fmt.Errorf("import verification workbook %.12s: %w", rc.SHA256, err)
	}
	in.sum.Verifications++
	in.sum.Verified += res.Applied
	return store.OutcomeVerification, nil
}

// verificationRefusedMessage is the motif of a refused verification
// workbook: every problem on its own numbered line.
func verificationRefusedMessage(res VerifyImportResult) string {
	var b strings.Builder
	n := len(res.Problems)
	fmt.Fprintf(&b, "Le classeur de vérification du document %.12s (convention n° %s) n'a pas été importé : %d %s. "+
		"Aucune valeur n'a été enregistrée.\n\nPoints à corriger :\n", res.DocumentSHA, res.Convention, n,
		frenchPlural(n, "point est à corriger", "points sont à corriger"))
	for i, p := range res.Problems {
		fmt.Fprintf(&b, "%d. %s\n", i+1, upperFirst(p.String()))
	}
	b.WriteString("\nAprès correction, déposer à nouveau le classeur complet, au format .xlsx : il sera importé au prochain passage.")
	return b.String()
}
