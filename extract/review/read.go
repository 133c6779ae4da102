package review

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// Limits bound what Read accepts, so that a zip bomb is refused.
type Limits struct {
	MaxBytes       int64 // size of the file
	UnzipSizeLimit int64 // total uncompressed size
	MaxRows        int   // rows of the « Habilitations » sheet
}

// DefaultLimits fit a convention of 200,000 habilitations.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 200 << 20, UnzipSizeLimit: 1 << 30, MaxRows: 200_000}
}

// Options are what Read needs besides the file.
type Options struct {
	Limits Limits
	// Key is the data directory's secret the rows were sealed with
	// (model.NewReviewSealer). A workbook of format model.ReviewFormat is
	// refused without it.
	Key []byte
	// AcceptUnkeyed says whether a workbook of the format issued before the
	// key (model.ReviewFormatUnkeyed) with this workbook id was issued by
	// this data directory; nil refuses them all.
	AcceptUnkeyed func(workbookID string) bool
}

// DefaultOptions are DefaultLimits with key.
func DefaultOptions(key []byte) Options {
	return Options{Limits: DefaultLimits(), Key: key}
}

// ErrNoKey is returned by Read for a keyed workbook when Options.Key is empty.
var ErrNoKey = errors.New("review workbook: no key to check its controls")

// Result is what a filled workbook holds.
type Result struct {
	Format     string
	WorkbookID string
	Convention string
	AsOf       model.Date
	Rows       int // rows the workbook was generated with
	Reviewer   string
	ReviewedOn model.Date
	Decisions  []model.ReviewDecision
}

// Read reads the filled workbook data (named name in messages). A file that
// is not a review workbook gives an error wrapping ErrNotReview; a workbook
// with problems gives the decisions read and a *RefusedError listing them
// all. Read never panics.
func Read(ctx context.Context, name string, data []byte, o Options) (res Result, err error) {
	lim := o.Limits
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("review workbook %s: unreadable (%v): %w", name, r, ErrNotReview)
		}
	}()
	if lim.MaxBytes > 0 && int64(len(data)) > lim.MaxBytes {
		return res, fmt.Errorf("review workbook %s: %d bytes, over the limit of %d: %w", name, len(data), lim.MaxBytes, ErrNotReview)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim.UnzipSizeLimit, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return res, fmt.Errorf("review workbook %s: %v: %w", name, err, ErrNotReview)
	}
	defer f.Close()
	if err := readMeta(f, &res); err != nil {
		return res, fmt.Errorf("review workbook %s: %w", name, err)
	}
	seal, probs, err := sealerOf(res, o)
	if err != nil || len(probs) > 0 {
		if err == nil {
			err = &RefusedError{File: name, Problems: probs}
		}
		return res, fmt.Errorf("review workbook %s: %w", name, err)
	}
	probs = append(probs, readReviewer(f, &res)...)
	rowProbs, err := readRows(ctx, f, &res, lim, seal)
	if err != nil {
		return res, fmt.Errorf("review workbook %s: %w", name, err)
	}
	probs = append(probs, rowProbs...)
	if len(probs) > 0 {
		return res, &RefusedError{File: name, Problems: probs}
	}
	return res, nil
}

// readMeta reads the very hidden control sheet.
func readMeta(f *excelize.File, res *Result) error {
	rows, err := f.GetRows(model.ReviewSheetMeta)
	if err != nil {
		return fmt.Errorf("no control sheet: %w", ErrNotReview)
	}
	meta := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			meta[r[0]] = r[1]
		}
	}
	if meta["format"] != model.ReviewFormat && meta["format"] != model.ReviewFormatUnkeyed {
		return fmt.Errorf("format %q, want %q: %w", meta["format"], model.ReviewFormat, ErrNotReview)
	}
	res.Format, res.WorkbookID, res.Convention = meta["format"], meta["workbook_id"], meta["convention"]
	res.AsOf, _ = model.ParseISODate(meta["as_of"])
	res.Rows, err = strconv.Atoi(meta["rows"])
	if err != nil || res.WorkbookID == "" || res.Convention == "" {
		return fmt.Errorf("control sheet damaged: %w", ErrNotReview)
	}
	return nil
}

// sealerOf returns the sealer that checks the rows of a workbook of
// res.Format: the keyed one, or for a workbook issued before the key, the
// unkeyed one when o accepts that workbook. A workbook of the old format
// that this data directory did not issue is refused: otherwise anyone could
// re-seal an edited row by writing it in the old format.
func sealerOf(res Result, o Options) (*model.ReviewSealer, []Problem, error) {
	if res.Format == model.ReviewFormat {
		if len(o.Key) == 0 {
			return nil, nil, ErrNoKey
		}
		return model.NewReviewSealer(o.Key), nil, nil
	}
	if o.AcceptUnkeyed != nil && o.AcceptUnkeyed(res.WorkbookID) {
		return model.UnkeyedReviewSealer(), nil, nil
	}
	return nil, []Problem{{Sheet: model.ReviewSheetRows, Msg: "ce classeur n'est pas un classeur de revue émis par la Caf " +
		"(modèle ancien ou modifié) : renvoyer le classeur tel qu'il a été reçu, ou demander à la Caf un nouveau classeur."}}, nil
}

// readReviewer reads the reviewer's name and the review date of « Synthèse ».
func readReviewer(f *excelize.File, res *Result) []Problem {
	sh := model.ReviewSheetSummary
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		return []Problem{{Sheet: sh, Msg: "onglet absent ou illisible : renvoyer le classeur tel qu'il a été reçu."}}
	}
	var probs []Problem
	valueCol, _ := excelize.ColumnNumberToName(model.ReviewSummaryValueCol + 1)
	found := map[string]bool{}
	for i, r := range rows {
		if len(r) == 0 {
			continue
		}
		val := ""
		if len(r) > model.ReviewSummaryValueCol {
			val = strings.TrimSpace(r[model.ReviewSummaryValueCol])
		}
		switch r[0] {
		case model.ReviewReviewerLabel:
			found[r[0]] = true
			res.Reviewer = model.CleanText(val)
			if res.Reviewer == "" {
				probs = append(probs, Problem{Sheet: sh, Row: i + 1, Column: valueCol, Msg: "le nom et la fonction du relecteur ne sont pas renseignés."})
			}
		case model.ReviewDateLabel:
			found[r[0]] = true
			d, ok := CellDate(val)
			if !ok {
				msg := "la date de la revue n'est pas renseignée."
				if val != "" {
					msg = fmt.Sprintf("la date de la revue « %s » n'est pas une date (écrire JJ/MM/AAAA).", val)
				}
				probs = append(probs, Problem{Sheet: sh, Row: i + 1, Column: valueCol, Msg: msg})
			}
			res.ReviewedOn = d
		}
	}
	for _, l := range []string{model.ReviewReviewerLabel, model.ReviewDateLabel} {
		if !found[l] {
			probs = append(probs, Problem{Sheet: sh, Msg: fmt.Sprintf("la case « %s » a disparu : renvoyer le classeur tel qu'il a été reçu.", l)})
		}
	}
	return probs
}

// CellDate reads a date cell: a serial number, or text in a French form
// (the verification workbook's reader reads its date the same way).
func CellDate(v string) (model.Date, bool) {
	if v == "" {
		return model.Date{}, false
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if n < 1 || n > 2958465 {
			return model.Date{}, false
		}
		t, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			return model.Date{}, false
		}
		return model.DateOf(t), true
	}
	d, err := model.ParseFrenchDate(v)
	return d, err == nil
}
