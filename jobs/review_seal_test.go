package jobs

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// resealUnkeyed rewrites the control of rows (all when nil) with the
// unkeyed algorithm, as someone who read the source could; with oldFormat
// the workbook also claims the format issued before the key.
func resealUnkeyed(x *filler, rows []int, oldFormat bool) {
	x.tb.Helper()
	meta, err := x.f.GetRows(model.ReviewSheetMeta)
	if err != nil {
		x.tb.Fatal(err)
	}
	id := ""
	for i, r := range meta {
		if r[0] == "workbook_id" {
			id = r[1]
		}
		if r[0] == "format" && oldFormat {
			x.set(model.ReviewSheetMeta, 1, i+1, model.ReviewFormatUnkeyed)
		}
	}
	raw, err := x.f.GetRows(model.ReviewSheetRows, excelize.Options{RawCellValue: true})
	if err != nil {
		x.tb.Fatal(err)
	}
	if rows == nil {
		for i := 2; i <= len(raw); i++ {
			rows = append(rows, i)
		}
	}
	seal := model.UnkeyedReviewSealer()
	for _, n := range rows {
		r := raw[n-1]
		var cells [model.ReviewProtectedCount]string
		for i := range cells {
			cells[i] = model.ReviewCellText(r[i])
		}
		for _, c := range []int{model.ReviewColCreated, model.ReviewColLastLogin} {
			if serial, err := strconv.ParseFloat(cells[c], 64); err == nil {
				t, _ := excelize.ExcelDateToTime(serial, false)
				cells[c] = model.DateOf(t).String()
			} else if cells[c] == model.ReviewNever {
				cells[c] = ""
			}
		}
		x.set(model.ReviewSheetRows, model.ReviewColControl, n, seal.Control(id, r[model.ReviewColKey], cells))
	}
}

// TestReviewImportRefusesUnkeyedSeal: rows re-sealed with the public,
// unkeyed algorithm are refused, in the current format or passed off as a
// workbook of the old one; a workbook the store issued in the old format
// is still accepted.
func TestReviewImportRefusesUnkeyedSeal(t *testing.T) {
	ctx := context.Background()
	e, res := mustReviewEnv(t)
	rel := res.Workbooks[0]
	fill := func(t *testing.T) *filler {
		x := openFiller(t, e.dd.Path(rel))
		x.reviewer("Aline Fictive", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
		x.decideAll()
		return x
	}
	importIt := func(t *testing.T, x *filler) (ImportResult, error) {
		p := filepath.Join(t.TempDir(), "revue.xlsx")
		x.save(p)
		return ImportReview(ctx, e.st, e.dd, p, ImportOptions{})
	}
	t.Run("edited row re-sealed", func(t *testing.T) {
		x := fill(t)
		x.set(model.ReviewSheetRows, 1, 3, "NOM-MODIFIÉ")
		resealUnkeyed(x, []int{3}, false)
		imp, err := importIt(t, x)
		if !errors.Is(err, ErrReviewRefused) || imp.Problems[0].Row != 3 || !strings.Contains(imp.Problems[0].Msg, "ligne étrangère") {
			t.Fatalf("re-sealed row: %v %v", err, imp.Problems)
		}
	})
	t.Run("passed off as the old format", func(t *testing.T) {
		x := fill(t)
		x.set(model.ReviewSheetRows, 1, 3, "NOM-MODIFIÉ")
		resealUnkeyed(x, nil, true)
		imp, err := importIt(t, x)
		if !errors.Is(err, ErrReviewRefused) || len(imp.Problems) != 1 || !strings.Contains(imp.Problems[0].Msg, "n'est pas un classeur de revue émis par la Caf") {
			t.Fatalf("old format forged: %v %v", err, imp.Problems)
		}
	})
	t.Run("issued in the old format", func(t *testing.T) {
		x := fill(t)
		resealUnkeyed(x, nil, true)
		if _, err := e.st.DB().ExecContext(ctx, `UPDATE review_workbooks SET format = ?`, model.ReviewFormatUnkeyed); err != nil {
			t.Fatal(err)
		}
		if imp, err := importIt(t, x); err != nil || imp.Decisions == 0 {
			t.Fatalf("workbook issued before the key: %v %v", err, imp.Problems)
		}
	})
}
