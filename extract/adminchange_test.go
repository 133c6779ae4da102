package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/form"

	"habilitations/extract"
	"habilitations/extract/adminform"
	"habilitations/extract/pdftext"
	"habilitations/model"
	"habilitations/report/forms"
)

// blankForm is the form pre-filled for a missing administrator (fictional
// people), with its reference.
func blankForm() model.AdminChange {
	return model.AdminChange{Partner: "Centre Communal d'Action Sociale de la Ville de Beaune", Convention: "04/2018",
		CafLines: []string{"Caisse d'Allocations familiales", "de la Côte d'Or", "8 Bd Clemenceau", "21000 DIJON"},
		Replaces: model.AnswerYes, ReplacesName: "Céline BERTIN", ReplacesEmail: "cbertin@ccas-beaune.fr",
		Code: model.CodeMissingAdmin, FormRef: "A3-04-2018-0a1b2c3d"}
}

// filledValues are what the partner types in the form's fields.
var filledValues = map[string]string{
	model.FieldNewAdminName: "Agnès GUÉRIN", model.FieldNewAdminFunction: "Responsable du pôle accueil",
	model.FieldNewAdminPhone: "03 80 22 11 33", model.FieldNewAdminEmail: "aguerin@ccas-beaune.fr",
	model.FieldSignedOn: "30/11/2026", model.FieldPartnerSignatoryFunc: "Vice-Présidente",
	model.FieldPartnerSignatoryName: "Fatima CARPENTIER", model.FieldAdminSignatoryFunction: "Responsable du pôle accueil",
	model.FieldAdminSignatoryName: "Agnès GUÉRIN",
}

// wantFilled checks the record read from the filled form.
func wantFilled(t *testing.T, rec model.Record) {
	t.Helper()
	a := rec.Admin
	if rec.Kind != model.KindAdminChange || a == nil {
		t.Fatalf("record = %+v", rec)
	}
	if rec.Convention.Number != "04/2018" || a.NewAdmin.Name != "Agnès GUÉRIN" || a.NewAdmin.Function != "Responsable du pôle accueil" ||
		a.NewAdmin.Phone != "+33380221133" || a.NewAdmin.Email != "aguerin@ccas-beaune.fr" || a.SignedOn != "2026-11-30" ||
		a.Replaces == nil || a.Replaces.Name != "Céline BERTIN" || a.Replaces.Email != "cbertin@ccas-beaune.fr" ||
		a.FormRef != "A3-04-2018-0a1b2c3d" || a.PartnerSignatory.Name != "Fatima CARPENTIER" {
		t.Errorf("admin change = %+v (replaces %+v)", a, a.Replaces)
	}
	if err := model.Validate(rec); err != nil {
		t.Error(err)
	}
}

// FillWithPDFCPU fills the fields of a fillable form as a PDF reader
// would, by name, with pdfcpu's form filling.
func fillWithPDFCPU(tb testing.TB, pdf []byte, values map[string]string, checks map[string]bool) []byte {
	tb.Helper()
	fg, err := api.ExportForm(bytes.NewReader(pdf), "form.pdf", nil)
	if err != nil {
		tb.Fatal(err)
	}
	f := &fg.Forms[0]
	for _, tf := range f.TextFields {
		if v, ok := values[tf.Name]; ok {
			tf.Value = v
		}
	}
	for _, cb := range f.CheckBoxes {
		if v, ok := checks[cb.Name]; ok {
			cb.Value = v
		}
	}
	js, err := json.Marshal(form.FormGroup{Header: fg.Header, Forms: []form.Form{*f}})
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	if err := api.FillForm(bytes.NewReader(pdf), bytes.NewReader(js), &out, nil); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}

