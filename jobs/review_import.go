package jobs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	reviewin "habilitations/extract/review"
	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/review"
)

// AttestationWriter writes the « attestation de revue des habilitations » as
// a PDF (report/forms.WriteAttestation); the CLI passes it in.
type AttestationWriter func(w io.Writer, a model.Attestation) error

// ImportOptions configure ImportReview.
type ImportOptions struct {
	Limits      reviewin.Limits
	Attestation AttestationWriter // nil: no attestation is written
	Now         func() time.Time
}

// ImportResult is the outcome of importing one filled workbook. It holds
// counts and paths, no names.
type ImportResult struct {
	File        string             `json:"file"`
	SHA256      string             `json:"sha256"`
	Convention  string             `json:"convention"`
	Imported    bool               `json:"imported"` // false: the same file was imported before, nothing changed
	Decisions   int                `json:"decisions"`
	Counts      map[string]int     `json:"counts"` // per decision
	Attestation string             `json:"attestation,omitempty"`
	ActionsCSV  string             `json:"actions_csv,omitempty"`
	ActionsXLSX string             `json:"actions_xlsx,omitempty"`
	Problems    []reviewin.Problem `json:"-"` // when refused (French, may quote cell values)
}

// ErrReviewRefused is wrapped by ImportReview when the workbook has problems;
// ImportResult.Problems lists them.
var ErrReviewRefused = errors.New("review workbook refused")

// ImportReview reads a filled review workbook, stores its decisions with the
// file's hash, the reviewer and the time, then writes the attestation and the
// actions (CSV and XLSX) to reports/<today>/revue/. Importing the same file
// again changes nothing and returns the outputs of the first import.
func ImportReview(ctx context.Context, st *store.Store, dd *DataDir, file string, o ImportOptions) (ImportResult, error) {
	if o.Limits == (reviewin.Limits{}) {
		o.Limits = reviewin.DefaultLimits()
	}
	data, err := readLimited(file, o.Limits.MaxBytes)
	if err != nil {
		return ImportResult{File: filepath.Base(file)}, err
	}
	return importReviewData(ctx, st, dd, filepath.Base(file), data, o)
}

