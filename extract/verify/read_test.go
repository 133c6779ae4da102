package verify_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/extract/review"
	"habilitations/extract/verify"
	"habilitations/model"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

// handRow is a row of a hand-made verification workbook: its value to
// verify and what the clerk typed.
type handRow struct {
	item  model.ToVerify
	typed string
}

// mustWorkbook builds, with excelize alone, a verification workbook as the
// writer lays it out (model/verification.go), sealed with testKey, then
// lets edit change it.
func mustWorkbook(tb testing.TB, rows []handRow, edit func(f *excelize.File)) []byte {
	tb.Helper()
	f := excelize.NewFile()
	sh := model.VerificationSheet
	f.SetSheetName("Sheet1", sh)
	f.NewSheet(model.VerificationSheetMeta)
	const id = "V-0011223344556677"
	for i, kv := range [][2]any{{"format", model.VerificationFormat}, {"workbook_id", id}, {"document_sha256", strings.Repeat("ab", 32)},
		{"convention", "04/2018"}, {"rows", len(rows)}} {
		f.SetSheetRow(model.VerificationSheetMeta, "A"+string(rune('1'+i)), &[]any{kv[0], kv[1]})
	}
	f.SetCellValue(sh, model.VerificationVerifierCell, "Agent de la Caf")
	f.SetCellValue(sh, model.VerificationDateCell, "02/12/2026")
	seal := model.NewReviewSealer(testKey)
	for i, r := range rows {
		row := model.VerificationHeaderRow + 1 + i
		cells := model.VerificationCells(model.Record{}, i+1, r.item)
		vals := make([]any, 0, len(model.VerificationColumns))
		for _, c := range cells {
			vals = append(vals, c)
		}
		vals = append(vals, "", r.typed, "", r.item.Field, seal.ControlCells(id, r.item.Field, cells))
		cell, _ := excelize.CoordinatesToCellName(1, row)
		f.SetSheetRow(sh, cell, &vals)
	}
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

var quota = model.ToVerify{Field: "services[0].quotas.T1", Value: 28, Page: 11, Confidence: 0.7, Reason: model.VerifyLowConfidence}
var email = model.ToVerify{Field: "contacts[1].email", Value: "chertin@ccas-beaune.fr", Page: 9, Confidence: 0.6, Reason: model.VerifyLowConfidence}

func TestRead(t *testing.T) {
	tests := []struct {
		name     string
		rows     []handRow
		edit     func(f *excelize.File)
		checked  []any
		problems []string
	}{
		{"checked", []handRow{{quota, "20"}, {email, " CBertin@ccas-beaune.fr "}}, nil, []any{20, "cbertin@ccas-beaune.fr"}, nil},
		{"one left blank", []handRow{{quota, ""}, {email, "cbertin@ccas-beaune.fr"}}, nil, []any{"cbertin@ccas-beaune.fr"}, nil},
		{"value read edited", []handRow{{quota, "20"}}, func(f *excelize.File) { f.SetCellValue(model.VerificationSheet, "C13", "25") },
			nil, []string{"ligne 13, colonne C (Valeur lue)"}},
		{"invalid quota", []handRow{{quota, "2O"}}, nil, nil, []string{"colonne H (Valeur vérifiée) : « 2O »"}},
		{"row deleted", []handRow{{quota, "20"}, {email, "x@y.fr"}}, func(f *excelize.File) { f.RemoveRow(model.VerificationSheet, 14) },
			nil, []string{"émis avec 2 lignes, 1 ont été retrouvées"}},
		{"no date", []handRow{{quota, "20"}}, func(f *excelize.File) { f.SetCellValue(model.VerificationSheet, "C9", "") },
			nil, []string{"ligne 9, colonne C : la date de la vérification n'est pas renseignée"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := verify.Read("v.xlsx", mustWorkbook(t, tt.rows, tt.edit), testKey)
			var refused *review.RefusedError
			if len(tt.problems) > 0 {
				if !errors.As(err, &refused) {
					t.Fatalf("err = %v, want refused", err)
				}
				var all []string
				for _, p := range refused.Problems {
					all = append(all, p.String())
				}
				for _, w := range tt.problems {
					if !strings.Contains(strings.Join(all, "\n"), w) {
						t.Errorf("problems lack %q:\n%s", w, strings.Join(all, "\n"))
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []any
			for _, c := range res.Checked {
				got = append(got, c.Value)
			}
			if len(got) != len(tt.checked) || (len(got) > 0 && got[0] != tt.checked[0]) || res.Verifier != "Agent de la Caf" ||
				res.VerifiedOn != model.NewDate(2026, 12, 2) {
				t.Errorf("checked %v (want %v), verifier %q, on %s", got, tt.checked, res.Verifier, res.VerifiedOn)
			}
		})
	}
}

func TestReadOtherFiles(t *testing.T) {
	plain := excelize.NewFile()
	var buf bytes.Buffer
	plain.WriteTo(&buf)
	for name, data := range map[string][]byte{"empty": nil, "text": []byte("a;b\n"), "plain workbook": buf.Bytes()} {
		t.Run(name, func(t *testing.T) {
			if _, err := verify.Read("x.xlsx", data, testKey); !errors.Is(err, verify.ErrNotVerification) {
				t.Errorf("err = %v", err)
			}
			if verify.IsVerification(data) {
				t.Error("taken for a verification workbook")
			}
		})
	}
	if !verify.IsVerification(mustWorkbook(t, []handRow{{quota, ""}}, nil)) {
		t.Error("a verification workbook not recognised")
	}
}

// FuzzRead checks that Read never panics nor hangs on any bytes.
func FuzzRead(f *testing.F) {
	f.Add(mustWorkbook(f, []handRow{{quota, "20"}, {email, "a@b.fr"}}, nil))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		verify.Read("fuzz.xlsx", data, testKey)
	})
}