func writeForm(tb testing.TB, f model.AdminChange) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := forms.WriteAdminChange(&buf, f); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func keepFile(tb testing.TB, name string, b []byte) {
	if dir := os.Getenv("ADMINFORM_OUT"); dir != "" { // to look at the PDFs
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestAdminFormRoundTrip fills the fillable form as a reader would, then
// reads it back through the extractor; and the same form printed (fields
// flattened into the page by poppler, as a reader's « print to PDF »),
// and typed into the printed form.
func TestAdminFormRoundTrip(t *testing.T) {
	ctx := context.Background()
	x := extract.Extractor{Limits: pdftext.DefaultLimits()}
	filled := fillWithPDFCPU(t, writeForm(t, blankForm()), filledValues, nil)
	keepFile(t, "annexe3-filled.pdf", filled)

	t.Run("fields filled", func(t *testing.T) {
		rec, err := x.Extract(ctx, "annexe3.pdf", filled)
		if err != nil {
			t.Fatal(err)
		}
		wantFilled(t, rec)
	})
	t.Run("added, non ticked", func(t *testing.T) {
		b := fillWithPDFCPU(t, filled, nil, map[string]bool{model.FieldReplacesYes: false, model.FieldReplacesNo: true})
		rec, err := x.Extract(ctx, "annexe3.pdf", b)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Admin.Replaces != nil {
			t.Errorf("replaces = %+v, want null", rec.Admin.Replaces)
		}
	})
	t.Run("no phone", func(t *testing.T) {
		b := fillWithPDFCPU(t, filled, map[string]string{model.FieldNewAdminPhone: ""}, nil)
		_, err := x.Extract(ctx, "annexe3.pdf", b)
		rej := model.NewRejection("annexe3.pdf", err)
		if rej.Reason != model.ReasonIncomplete || !strings.Contains(rej.Message, "formulaire de changement d'administrateur") ||
			!strings.Contains(rej.Message, "numéro de téléphone") {
			t.Errorf("rejection = %+v", rej)
		}
	})
	t.Run("typed and printed", func(t *testing.T) {
		f := blankForm()
		f.Name, f.Function, f.Phone, f.Email = "Agnès GUÉRIN", "Responsable du pôle accueil", "+33380221133", "aguerin@ccas-beaune.fr"
		f.SignedOn = "2026-11-30"
		f.PartnerSignatory = model.Signatory{Function: "Vice-Présidente", Name: "Fatima CARPENTIER"}
		f.AdminSignatory = model.Signatory{Function: "Responsable du pôle accueil", Name: "Agnès GUÉRIN"}
		var buf bytes.Buffer
		if err := forms.WriteAdminChangeTyped(&buf, f); err != nil {
			t.Fatal(err)
		}
		keepFile(t, "annexe3-typed.pdf", buf.Bytes())
		rec, err := x.Extract(ctx, "annexe3.pdf", buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		wantFilled(t, rec)
		if ok, _ := hasFields(buf.Bytes()); ok {
			t.Error("the typed form has fields: the text path was not exercised")
		}
	})
	t.Run("filled then printed to PDF", func(t *testing.T) {
		bin, err := exec.LookPath("pdftocairo")
		if err != nil {
			t.Skip("pdftocairo (poppler-utils) not installed")
		}
		dir := t.TempDir()
		in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
		if err := os.WriteFile(in, filled, 0o600); err != nil {
			t.Fatal(err)
		}
		if b, err := exec.Command(bin, "-pdf", in, out).CombinedOutput(); err != nil {
			t.Fatalf("pdftocairo: %v %s", err, b)
		}
		printed, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		keepFile(t, "annexe3-printed.pdf", printed)
		if ok, _ := hasFields(printed); ok {
			t.Fatal("the printed form still has fields")
		}
		rec, err := x.Extract(ctx, "annexe3.pdf", printed)
		if err != nil {
			t.Fatal(err)
		}
		wantFilled(t, rec)
	})
	t.Run("not a form", func(t *testing.T) {
		_, err := x.Extract(ctx, "x.pdf", writeText(t, "Facture n° 12 du 3 novembre 2026\nFourniture de papier et d'enveloppes pour le service social\n"+
			"Montant à régler par virement dans les trente jours : 30 €"))
		if !errors.Is(err, model.ErrNotConvention) {
			t.Errorf("err = %v", err)
		}
	})
}

// hasFields reports whether pdf has the form's fields.
func hasFields(pdf []byte) (bool, error) {
	_, ok, err := adminform.ReadFields(pdf)
	return ok, err
}

// writeText writes a one-page PDF of plain text lines.
func writeText(tb testing.TB, s string) []byte {
	tb.Helper()
	d := forms.Document{}
	for _, l := range strings.Split(s, "\n") {
		d.Add(forms.Block{Kind: forms.KindParagraph, Text: l})
	}
	var buf bytes.Buffer
	if err := forms.WritePDF(&buf, d); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
