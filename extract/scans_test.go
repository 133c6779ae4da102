package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"habilitations/extract/ocr"
	"habilitations/model"
)

// The scans of testdata/scans (made by make-scans.sh from the corpus) are
// read to their twin's record: every value exact, or listed in to_verify
// (records.md §2b: a wrong value unlisted is the worst outcome). Set
// HABILITATIONS_SCANS to a folder of scans made by make-scans.sh to run the
// whole scanned corpus (the long run; see README).

// mustOCR returns the engine, skipping without Tesseract (failing in CI).
func mustOCR(tb testing.TB) *ocr.Engine {
	tb.Helper()
	e, err := ocr.Find(0)
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("text recognition in CI: %v", err)
		}
		tb.Skip(err)
	}
	return e
}

// twinTruth finds the corpus truth of a scan named <twin>.<variant>.pdf.
func twinTruth(tb testing.TB, scan string) model.Record {
	tb.Helper()
	twin, _, _ := strings.Cut(filepath.Base(scan), ".")
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "corpus", "cases", "*", twin+".pdf.truth.json"))
	if len(files) != 1 {
		tb.Fatalf("%s: no twin %s in the corpus", scan, twin)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		tb.Fatal(err)
	}
	var r model.Record
	if err := json.Unmarshal(b, &r); err != nil {
		tb.Fatal(err)
	}
	return r
}

// values lists a record's values by their record path, as to_verify names
// them.
func values(r model.Record) map[string]string {
	out := map[string]string{}
	for _, f := range recordFields(r) {
		out[f.path] = f.value
	}
	for i, sv := range r.Services {
		for _, p := range model.Profiles {
			out[fmt.Sprintf("services[%d].quotas.%s", i, p)] = strconv.Itoa(sv.Quotas.Get(p))
		}
	}
	out["contacts"] = strconv.Itoa(len(r.Contacts))
	out["services"] = strconv.Itoa(len(r.Services))
	return out
}

// aligned orders want's contacts as got's (same side and role, most fields
// equal), so that paths name the same person in both.
func aligned(want, got model.Record) model.Record {
	used := make([]bool, len(want.Contacts))
	var out []model.Contact
	for _, g := range got.Contacts {
		best, score := -1, -1
		for j, w := range want.Contacts {
			if used[j] || w.Side != g.Side || w.Role != g.Role {
				continue
			}
			s := 0
			for _, eq := range []bool{w.Name == g.Name, w.Email == g.Email, w.Phone == g.Phone} {
				if eq {
					s++
				}
			}
			if s > score {
				best, score = j, s
			}
		}
		if best >= 0 {
			used[best] = true
			out = append(out, want.Contacts[best])
		} else {
			out = append(out, model.Contact{})
		}
	}
	want.Contacts = out
	return want
}

// scanScore compares a record read from a scan with its twin's: values
// exact, wrong but listed, and wrong unlisted (the failures).
type scanScore struct {
	exact, listed, values int
	unlisted              []string
}

func score(want, got model.Record) scanScore {
	listed := map[string]bool{}
	for _, v := range got.ToVerify {
		listed[v.Field] = true
	}
	var s scanScore
	w, g := values(aligned(want, got)), values(got)
	keys := make([]string, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s.values++
		switch {
		case sameValue(k, w[k], g[k]):
			s.exact++
		case listed[k]:
			s.listed++
		default:
			s.unlisted = append(s.unlisted, fmt.Sprintf("%s: %q, want %q", k, g[k], w[k]))
		}
	}
	return s
}

// sameValue compares as records.md says comparisons go: typographic
// apostrophes and dashes are the same.
func sameValue(path, a, b string) bool {
	return model.Fold(a) == model.Fold(b) && (strings.Contains(path, "name") || strings.Contains(path, "address") ||
		strings.Contains(path, "title") || strings.Contains(path, "representative") || strings.Contains(path, "unit") || a == b)
}

func TestScans(t *testing.T) {
	engine := mustOCR(t)
	var files []string
	if dir := os.Getenv("HABILITATIONS_SCANS"); dir != "" {
		files, _ = filepath.Glob(filepath.Join(dir, "*"))
	} else {
		files, _ = filepath.Glob(filepath.Join("..", "testdata", "scans", "*.*"))
	}
	x := Extractor{OCR: engine}
	var total scanScore
	for _, f := range files {
		if strings.HasSuffix(f, ".sh") || strings.HasSuffix(f, ".py") || strings.HasSuffix(f, ".md") || strings.Contains(f, ".150-poor.") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := x.Extract(context.Background(), filepath.Base(f), data)
			if err != nil {
				t.Fatalf("not read: %v", err)
			}
			s := score(twinTruth(t, f), got)
			total.exact, total.listed, total.values = total.exact+s.exact, total.listed+s.listed, total.values+s.values
			total.unlisted = append(total.unlisted, s.unlisted...)
			t.Logf("%d values: %d exact (%.1f %%), %d wrong and listed, %d wrong unlisted; %d listed in all; source %+v",
				s.values, s.exact, 100*float64(s.exact)/float64(s.values), s.listed, len(s.unlisted), len(got.ToVerify), got.Source)
			for _, u := range s.unlisted {
				t.Errorf("wrong and not listed: %s", u)
			}
		})
	}
	if total.values > 0 {
		t.Logf("all scans: %d values, %.1f %% exact, %d wrong and listed, %d wrong unlisted",
			total.values, 100*float64(total.exact)/float64(total.values), total.listed, len(total.unlisted))
	}
}

// TestScanBlankOrUnrelated: a blank page, or a scan of something else, is
// rejected with a French motif saying what to send instead.
func TestScanBlankOrUnrelated(t *testing.T) {
	engine := mustOCR(t)
	x := Extractor{OCR: engine}
	blank := image.NewGray(image.Rect(0, 0, 1654, 2339))
	for i := range blank.Pix {
		blank.Pix[i] = 0xFF
	}
	var blankPNG bytes.Buffer
	if err := png.Encode(&blankPNG, blank); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
		want model.Reason
	}{{"blank.png", blankPNG.Bytes(), model.ReasonNoText}}
	if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
		out, err := exec.Command(pdftoppm, "-r", "200", "-gray", "-png", "-singlefile",
			filepath.Join("..", "testdata", "corpus", "cases", "90-rejets", "facture-2026-0412.pdf")).Output()
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct {
			name string
			data []byte
			want model.Reason
		}{"facture.png", out, model.ReasonNotConvention})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := x.Extract(context.Background(), c.name, c.data)
			rej := model.NewRejection(c.name, err)
			if err == nil || rej.Reason != c.want || !strings.Contains(strings.ToLower(rej.Message), "demander") {
				t.Fatalf("%v: %+v", err, rej)
			}
		})
	}
}
