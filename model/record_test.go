package model_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"habilitations/model"
)

// TestTruthRecordsValidate checks that every record of the corpus truth files
// decodes, re-encodes byte for byte (field order of records.md) and validates.
func TestTruthRecordsValidate(t *testing.T) {
	files, _ := filepath.Glob("../testdata/corpus/cases/*/*.pdf.truth.json")
	if len(files) == 0 {
		t.Fatal("no truth files found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(`"reason"`)) {
				var rej model.Rejection
				if err := json.Unmarshal(b, &rej); err != nil {
					t.Fatal(err)
				}
				if rej.Reason.Message() == "" {
					t.Errorf("no message for %s", rej.Reason)
				}
				return
			}
			var r model.Record
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&r); err != nil {
				t.Fatal(err)
			}
			out, _ := json.MarshalIndent(r, "", "  ")
			if !bytes.Contains(b, []byte(`"source"`)) {
				// A born-digital truth written before records.md §2b: the
				// two keys it lacks are its defaults.
				out = bytes.Replace(out, []byte(",\n  \"source\": {\n    \"pages\": 0,\n    \"pages_ocr\": 0,\n    \"ocr_confidence\": 0\n  },\n  \"to_verify\": []"), nil, 1)
			}
			if strings.TrimSpace(string(out)) != strings.TrimSpace(string(b)) {
				t.Errorf("round trip differs:\n%s", out)
			}
			if err := model.Validate(r); err != nil {
				t.Errorf("validate: %v", err)
			}
		})
	}
}

func TestValidSIRET(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"26210106600252", true},
		{"26325410637533", true},
		{"26210106600253", false},
		{"2621010660025", false},
		{"35600000000048", true}, // La Poste
		{"abcdefghijklmn", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := model.ValidSIRET(tc.in); got != tc.want {
				t.Errorf("ValidSIRET(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseFrenchDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"- 3 MAI 2017", "2017-05-03"},
		{"3 mai 2017", "2017-05-03"},
		{"03/05/2017", "2017-05-03"},
		{"1er juin 2021", "2021-06-01"},
		{"ler février 2023", "2023-02-01"}, // « 1er » as text recognition reads it
		{"le ier mars 2023", "2023-03-01"},
		{"le 14 septembre 2020", "2020-09-14"},
		{"2017-05-03", "2017-05-03"},
		{"12 Février 2019", "2019-02-12"},
		{"1 er août 2022", "2022-08-01"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			d, err := model.ParseFrenchDate(tc.in)
			if err != nil || d.String() != tc.want {
				t.Errorf("ParseFrenchDate(%q) = %v, %v; want %s", tc.in, d, err, tc.want)
			}
		})
	}
	for _, bad := range []string{"", "31/02/2020", "3 brumaire 2017", "hier"} {
		if _, err := model.ParseFrenchDate(bad); err == nil {
			t.Errorf("ParseFrenchDate(%q) succeeded", bad)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"03 80 44 10 21", "+33380441021"},
		{"03.80.44.81.34", "+33380448134"},
		{"0380448134", "+33380448134"},
		{"+33 3 80 44 81 34", "+33380448134"},
	} {
		if got, ok := model.NormalizePhone(tc.in); !ok || got != tc.want {
			t.Errorf("NormalizePhone(%q) = %q, %v", tc.in, got, ok)
		}
	}
	if got := model.NormalizeNumber("06 / 2017"); got != "06/2017" {
		t.Errorf("NormalizeNumber = %q", got)
	}
	if got := model.NormalizeNumber("N° 2019-014"); got != "2019-014" {
		t.Errorf("NormalizeNumber = %q", got)
	}
	if got := model.Fold("  Centre Communal d’Action  Sociale de CHENÔVE "); got != "centre communal d'action sociale de chenove" {
		t.Errorf("Fold = %q", got)
	}
	if got := model.CleanText("ef\ufb01cace\u00a0 ok"); got != "efficace ok" {
		t.Errorf("CleanText = %q", got)
	}
}

func TestDateArithmetic(t *testing.T) {
	for _, iso := range []string{"0001-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "2026-11-25", "2199-12-31"} {
		d, err := model.ParseISODate(iso)
		if err != nil || d.String() != iso || d.IsZero() {
			t.Errorf("ParseISODate(%q) = %v, %v", iso, d, err)
		}
		if got := model.DateOf(d.Time()); got != d {
			t.Errorf("DateOf(Time()) of %s = %s", iso, got)
		}
	}
	a, b := model.NewDate(2026, 11, 25), model.NewDate(2026, 5, 29)
	if a.DaysSince(b) != 180 || !b.Before(a) || b.AddDays(180) != a {
		t.Errorf("arithmetic: %d days", a.DaysSince(b))
	}
	if (model.Date{}).String() != "" || !(model.Date{}).Time().IsZero() {
		t.Error("zero date")
	}
}
