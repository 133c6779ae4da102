package jobs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"pgregory.net/rapid"

	reviewin "habilitations/extract/review"
	"habilitations/model"
	"habilitations/model/modeltest"
	"habilitations/report/review"
)

// The review workbook's protected cells must come back as they were written
// whatever they hold, and whoever saved the workbook: issue #10 (a unit
// label with doubled spaces made every filled workbook « modifié »).

var cellsTestKey = []byte("jobs review cell tests: not a real secret")

// nastyPieces are what partners' exports and spreadsheets really hold.
var nastyPieces = []string{
	" ", "  ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u202f", "\u2028", "0", "00123", "=SOMME(A1)", "+33 3 80", "-1", "@x",
	"😀", "👩‍👩‍👧", "&<>\"'", "2024-01-01", "01/02/2026", "1e5", "3.50", "TRUE", "_x0041_", "_x005F_", "e\u0301", "\x01", "\x7f",
	"\u0085", "\ufeff", "Service  social général ", "Œuvre d’accueil – Pôle", "\"quoted\"", "'apostrophe", "#N/A",
}

// nastyCell draws a cell's text: pieces joined, or any string at all.
func nastyCell() *rapid.Generator[string] {
	return rapid.OneOf(
		rapid.Custom(func(t *rapid.T) string {
			return strings.Join(rapid.SliceOfN(rapid.SampledFrom(nastyPieces), 1, 6).Draw(t, "pieces"), "")
		}),
		rapid.String(),
		rapid.StringOfN(rapid.RuneFrom([]rune(" \t\n\r\u00a0aZé€😀=+-@<>&\"'0_\x01\u2028")), 0, 40, -1),
	)
}

// cellsCase is a review whose rows' text cells were drawn, and the
// reviewer's name (also any text).
type cellsCase struct {
	rv       model.Review
	reviewer string
}

// GoString keeps rapid's report of a failing case readable.
func (c cellsCase) GoString() string {
	var b strings.Builder
	fmt.Fprintf(&b, "reviewer %.60q;", c.reviewer)
	for _, r := range c.rv.Rows {
		fmt.Fprintf(&b, " row %.60q %.60q %.60q %.60q %.60q %.60q %.60q %.60q %.60q;", r.Account, r.LastName, r.FirstName, r.Email,
			r.Unit, r.Service, r.Role, r.Status, r.Reason)
	}
	return b.String()
}

// cellsCases draws a review of a few rows whose every text cell is drawn;
// the occasional very long cell checks the 32,767-unit cut.
func cellsCases() *rapid.Generator[cellsCase] {
	return rapid.Custom(func(t *rapid.T) cellsCase {
		rv := modeltest.Review(rapid.IntRange(1, 6).Draw(t, "rows"))
		rv.Rows = append([]model.ReviewRow(nil), rv.Rows...)
		for i := range rv.Rows {
			r := &rv.Rows[i]
			for _, f := range []*string{&r.Account, &r.LastName, &r.FirstName, &r.Email, &r.Unit, &r.Service, &r.Role, &r.Status, &r.Reason} {
				*f = nastyCell().Draw(t, "cell")
			}
		}
		if rapid.IntRange(0, 9).Draw(t, "long") == 0 {
			rv.Rows[0].Reason = strings.Repeat("Motif très long ; ", 2000)
		}
		return cellsCase{rv: rv, reviewer: nastyCell().Filter(func(s string) bool {
			// The reviewer types a name: any text a cell can hold.
			return model.CleanText(s) != "" && model.ReviewCellText(s) == s && !strings.Contains(s, "_x")
		}).Draw(t, "reviewer")}
	})
}

// mustWriteCase writes the case's workbook and returns it with its manifest.
func mustWriteCase(tb failer, c cellsCase) ([]byte, review.Manifest) {
	tb.Helper()
	var buf bytes.Buffer
	m, err := review.Write(context.Background(), &buf, c.rv, nil, cellsTestKey)
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), m
}

// decisionFor is the decision a reviewer following the recommendation
// fills, and whether it needs a justification.
func decisionFor(v model.Verdict) (model.Decision, bool) {
	switch v {
	case model.VerdictRemove:
		return model.DecisionRemove, false
	case model.VerdictCheck:
		return model.DecisionKeep, true
	}
	return model.DecisionKeep, false
}

