package jobs

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// scanCase is the corpus dossier the verification tests pretend was read
// from a scan: its record as read holds three values to verify, two of them
// misread; checking them gives back the corpus truth exactly.
var testAsOf = model.NewDate(2026, 12, 2)

const scanCase = "01-cotedor-ccas-beaune/convention-04-2018-ccas-beaune.pdf"

// misread are the values to verify of the scanned record: the truth, and
// what recognition read.
var misread = []struct {
	field string
	read  any
	typed string // what the clerk types in « Valeur vérifiée »
}{
	{"contacts[1].email", "chertin@ccas-beaune.fr", "cbertin@ccas-beaune.fr"},
	{"services[0].quotas.T1", 28, "20"},
	{"convention.partner.siret", "", ""}, // read right, low confidence: typed as printed (filled below)
}

// scanExtractor answers the corpus truth, but for scanCase a record as a
// scan would give it: misread values, listed in to_verify with pictures.
type scanExtractor struct {
	*truthExtractor
	scan []byte
}

func (x scanExtractor) Extract(ctx context.Context, name string, data []byte) (model.Record, error) {
	rec, err := x.truthExtractor.Extract(ctx, name, data)
	if err != nil || !bytes.Equal(data, x.scan) {
		return rec, err
	}
	rec.Source = model.Source{Pages: 20, PagesOCR: 20, OCRConfidence: 0.91}
	for _, m := range misread {
		v := m.read
		if m.field == "convention.partner.siret" {
			v = rec.Convention.Partner.SIRET
		}
		if rec, err = model.ApplyVerified(rec, m.field, v); err != nil {
			return rec, err
		}
		rec.ToVerify = append(rec.ToVerify, model.ToVerify{Field: m.field, Value: v, Page: 9, Confidence: 0.62,
			Reason: model.VerifyLowConfidence, Box: &model.Box{Left: 100, Top: 200, Width: 400, Height: 40, ImageWidth: 1654, ImageHeight: 2339},
			Picture: mustPNG(len(rec.ToVerify))})
	}
	return rec, nil
}

