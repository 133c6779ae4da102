package review

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// excelizeRow2 writes values on row 2 with excelize's StreamWriter and
// returns the XML of that row and the value excelize reads back in A2.
func excelizeRow2(t *testing.T, height float64, values []any) (row, a2 string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A2", values, excelize.RowOpts{Height: height}); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	xml := zipEntry(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	from, to := strings.Index(xml, `<row r="2"`), strings.Index(xml, `</sheetData>`)
	if from < 0 || to < from {
		t.Fatalf("no row 2 in %s", xml)
	}
	return xml[from:to], readA2(t, buf.Bytes())
}

// streamedA2 writes a workbook whose row 2 is rows' through streamZip, and
// returns the value excelize reads back in A2.
func streamedA2(t *testing.T, rows sheetRows) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellStr("Sheet1", "A1", "en-tête"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		return newStreamZip(&out, map[string]sheetRows{"xl/worksheets/sheet1.xml": rows})
	})
	if _, err := f.WriteToBuffer(); err != nil {
		t.Fatal(err)
	}
	return readA2(t, out.Bytes())
}

func readA2(t *testing.T, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := f.GetCellValue("Sheet1", "A2")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func zipEntry(t *testing.T, b []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	x, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(x)
}

// TestRowEncoderMatchesExcelize: the rows the workbook writer encodes
// itself are, byte for byte, those excelize's StreamWriter writes, and read
// back the same, for values an export may hold (markup, control characters,
// invalid UTF-8, Excel escapes, white space at the ends, overlong text) and
// for dates. One deliberate difference: excelize drops « _xD83D_ » (the
// escape of a lone surrogate) where the encoder keeps the text.
func TestRowEncoderMatchesExcelize(t *testing.T) {
	cases := []struct {
		name, text string
		keeps      bool // excelize loses the text; the encoder must keep it
	}{
		{"empty", "", false},
		{"plain", "u-10000", false},
		{"accents", "Léa Ségur — « Pôle insertion »", false},
		{"markup", `<b>Tom & "Jerry"</b> l'ami`, false},
		{"newlines", "Compte inactif\nComptes en double", false},
		{"spaces", "  Dupont ", false},
		{"edge space", "\nligne", false},
		{"tab and cr", "a\tb\rc", false},
		{"control", "a\x01b\x1fc", false},
		{"bad utf8", "a\xffb\xc3", false},
		{"emoji", "emoji 😀 ok", false},
		{"nonchar", "a\uFFFEb", false},
		{"bstr", "_x0041_ and a_x005F_b and _x005F_x0041_ and _x12_", false},
		{"bstr surrogate", "_xd83d_", true},
		{"overlong", strings.Repeat("é", 40000) + "😀", false},
		{"overlong 2", strings.Repeat("😀", 17000), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			enc := func(e *rowEncoder) error {
				e.startRow(2, 17)
				e.text(0, 3, c.text)
				e.blank(1, 4)
				e.endRow()
				return nil
			}
			var b bytes.Buffer
			e := newRowEncoder(&b)
			enc(e)
			if err := e.flush(); err != nil {
				t.Fatal(err)
			}
			want, wantA2 := excelizeRow2(t, 17, []any{excelize.Cell{StyleID: 3, Value: c.text}, excelize.Cell{StyleID: 4}})
			gotA2 := streamedA2(t, enc)
			if c.keeps {
				wantA2 = c.text
			} else if got := b.String(); got != want {
				t.Errorf("got  %.300q\nwant %.300q", got, want)
			}
			if gotA2 != wantA2 {
				t.Errorf("read back %.100q, want %.100q", gotA2, wantA2)
			}
		})
	}
	for _, d := range []model.Date{model.NewDate(2018, 1, 1), model.NewDate(1900, 3, 1), model.NewDate(2099, 12, 31)} {
		t.Run("date "+d.String(), func(t *testing.T) {
			want, _ := excelizeRow2(t, 47.5, []any{excelize.Cell{StyleID: 8, Value: d.Time()}})
			var b bytes.Buffer
			e := newRowEncoder(&b)
			e.startRow(2, 47.5)
			e.date(0, 8, d)
			e.endRow()
			if err := e.flush(); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}
}

// TestStreamZipErrors: a sheet whose rows were never written, a missing
// sheetData and a failing row source are errors, not a short workbook.
func TestStreamZipErrors(t *testing.T) {
	boom := errors.New("boom")
	rows := func(e *rowEncoder) error { return nil }
	cases := []struct {
		name   string
		inject map[string]sheetRows
		sheet  string // what excelize writes for the entry
		want   string
	}{
		{"entry never created", map[string]sheetRows{"xl/worksheets/sheet9.xml": rows}, "", "sheet9.xml was not written"},
		{"no sheetData", map[string]sheetRows{"xl/worksheets/sheet1.xml": rows}, "<worksheet/>", "no </sheetData>"},
		{"rows fail", map[string]sheetRows{"xl/worksheets/sheet1.xml": func(*rowEncoder) error { return boom }}, "<sheetData></sheetData>", "boom"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			z := newStreamZip(io.Discard, c.inject)
			if c.sheet != "" {
				w, err := z.Create("xl/worksheets/sheet1.xml")
				if err != nil {
					t.Fatal(err)
				}
				io.WriteString(w, c.sheet)
			}
			err := z.Close()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Close: %v, want %q", err, c.want)
			}
		})
	}
}

// TestWriteCancelled: a cancelled context stops the rows and Write fails.
func TestWriteCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rv := model.BuildReview(model.Record{Convention: model.Convention{Number: "1"}},
		[]model.Habilitation{{Account: "a", Status: model.StatusActive}}, nil, model.NewDate(2026, 11, 25))
	if _, err := Write(ctx, io.Discard, rv, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Write: %v, want context.Canceled", err)
	}
}

// failingWriter fails once it has taken limit bytes.
type failingWriter struct{ n, limit int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errors.New("disk full")
	}
	w.n += len(p)
	return len(p), nil
}

// TestWriteFails: a write error of the destination, at the start or while
// the rows are compressed, is Write's error.
func TestWriteFails(t *testing.T) {
	rows := make([]model.Habilitation, 20_000)
	for i := range rows {
		rows[i] = model.Habilitation{Account: fmt.Sprintf("u-%05d", i), LastName: strings.Repeat("Dupont", i%7), Status: model.StatusActive}
	}
	rv := model.BuildReview(model.Record{Convention: model.Convention{Number: "1"}}, rows, nil, model.NewDate(2026, 11, 25))
	for _, limit := range []int{0, 100 << 10} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			w := failingWriter{limit: limit}
			if _, err := Write(context.Background(), &w, rv, nil); err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Errorf("Write: %v, want the writer's error", err)
			}
		})
	}
}