// fillWithExcelize fills every decision and the reviewer's cells of a
// workbook with excelize, as a reviewer's spreadsheet would.
func fillWithExcelize(tb failer, data []byte, c cellsCase) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	x := &filler{tb, f}
	x.reviewer(c.reviewer, time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	for i, r := range c.rv.Rows {
		d, justify := decisionFor(r.Verdict)
		x.set(model.ReviewSheetRows, model.ReviewColDecision, i+2, string(d))
		if justify {
			x.set(model.ReviewSheetRows, model.ReviewColJustification, i+2, "Vérifié avec le service.")
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

// checkImported reads a filled workbook back and checks that it is accepted
// with exactly the decisions filled, on rows equal to those written.
func checkImported(tb failer, name string, data []byte, c cellsCase) {
	tb.Helper()
	res, err := reviewin.Read(context.Background(), name, data, reviewin.DefaultOptions(cellsTestKey))
	if err != nil {
		var refused *reviewin.RefusedError
		if errors.As(err, &refused) {
			tb.Fatalf("%s refused:\n%s", name, strings.Join(problemLines(refused.Problems), "\n"))
		}
		tb.Fatalf("%s: %v", name, err)
	}
	if res.Reviewer != model.CleanText(c.reviewer) {
		tb.Errorf("%s: reviewer %q, want %q", name, res.Reviewer, model.CleanText(c.reviewer))
	}
	if len(res.Decisions) != len(c.rv.Rows) {
		tb.Fatalf("%s: %d decisions for %d rows", name, len(res.Decisions), len(c.rv.Rows))
	}
	for i, d := range res.Decisions {
		r := c.rv.Rows[i]
		want, _ := decisionFor(r.Verdict)
		got := [...]string{d.Account, d.LastName, d.FirstName, d.Email, d.Unit, d.Service, d.RecommendationReason, string(d.Decision), d.Key}
		exp := [...]string{r.Account, r.LastName, r.FirstName, r.Email, r.Unit, r.Service, r.Reason, string(want), r.Key}
		for j := range got {
			if j < 7 {
				exp[j] = model.ReviewCellText(exp[j])
			}
			if got[j] != exp[j] {
				tb.Errorf("%s: row %d, value %d: %.60q, want %.60q", name, i+2, j, got[j], exp[j])
			}
		}
	}
}

func problemLines(ps []reviewin.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// TestPropReviewCellsRoundTrip: a workbook written with any cell text,
// filled and saved by excelize, is accepted with exactly its decisions.
func TestPropReviewCellsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := cellsCases().Draw(t, "case")
		data, _ := mustWriteCase(t, c)
		checkImported(t, "revue.xlsx", fillWithExcelize(t, data, c), c)
	})
}

// TestPropReviewCellEditCaught: any change of a protected text cell is
// named, by row and column.
func TestPropReviewCellEditCaught(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := cellsCases().Draw(t, "case")
		data, _ := mustWriteCase(t, c)
		filled := fillWithExcelize(t, data, c)
		row := rapid.IntRange(0, len(c.rv.Rows)-1).Draw(t, "row")
		col := rapid.SampledFrom([]int{0, 1, 2, 3, 4, 5, 7, 8, 13}).Draw(t, "column")
		f, err := excelize.OpenReader(bytes.NewReader(filled))
		if err != nil {
			t.Fatal(err)
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, row+2)
		old, _ := f.GetCellValue(model.ReviewSheetRows, cell, excelize.Options{RawCellValue: true})
		edit := nastyCell().Filter(func(s string) bool { return model.ReviewCellText(s) != model.ReviewCellText(old) }).Draw(t, "edit")
		if err := f.SetCellStr(model.ReviewSheetRows, cell, edit); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if _, err := f.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		f.Close()
		res, err := reviewin.Read(context.Background(), "revue.xlsx", out.Bytes(), reviewin.DefaultOptions(cellsTestKey))
		var refused *reviewin.RefusedError
		if !errors.As(err, &refused) {
			// Each cell's tag has 16 bits: one edit in 65,536 goes
			// unnoticed (model.ReviewSealer), which rapid does meet.
			if err == nil && cellTagsCollide(res.WorkbookID, c.rv.Rows[row].Key, col, old, mustCellValue(t, out.Bytes(), cell)) {
				return
			}
			t.Fatalf("edit of %s (%.40q → %.40q) not caught: %v", cell, old, edit, err)
		}
		want := fmt.Sprintf("onglet « %s », ligne %d, colonne %s", model.ReviewSheetRows, row+2, strings.SplitN(cell, fmt.Sprint(row+2), 2)[0])
		for _, p := range refused.Problems {
			if strings.HasPrefix(p.String(), want) && strings.Contains(p.Msg, "cellule protégée modifiée") {
				return
			}
		}
		t.Fatalf("edit of %s not named: %v", cell, problemLines(refused.Problems))
	})
}

