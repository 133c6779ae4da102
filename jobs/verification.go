package jobs

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"slices"

	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/verify"
)

// VerificationSummary counts the documents read from scans whose values a
// person must still check, and the workbooks written for them.
type VerificationSummary struct {
	Documents   int      `json:"documents"`   // documents with values to verify
	Values      int      `json:"values"`      // values to verify, in all
	Conventions []string `json:"conventions"` // their convention numbers, sorted, once each
	Written     int      `json:"written"`
	Skipped     int      `json:"skipped,omitempty"` // issued by an earlier run, still pending
	Files       []string `json:"files"`             // every pending workbook, relative to the data directory
}

// verificationDir is the folder of the verification workbooks of a date.
func verificationDir(asOf model.Date) string { return reportsDir(asOf) + "/verification" }

// WriteVerifications writes a verification workbook for every document
// whose record still holds values to verify and has none issued for that
// very list (a document partly checked gets a new one, listing what is
// left): reports/<as-of>/verification/verif-<convention>-<hash8>.xlsx.
// The file name holds the convention and 8 hex digits of the document's
// hash, never a name.
func WriteVerifications(ctx context.Context, st *store.Store, dd *DataDir, asOf model.Date) (VerificationSummary, error) {
	sum := VerificationSummary{Files: []string{}, Conventions: []string{}}
	recs, err := st.ToVerifyRecords(ctx)
	if err != nil || len(recs) == 0 {
		return sum, err
	}
	key, err := ReviewKey(ctx, dd, st)
	if err != nil {
		return sum, err
	}
	seen := map[string]bool{}
	for _, sr := range recs {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		items := sr.Record.ToVerify
		sum.Documents++
		sum.Values += len(items)
		if n := sr.Record.Convention.Number; !seen[n] {
			seen[n] = true
			sum.Conventions = append(sum.Conventions, n)
		}
		id := model.VerificationWorkbookID(sr.DocumentSHA, items)
		if w, ok, err := st.VerificationWorkbookByID(ctx, id); err != nil {
			return sum, err
		} else if ok {
			if _, serr := os.Stat(dd.Path(w.Path)); serr == nil {
				sum.Skipped++
				sum.Files = append(sum.Files, w.Path)
				continue
			}
		}
		rel, err := writeVerification(ctx, st, dd, asOf, sr, id, key)
		if err != nil {
			return sum, err
		}
		sum.Written++
		sum.Files = append(sum.Files, rel)
	}
	slices.Sort(sum.Conventions)
	return sum, nil
}

// writeVerification writes one document's workbook, with the pictures the
// store kept, and records it.
func writeVerification(ctx context.Context, st *store.Store, dd *DataDir, asOf model.Date, sr store.StoredRecord, id string, key []byte) (string, error) {
	pics, err := st.Pictures(ctx, sr.DocumentSHA)
	if err != nil {
		return "", err
	}
	items := append([]model.ToVerify(nil), sr.Record.ToVerify...)
	for i := range items {
		items[i].Picture = pics[items[i].Field]
	}
	v := model.Verification{WorkbookID: id, DocumentSHA: sr.DocumentSHA, DocumentName: sr.DocumentName,
		ReceivedOn: model.DateOf(sr.ReceivedAt.Local()), Record: sr.Record, Items: items}
	rel := path.Join(verificationDir(asOf), fmt.Sprintf("verif-%s-%.8s.xlsx", fileSafe(sr.Record.Convention.Number), sr.DocumentSHA))
	if err := createAtomic(dd.Path(rel), func(w io.Writer) error { return verify.Write(w, v, key) }); err != nil {
		return "", fmt.Errorf("verification workbook of %.12s: %w", sr.DocumentSHA, err)
	}
	err = st.SaveVerificationWorkbook(ctx, store.VerificationWorkbook{ID: id, DocumentSHA: sr.DocumentSHA,
		Convention: sr.Record.Convention.Number, Items: len(items), Path: rel, IssuedOn: asOf.String()})
	return rel, err
}