// importReviewData is ImportReview on a file's content: the inbox reads the
// file once and hands it here.
func importReviewData(ctx context.Context, st *store.Store, dd *DataDir, name string, data []byte, o ImportOptions) (ImportResult, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Limits == (reviewin.Limits{}) {
		o.Limits = reviewin.DefaultLimits()
	}
	res := ImportResult{File: name}
	sum := sha256.Sum256(data)
	res.SHA256 = hex.EncodeToString(sum[:])
	if prev, ok, err := st.ReviewImportBySHA(ctx, res.SHA256); err != nil {
		return res, err
	} else if ok {
		res.Convention, res.Decisions = prev.Convention, prev.Rows
		res.Attestation, res.ActionsCSV, res.ActionsXLSX = prev.Attestation, prev.ActionsCSV, prev.ActionsXLSX
		if prev.Attestation == "" && o.Attestation != nil {
			// Imported before an attestation writer was available: the
			// decisions stay as they are, the missing outputs are written.
			return res, rewriteOutputs(ctx, st, dd, &res, prev, o)
		}
		return res, nil
	}
	key, err := ReviewKey(ctx, dd, st)
	if err != nil {
		return res, err
	}
	ro := reviewin.Options{Limits: o.Limits, Key: key, AcceptUnkeyed: func(id string) bool {
		w, ok, err := st.ReviewWorkbookByID(ctx, id)
		return err == nil && ok && w.Format == model.ReviewFormatUnkeyed
	}}
	wb, err := reviewin.Read(ctx, res.File, data, ro)
	res.Convention = wb.Convention
	var refused *reviewin.RefusedError
	if errors.As(err, &refused) {
		res.Problems = refused.Problems
		if wb.Convention != "" {
			// A return to correct is still a return: the campaign shows it.
			if rerr := st.RecordReviewReturn(ctx, res.SHA256, wb.Convention, wb.WorkbookID, "refused"); rerr != nil {
				return res, rerr
			}
		}
		return res, fmt.Errorf("%s: %d problems: %w", res.File, len(refused.Problems), ErrReviewRefused)
	}
	if err != nil {
		return res, err
	}
	if probs, err := issuedHere(ctx, st, wb); err != nil || len(probs) > 0 {
		if err == nil {
			res.Problems = probs
			err = fmt.Errorf("%s: %d problems: %w", res.File, len(probs), ErrReviewRefused)
		}
		return res, err
	}
	conv, rec, err := conventionOf(ctx, st, wb.Convention)
	if err != nil {
		return res, err
	}
	if probs := unauthorisedChanges(rec, wb.Decisions); len(probs) > 0 {
		res.Problems = probs
		return res, fmt.Errorf("%s: %d problems: %w", res.File, len(probs), ErrReviewRefused)
	}
	now := o.Now()
	imp := store.ReviewImport{SHA256: res.SHA256, Name: res.File, WorkbookID: wb.WorkbookID, Convention: wb.Convention,
		Reviewer: wb.Reviewer, ReviewedOn: wb.ReviewedOn.String(), AsOf: wb.AsOf.String(), ImportedAt: now}
	if res.Imported, err = st.ImportReview(ctx, imp, wb.Decisions); err != nil {
		return res, err
	}
	if err := st.RecordReviewReturn(ctx, res.SHA256, wb.Convention, wb.WorkbookID, "imported"); err != nil {
		return res, err
	}
	res.Decisions = len(wb.Decisions)
	att := model.NewAttestation(conv, wb.Reviewer, wb.ReviewedOn, wb.AsOf, wb.Decisions)
	att.File, att.FileSHA256, att.ProducedOn = res.File, res.SHA256, model.DateOf(now)
	res.Counts = map[string]int{}
	for _, d := range model.Decisions {
		res.Counts[string(d)] = att.Count(d)
	}
	if err := writeImportOutputs(dd, &res, att, model.DateOf(now), o.Attestation); err != nil {
		return res, err
	}
	return res, st.SetReviewOutputs(ctx, res.SHA256, res.Attestation, res.ActionsCSV, res.ActionsXLSX)
}

// issuedHere checks that the workbook is one this data directory issued, for
// the convention it names: a workbook of another Caf, or whose hidden
// convention was changed, is refused as a whole.
func issuedHere(ctx context.Context, st *store.Store, wb reviewin.Result) ([]reviewin.Problem, error) {
	w, ok, err := st.ReviewWorkbookByID(ctx, wb.WorkbookID)
	if err != nil {
		return nil, err
	}
	if !ok || w.Convention != wb.Convention {
		return []reviewin.Problem{{Sheet: model.ReviewSheetSummary, Msg: fmt.Sprintf("ce classeur n'a pas été émis par la Caf pour "+
			"la convention n° %s (classeur d'une autre convention ou d'un autre organisme) : renvoyer le classeur reçu pour cette "+
			"convention, sans le copier ni le modifier.", wb.Convention)}}, nil
	}
	return nil, nil
}

// rewriteOutputs writes the outputs of an earlier import from its stored
// decisions.
func rewriteOutputs(ctx context.Context, st *store.Store, dd *DataDir, res *ImportResult, prev store.ReviewImport, o ImportOptions) error {
	ds, err := st.ReviewDecisions(ctx, prev.SHA256)
	if err != nil {
		return err
	}
	conv, _, err := conventionOf(ctx, st, prev.Convention)
	if err != nil {
		return err
	}
	reviewedOn, _ := model.ParseISODate(prev.ReviewedOn)
	asOf, _ := model.ParseISODate(prev.AsOf)
	att := model.NewAttestation(conv, prev.Reviewer, reviewedOn, asOf, ds)
	now := model.DateOf(o.Now())
	att.File, att.FileSHA256, att.ProducedOn = prev.Name, prev.SHA256, now
	if err := writeImportOutputs(dd, res, att, now, o.Attestation); err != nil {
		return err
	}
	return st.SetReviewOutputs(ctx, res.SHA256, res.Attestation, res.ActionsCSV, res.ActionsXLSX)
}