// mustCellValue is the text of a cell of the rows sheet as a reader gets it
// (excelize writes a control character as U+FFFD).
func mustCellValue(t *rapid.T, data []byte, cell string) string {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := f.GetCellValue(model.ReviewSheetRows, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// cellTagsCollide reports whether cell col of row key holds the same tag
// in its control whether it reads before or after.
func cellTagsCollide(workbookID, key string, col int, before, after string) bool {
	s := model.NewReviewSealer(cellsTestKey)
	tag := func(v string) string {
		var cells [model.ReviewProtectedCount]string
		cells[col] = model.ReviewCellText(v)
		return s.Control(workbookID, key, cells)[8+4*col:][:4]
	}
	return tag(before) == tag(after)
}

// resaveCases are the workbooks the other programs re-save: drawn from
// cellsCases by seed (rapid's generators, without its shrinking: each
// program is started once for the whole batch).
func resaveCases(tb testing.TB, dir string, n int) ([]cellsCase, []string) {
	tb.Helper()
	cases := make([]cellsCase, n)
	paths := make([]string, n)
	for i := range cases {
		cases[i] = cellsCases().Example(i)
		cases[i].reviewer = "Aline Fictive, administratrice"
		paths[i] = filepath.Join(dir, fmt.Sprintf("revue-%02d.xlsx", i))
	}
	return cases, paths
}

// TestReviewCellsResavedByOtherPrograms: workbooks with drawn cell text,
// filled with excelize then re-saved by LibreOffice Calc, or filled and
// saved by Python's openpyxl, are accepted with exactly their decisions.
func TestReviewCellsResavedByOtherPrograms(t *testing.T) {
	const n = 16
	t.Run("libreoffice", func(t *testing.T) {
		soffice := mustTool(t, "soffice")
		dir := t.TempDir()
		cases, paths := resaveCases(t, dir, n)
		for i, c := range cases {
			data, _ := mustWriteCase(t, c)
			if err := os.WriteFile(paths[i], fillWithExcelize(t, data, c), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(dir, "calc")
		args := append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
			"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out}, paths...)
		if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
			t.Fatalf("libreoffice: %v\n%s", err, b)
		}
		for i, c := range cases {
			checkImported(t, "calc/"+filepath.Base(paths[i]), mustRead(t, filepath.Join(out, filepath.Base(paths[i]))), c)
		}
	})
	t.Run("openpyxl", func(t *testing.T) {
		python := mustOpenpyxl(t)
		dir := t.TempDir()
		cases, paths := resaveCases(t, dir, n)
		args := []string{filepath.Join("testdata", "openpyxl_fill.py"), cases[0].reviewer}
		for i, c := range cases {
			data, _ := mustWriteCase(t, c)
			if err := os.WriteFile(paths[i], data, 0o600); err != nil {
				t.Fatal(err)
			}
			args = append(args, paths[i], paths[i]+".filled.xlsx")
		}
		if b, err := exec.Command(python, args...).CombinedOutput(); err != nil {
			t.Fatalf("openpyxl: %v\n%s", err, b)
		}
		for i, c := range cases {
			checkImported(t, "openpyxl/"+filepath.Base(paths[i]), mustRead(t, paths[i]+".filled.xlsx"), c)
		}
	})
}

// mustTool finds a program, skipping the test without it (failing in CI,
// whose .ci/run installs it).
func mustTool(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%s not on PATH in CI", name)
		}
		tb.Skipf("%s not on PATH", name)
	}
	return p
}

// mustOpenpyxl finds a Python with openpyxl (Debian's python3-openpyxl is
// /usr/bin/python3's, which another python3 on PATH may hide).
func mustOpenpyxl(tb testing.TB) string {
	tb.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		tb.Fatal("no python3 with openpyxl in CI")
	}
	tb.Skip("no python3 with openpyxl")
	return ""
}
