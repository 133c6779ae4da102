// Package verify reads a filled verification workbook back (bytes in,
// checked values out): each row's seal is checked, and every edited cell,
// foreign or missing row and invalid value is reported with its row and
// column, in French, as the review workbook's reader does. The layout is
// model/verification.go, written by report/verify.
package verify

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"habilitations/extract/review"
	"habilitations/model"
)

// ErrNotVerification is wrapped by Read when the file is not a verification
// workbook issued by the pipeline.
var ErrNotVerification = errors.New("not a verification workbook")

// Checked is one value a person checked: the field, the value read from the
// scan and the value typed, normalised (model.CheckedValue).
type Checked struct {
	Row       int
	Field     string
	ValueRead string
	Value     any
	Note      string
}

// Result is what a filled verification workbook holds.
type Result struct {
	WorkbookID  string
	DocumentSHA string
	Convention  string
	Rows        int // rows the workbook was issued with
	Verifier    string
	VerifiedOn  model.Date
	Checked     []Checked
	Unchecked   int // rows left blank: their values stay to verify
}

// maxBytes bounds the file: a verification workbook holds a few dozen rows
// and their pictures.
const maxBytes = 50 << 20

// Read reads the filled workbook data (named name in messages) sealed with
// key. A file that is not a verification workbook gives an error wrapping
// ErrNotVerification; one with problems gives a *review.RefusedError
// listing them all (nothing of it may be applied). Read never panics.
func Read(name string, data []byte, key []byte) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("verification workbook %s: unreadable (%v): %w", name, r, ErrNotVerification)
		}
	}()
	f, err := open(data)
	if err != nil {
		return res, fmt.Errorf("verification workbook %s: %v: %w", name, err, ErrNotVerification)
	}
	defer f.Close()
	if err := readMeta(f, &res); err != nil {
		return res, fmt.Errorf("verification workbook %s: %w", name, err)
	}
	if len(key) == 0 {
		return res, fmt.Errorf("verification workbook %s: no key to check its controls", name)
	}
	probs := readRows(f, &res, model.NewReviewSealer(key))
	probs = append(probs, readVerifier(f, &res)...)
	if len(probs) > 0 {
		return res, &review.RefusedError{File: name, Problems: probs}
	}
	return res, nil
}

// IsVerification reports whether data is a verification workbook (its
// control sheet says so), without reading its rows: the inbox routes a
// workbook by it.
func IsVerification(data []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	f, err := open(data)
	if err != nil {
		return false
	}
	defer f.Close()
	return readMeta(f, &Result{}) == nil
}

// open opens a workbook within the size limits a zip bomb would pass.
func open(data []byte) (*excelize.File, error) {
	if len(data) > maxBytes {
		return nil, fmt.Errorf("%d bytes, over the limit of %d", len(data), maxBytes)
	}
	return excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 16 << 20})
}

// readMeta reads the very hidden control sheet.
func readMeta(f *excelize.File, res *Result) error {
	rows, err := f.GetRows(model.VerificationSheetMeta)
	if err != nil {
		return fmt.Errorf("no control sheet: %w", ErrNotVerification)
	}
	meta := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			meta[r[0]] = r[1]
		}
	}
	if meta["format"] != model.VerificationFormat {
		return fmt.Errorf("format %q, want %q: %w", meta["format"], model.VerificationFormat, ErrNotVerification)
	}
	res.WorkbookID, res.DocumentSHA, res.Convention = meta["workbook_id"], meta["document_sha256"], meta["convention"]
	res.Rows, err = strconv.Atoi(meta["rows"])
	if err != nil || res.WorkbookID == "" || res.DocumentSHA == "" {
		return fmt.Errorf("control sheet damaged: %w", ErrNotVerification)
	}
	return nil
}

// readVerifier reads who checked and when; both are needed as soon as one
// value is filled (the history says who vouched for it).
func readVerifier(f *excelize.File, res *Result) []review.Problem {
	sh := model.VerificationSheet
	who, _ := f.GetCellValue(sh, model.VerificationVerifierCell, excelize.Options{RawCellValue: true})
	when, _ := f.GetCellValue(sh, model.VerificationDateCell, excelize.Options{RawCellValue: true})
	res.Verifier = model.CleanText(who)
	d, ok := review.CellDate(strings.TrimSpace(when))
	res.VerifiedOn = d
	if len(res.Checked) == 0 {
		return nil
	}
	var probs []review.Problem
	if res.Verifier == "" {
		probs = append(probs, review.Problem{Sheet: sh, Row: 8, Column: "C", Msg: "le nom de la personne qui a vérifié n'est pas renseigné."})
	}
	if !ok {
		msg := "la date de la vérification n'est pas renseignée."
		if strings.TrimSpace(when) != "" {
			msg = fmt.Sprintf("la date de la vérification « %s » n'est pas une date (écrire JJ/MM/AAAA).", when)
		}
		probs = append(probs, review.Problem{Sheet: sh, Row: 9, Column: "C", Msg: msg})
	}
	return probs
}