// writeImportOutputs writes the actions files and, with a writer, the attestation.
func writeImportOutputs(dd *DataDir, res *ImportResult, att model.Attestation, today model.Date, writeAtt AttestationWriter) error {
	dir := reviewDir(today)
	base := fileSafe(att.Convention) + "-" + res.SHA256[:8]
	actions := append(append([]model.Action(nil), att.Removals...), att.Changes...)
	var buf bytes.Buffer
	if err := review.WriteActionsCSV(&buf, actions); err != nil {
		return err
	}
	res.ActionsCSV = path.Join(dir, "actions-"+base+".csv")
	if err := writeFileAtomic(dd.Path(res.ActionsCSV), buf.Bytes()); err != nil {
		return err
	}
	buf.Reset()
	if err := review.WriteActionsXLSX(&buf, att.Convention, actions); err != nil {
		return err
	}
	res.ActionsXLSX = path.Join(dir, "actions-"+base+".xlsx")
	if err := writeFileAtomic(dd.Path(res.ActionsXLSX), buf.Bytes()); err != nil {
		return err
	}
	if writeAtt == nil {
		return nil
	}
	buf.Reset()
	if err := writeAtt(&buf, att); err != nil {
		return fmt.Errorf("attestation of %s: %w", res.File, err)
	}
	res.Attestation = path.Join(dir, "attestation-revue-"+base+".pdf")
	return writeFileAtomic(dd.Path(res.Attestation), buf.Bytes())
}

// conventionOf returns the effective record numbered num (a record with
// only the number when the store does not know it) and its convention.
func conventionOf(ctx context.Context, st *store.Store, num string) (model.Convention, model.Record, error) {
	recs, err := st.EffectiveRecords(ctx)
	if err != nil {
		return model.Convention{}, model.Record{}, err
	}
	for _, r := range recs {
		if r.Convention.Number == num {
			return r.Convention, r, nil
		}
	}
	return model.Convention{Number: num}, model.Record{Convention: model.Convention{Number: num}}, nil
}

// unauthorisedChanges refuses a profile change to a profile the unit's
// bulletin d'adhésion does not authorise: applying it would create a
// « profil non autorisé » finding. Units unknown to the record are not
// checked (the row already carries its own finding).
func unauthorisedChanges(rec model.Record, ds []model.ReviewDecision) []reviewin.Problem {
	var probs []reviewin.Problem
	col, _ := excelize.ColumnNumberToName(model.ReviewColNewProfile + 1)
	for _, d := range ds {
		if d.Decision != model.DecisionChangeProfile {
			continue
		}
		for _, s := range rec.Services {
			if model.Fold(s.Unit) != model.Fold(d.Unit) || model.Fold(s.Service) != model.Fold(d.Service) || s.Quotas.Get(d.NewProfile) > 0 {
				continue
			}
			var allowed []string
			for _, p := range model.Profiles {
				if s.Quotas.Get(p) > 0 {
					allowed = append(allowed, string(p))
				}
			}
			probs = append(probs, reviewin.Problem{Sheet: model.ReviewSheetRows, Row: d.Row,
				Column: col + " « " + model.ReviewColumns[model.ReviewColNewProfile] + " »",
				Msg: fmt.Sprintf("le profil %s n'est pas autorisé pour « %s » par le bulletin d'adhésion (profils autorisés : %s) : choisir un profil autorisé.",
					d.NewProfile, s.Unit, strings.Join(allowed, ", "))})
		}
	}
	return probs
}

// readLimited reads a file, refusing one larger than max bytes.
func readLimited(file string, max int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("read review workbook: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read review workbook %s: %w", file, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("read review workbook %s: larger than %d bytes", file, max)
	}
	return data, nil
}
