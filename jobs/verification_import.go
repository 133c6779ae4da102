package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	reviewin "habilitations/extract/review"
	verifyin "habilitations/extract/verify"
	"habilitations/jobs/store"
	"habilitations/model"
)

// VerifyImportResult is the outcome of importing one filled verification
// workbook: counts and hashes, no value (they may be e-mails or names).
type VerifyImportResult struct {
	File        string `json:"file"`
	SHA256      string `json:"sha256"`
	WorkbookID  string `json:"workbook_id"`
	DocumentSHA string `json:"document_sha256"`
	Convention  string `json:"convention"`
	Imported    bool   `json:"imported"` // false: this file was imported before, nothing changed
	Applied     int    `json:"applied"`  // values written into the record
	Already     int    `json:"already"`  // checked by an earlier workbook
	Unchecked   int    `json:"unchecked"`
	Remaining   int    `json:"remaining"` // values of the record still to verify
	// Problems, when refused (French, may quote cell values).
	Problems []reviewin.Problem `json:"-"`
}

// ErrVerificationRefused is wrapped by ImportVerification when the workbook
// has problems; VerifyImportResult.Problems lists them. Nothing is applied.
var ErrVerificationRefused = errors.New("verification workbook refused")

// maxVerificationBytes bounds a verification workbook read from a file.
const maxVerificationBytes = 50 << 20

// ImportVerification reads a filled verification workbook and applies its
// checked values to the record of the document it was issued for
// (store.ApplyVerification): the record is corrected, the values checked
// are kept with who checked them, and the file is archived. A convention
// whose values are all checked stops being « à vérifier ».
func ImportVerification(ctx context.Context, st *store.Store, dd *DataDir, file string) (VerifyImportResult, error) {
	data, err := readLimited(file, maxVerificationBytes)
	if err != nil {
		return VerifyImportResult{File: filepath.Base(file)}, err
	}
	return importVerificationData(ctx, st, dd, filepath.Base(file), data, nil)
}

// importVerificationData is ImportVerification on a file's content; rc is
// the inbox's receipt, stored with the values (nil from the command line).
func importVerificationData(ctx context.Context, st *store.Store, dd *DataDir, name string, data []byte, rc *store.Receipt) (VerifyImportResult, error) {
	sum := sha256.Sum256(data)
	res := VerifyImportResult{File: name, SHA256: hex.EncodeToString(sum[:])}
	key, err := ReviewKey(ctx, dd, st)
	if err != nil {
		return res, err
	}
	wb, err := verifyin.Read(name, data, key)
	res.WorkbookID, res.DocumentSHA, res.Convention, res.Unchecked = wb.WorkbookID, wb.DocumentSHA, wb.Convention, wb.Unchecked
	var refused *reviewin.RefusedError
	switch {
	case errors.As(err, &refused):
		return res, res.refuse(refused.Problems)
	case err != nil:
		return res, err
	}
	issued, ok, err := st.VerificationWorkbookByID(ctx, wb.WorkbookID)
	if err != nil {
		return res, err
	}
	if !ok || issued.DocumentSHA != wb.DocumentSHA {
		return res, res.refuse([]reviewin.Problem{{Sheet: model.VerificationSheet, Msg: "ce classeur n'a pas été émis par " +
			"cette Caf pour ce document (classeur d'un autre organisme, ou dont la feuille de contrôle a été modifiée) : " +
			"utiliser le classeur de vérification produit pour ce document, sans le copier ni le modifier."}})
	}
	if len(wb.Checked) == 0 {
		return res, res.refuse([]reviewin.Problem{{Sheet: model.VerificationSheet, Msg: "aucune valeur vérifiée n'a été " +
			"saisie (colonne H) : rien n'a été enregistré."}})
	}
	if err := dd.keep(ArchivePath(res.SHA256, ".xlsx"), data); err != nil {
		return res, err
	}
	imp := store.VerificationImport{WorkbookID: wb.WorkbookID, WorkbookSHA: res.SHA256, DocumentSHA: wb.DocumentSHA,
		Verifier: wb.Verifier, VerifiedOn: wb.VerifiedOn.String(), Receipt: rc}
	for _, c := range wb.Checked {
		imp.Values = append(imp.Values, store.VerifiedValue{Field: c.Field, ValueRead: c.ValueRead, Value: c.Value, Note: c.Note})
	}
	out, err := st.ApplyVerification(ctx, imp)
	var inv *model.ValidationError
	if errors.As(err, &inv) {
		var paths []string
		for _, f := range inv.Fields {
			paths = append(paths, f.Path)
		}
		return res, res.refuse([]reviewin.Problem{{Sheet: model.VerificationSheet, Msg: "avec les valeurs saisies, la fiche " +
			"du document n'est plus valide (" + strings.Join(paths, ", ") + ") : vérifier la colonne H."}})
	}
	if err != nil {
		return res, err
	}
	res.Imported, res.Applied, res.Already, res.Remaining, res.Convention = !out.Again, out.Applied, out.Already, out.Remaining, out.Convention
	return res, nil
}

// refuse sets the problems of a refused workbook and returns the error.
func (r *VerifyImportResult) refuse(probs []reviewin.Problem) error {
	r.Problems = probs
	return fmt.Errorf("%s: %d problems: %w", r.File, len(probs), ErrVerificationRefused)
}