// mustPNG is a small picture, a different shade for each value.
func mustPNG(n int) []byte {
	img := image.NewGray(image.Rect(0, 0, 600, 60))
	for i := range img.Pix {
		img.Pix[i] = uint8(200 - 40*n)
	}
	img.Set(10, 10, color.Black)
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// verifyEnv is a data directory whose inbox received the scanned dossier,
// ingested, with its verification workbook written.
type verifyEnv struct {
	ingestEnv
	x        scanExtractor
	truth    model.Record
	workbook string // path of the verification workbook
}

func mustVerifyEnv(t *testing.T) verifyEnv {
	t.Helper()
	e := verifyEnv{ingestEnv: mustIngestEnv(t)}
	e.x = scanExtractor{mustTruthExtractor(t), mustRead(t, filepath.Join(ingestCorpus, scanCase))}
	truth, err := e.x.truthExtractor.Extract(context.Background(), "", e.x.scan)
	if err != nil {
		t.Fatal(err)
	}
	e.truth = truth
	e.drop(t, DirInbox, "scan-beaune.pdf", e.x.scan)
	e.ingest(t)
	sum, err := WriteVerifications(context.Background(), e.st, e.dd, testAsOf)
	if err != nil || sum.Documents != 1 || sum.Values != len(misread) || sum.Written != 1 || len(sum.Files) != 1 {
		t.Fatalf("verifications: %+v, %v", sum, err)
	}
	e.workbook = e.dd.Path(sum.Files[0])
	return e
}

func (e verifyEnv) ingest(t *testing.T) IngestSummary {
	t.Helper()
	sum, err := Ingest(context.Background(), e.dd, e.st, e.x, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// fill types values in a copy of the workbook: « Valeur vérifiée » by
// field, who checked and when, then any edit.
func (e verifyEnv) fill(t *testing.T, typed map[string]string, edit func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenFile(e.workbook)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := model.VerificationSheet
	rows, _ := f.GetRows(sh)
	for i := model.VerificationHeaderRow; i < len(rows); i++ {
		if len(rows[i]) > model.VerifColField {
			if v, ok := typed[rows[i][model.VerifColField]]; ok {
				f.SetCellValue(sh, cellAt(model.VerifColChecked, i+1), v)
			}
		}
	}
	f.SetCellValue(sh, model.VerificationVerifierCell, "Agent de la Caf, gestionnaire")
	f.SetCellValue(sh, model.VerificationDateCell, "02/12/2026")
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func cellAt(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row)
	return n
}

// typedAll is what a careful clerk types: every value as printed.
func (e verifyEnv) typedAll() map[string]string {
	out := map[string]string{}
	for _, m := range misread {
		out[m.field] = m.typed
	}
	out["convention.partner.siret"] = e.truth.Convention.Partner.SIRET
	return out
}

func (e verifyEnv) stored(t *testing.T) model.Record {
	t.Helper()
	recs, err := e.st.StoredRecords(context.Background(), e.truth.Convention.Number)
	if err != nil || len(recs) != 1 {
		t.Fatalf("records: %d, %v", len(recs), err)
	}
	return recs[0].Record
}

func TestVerificationRoundTrip(t *testing.T) {
	e := mustVerifyEnv(t)
	if got := e.stored(t); !got.NeedsVerification() || got.Contacts[1].Email != "chertin@ccas-beaune.fr" {
		t.Fatalf("stored record as read: %+v", got.ToVerify)
	}
	if fi, err := os.Stat(e.workbook); err != nil || fi.Mode().Perm() != FileMode {
		t.Fatalf("workbook %s: %v %v", e.workbook, fi, err)
	}
	mustPictures(t, e.workbook, len(misread))
	cfg := DefaultConfig()
	cfg.DataDir = e.dd.Root
	if st, err := ReadStatus(context.Background(), cfg, time.Now()); err != nil || st.ToVerify != 1 || st.ToVerifyValues != len(misread) {
		t.Errorf("status: %d documents, %d values to verify, %v", st.ToVerify, st.ToVerifyValues, err)
	}

	// Filled and dropped in the inbox: the record becomes the truth.
	e.drop(t, DirInbox, "verif-rempli.xlsx", e.fill(t, e.typedAll(), nil))
	sum := e.ingest(t)
	if sum.Verifications != 1 || sum.Verified != len(misread) || sum.Rejected != 0 {
		t.Fatalf("ingest of the filled workbook: %+v", sum)
	}
	got := e.stored(t)
	if got.NeedsVerification() {
		t.Fatalf("still to verify: %+v", got.ToVerify)
	}
	got.Source, got.ToVerify = model.Source{}, nil
	want := e.truth
	want.Source, want.ToVerify = model.Source{}, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("record once checked differs from the truth:\n got %+v\nwant %+v", got, want)
	}
	// The history keeps what was read, what was checked, and by whom.
	sha := sha256Hex(e.x.scan)
	hist, err := e.st.Verifications(context.Background(), []string{sha})
	if err != nil || len(hist) != len(misread) || hist[0].ValueRead != "chertin@ccas-beaune.fr" ||
		hist[0].ValueChecked != "cbertin@ccas-beaune.fr" || hist[0].Verifier == "" || hist[0].VerifiedOn != "2026-12-02" {
		t.Fatalf("history: %+v, %v", hist, err)
	}
	eff, changes, err := e.st.ConventionHistory(context.Background(), e.truth.Convention.Number)
	if err != nil {
		t.Fatal(err)
	}
	var hb strings.Builder
	if err := WriteHistory(&hb, eff, changes, hist); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Valeurs lues sur un scan, vérifiées :",
		"02/12/2026  Contact 2 (partenaire, administrateur) : adresse mél (scan-beaune.pdf) : lu « chertin@ccas-beaune.fr », corrigée en « cbertin@ccas-beaune.fr », par Agent de la Caf, gestionnaire",
		"Annexe 2.1 (Service social général) : quota du profil T1 (scan-beaune.pdf) : lu « 28 », corrigée en « 20 »",
		"Partenaire : SIRET (scan-beaune.pdf) : lu « " + e.truth.Convention.Partner.SIRET + " », inchangée"} {
		if !strings.Contains(hb.String(), want) {
			t.Errorf("history lacks %q:\n%s", want, hb.String())
		}
	}
	// Nothing left to verify: no workbook the next night.
	if sum, err := WriteVerifications(context.Background(), e.st, e.dd, testAsOf); err != nil || sum.Documents != 0 {
		t.Errorf("after the check: %+v, %v", sum, err)
	}
}

func TestVerificationPartialThenRest(t *testing.T) {
	e := mustVerifyEnv(t)
	typed := e.typedAll()
	delete(typed, "services[0].quotas.T1")
	path := filepath.Join(t.TempDir(), "partiel.xlsx")
	os.WriteFile(path, e.fill(t, typed, nil), 0o600)
	res, err := ImportVerification(context.Background(), e.st, e.dd, path)
	if err != nil || !res.Imported || res.Applied != 2 || res.Unchecked != 1 || res.Remaining != 1 {
		t.Fatalf("partial import: %+v, %v", res, err)
	}
	if again, err := ImportVerification(context.Background(), e.st, e.dd, path); err != nil || again.Imported {
		t.Fatalf("same file again: %+v, %v", again, err)
	}
	// The next pass issues a new workbook listing what is left.
	sum, err := WriteVerifications(context.Background(), e.st, e.dd, testAsOf.AddDays(1))
	if err != nil || sum.Values != 1 || sum.Written != 1 {
		t.Fatalf("second workbook: %+v, %v", sum, err)
	}
	e.workbook = e.dd.Path(sum.Files[0])
	mustPictures(t, e.workbook, 1)
	os.WriteFile(path, e.fill(t, map[string]string{"services[0].quotas.T1": "20"}, nil), 0o600)
	if res, err := ImportVerification(context.Background(), e.st, e.dd, path); err != nil || res.Applied != 1 || res.Remaining != 0 {
		t.Fatalf("rest: %+v, %v", res, err)
	}
	if got := e.stored(t); got.NeedsVerification() || got.Services[0].Quotas.Get(model.T1) != 20 {
		t.Fatalf("record: T1=%d %+v", got.Services[0].Quotas.Get(model.T1), got.ToVerify)
	}
}

// Tampered, forged or wrongly filled workbooks are refused as a whole, each
// problem named by row and column, and nothing is applied.
func TestVerificationRefused(t *testing.T) {
	e := mustVerifyEnv(t)
	first := model.VerificationHeaderRow + 1
	other := mustVerifyEnv(t) // another data directory: another key
	cases := []struct {
		name  string
		data  func() []byte
		wants []string
	}{
		{"value read edited", func() []byte {
			return e.fill(t, e.typedAll(), func(f *excelize.File) { f.SetCellValue(model.VerificationSheet, cellAt(2, first), "autre@exemple.fr") })
		}, []string{"ligne 13, colonne C (Valeur lue)"}},
		{"hidden field changed", func() []byte {
			return e.fill(t, e.typedAll(), func(f *excelize.File) {
				f.SetCellValue(model.VerificationSheet, cellAt(model.VerifColField, first), "convention.partner.name")
			})
		}, []string{"ligne 13 : ligne ajoutée", "émis avec 3 lignes, 2 ont été retrouvées"}},
		{"invalid values", func() []byte {
			typed := e.typedAll()
			typed["services[0].quotas.T1"] = "vingt"
			typed["convention.partner.siret"] = "26210106600253"
			typed["contacts[1].email"] = "cbertin@"
			return e.fill(t, typed, nil)
		}, []string{"colonne H (Valeur vérifiée) : « vingt »", "SIRET", "adresse mél invalide"}},
		{"no verifier", func() []byte {
			return e.fill(t, e.typedAll(), func(f *excelize.File) {
				f.SetCellValue(model.VerificationSheet, model.VerificationVerifierCell, "")
				f.SetCellValue(model.VerificationSheet, model.VerificationDateCell, "demain")
			})
		}, []string{"ligne 8, colonne C : le nom", "« demain » n'est pas une date"}},
		{"another Caf's workbook", func() []byte { return other.fill(t, other.typedAll(), nil) },
			[]string{"ligne 13 : ligne ajoutée"}},
		{"nothing filled", func() []byte { return e.fill(t, nil, nil) }, []string{"aucune valeur vérifiée"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "v.xlsx")
			os.WriteFile(path, c.data(), 0o600)
			res, err := ImportVerification(context.Background(), e.st, e.dd, path)
			if !errors.Is(err, ErrVerificationRefused) {
				t.Fatalf("err %v, want refused", err)
			}
			all := strings.Join(problemLines(res.Problems), "\n")
			for _, w := range c.wants {
				if !strings.Contains(all, w) {
					t.Errorf("problems lack %q:\n%s", w, all)
				}
			}
			if got := e.stored(t); len(got.ToVerify) != len(misread) {
				t.Errorf("something was applied: %+v", got.ToVerify)
			}
		})
	}
}

// mustPictures checks the workbook holds n pictures.
func mustPictures(t *testing.T, path string, n int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := 0
	for row := model.VerificationHeaderRow + 1; row <= model.VerificationHeaderRow+n; row++ {
		pics, err := f.GetPictures(model.VerificationSheet, cellAt(model.VerifColPicture, row))
		if err != nil {
			t.Fatal(err)
		}
		got += len(pics)
	}
	if got != n {
		t.Errorf("%s: %d pictures, want %d", path, got, n)
	}
}
