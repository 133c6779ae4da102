package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/form"
	"github.com/xuri/excelize/v2"

	"habilitations/extract"
	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/forms"
)

// fillForm fills a fillable form's fields by name as a PDF reader would
// (pdfcpu's form filling).
func fillForm(tb testing.TB, pdf []byte, values map[string]string, checks map[string]bool) []byte {
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

// TestAdminFormRoundTripResolvesFindings runs the pipeline on the demo
// data, fills the Annexe 3 forms it wrote for an undeclared and a missing
// administrator as a partner would, drops them in the inbox and runs the
// next night: both findings are resolved, the forms are in the history,
// the audit log and the Caf's overview, and a form for an unknown
// convention or without a phone is rejected with a French motif.
func TestAdminFormRoundTripResolvesFindings(t *testing.T) {
	ctx := context.Background()
	d, err := PrepareDemo(filepath.Join(t.TempDir(), "demo"))
	if err != nil {
		t.Fatal(err)
	}
	dd := &DataDir{Root: d.Config.DataDir}
	o := RunOptions{Config: d.Config, AsOf: d.AsOf, Extractor: extract.Extractor{}}
	rep, err := RunPipeline(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	var undeclared, missing string
	for _, f := range rep.Forms.Files {
		switch {
		case undeclared == "" && strings.Contains(f, "-administrateur-non-declare-"):
			undeclared = f
		case missing == "" && strings.Contains(f, "-administrateur-a-remplacer-"):
			missing = f
		}
	}
	if undeclared == "" || missing == "" {
		t.Fatalf("the demo run wrote no form for both cases: %v", rep.Forms.Files)
	}
	st, err := store.Open(ctx, dd.StatePath())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sent, err := st.AdminForms(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	formOf := func(rel string) store.AdminForm {
		for _, f := range sent {
			if f.Path == rel {
				return f
			}
		}
		t.Fatalf("form %s not recorded in the store", rel)
		return store.AdminForm{}
	}
	uf, mf := formOf(undeclared), formOf(missing)

	// The partner declares the undeclared administrator (name and e-mail
	// pre-filled from the export), and appoints a new one (fictional) in
	// place of the missing one.
	u := fillForm(t, mustRead(t, dd.Path(undeclared)), map[string]string{model.FieldNewAdminFunction: "Responsable du pôle accueil",
		model.FieldNewAdminPhone: "03 80 22 11 33", model.FieldSignedOn: "02/12/2026"}, map[string]bool{model.FieldReplacesNo: true})
	m := fillForm(t, mustRead(t, dd.Path(missing)), map[string]string{model.FieldNewAdminName: "Agnès GUÉRIN",
		model.FieldNewAdminEmail: "aguerin@example.org", model.FieldNewAdminMobile: "06 12 34 56 78", model.FieldSignedOn: "02/12/2026"}, nil)
	noPhone := fillForm(t, mustRead(t, dd.Path(missing)), map[string]string{model.FieldNewAdminName: "Paul ROCHE",
		model.FieldNewAdminEmail: "proche@example.org"}, nil)
	var unknown bytes.Buffer
	if err := forms.WriteAdminChangeTyped(&unknown, model.AdminChange{Partner: "Inconnu", Convention: "99/2099", Name: "Paul ROCHE",
		Email: "proche@example.org", Phone: "+33380221133"}); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"retour/annexe3-declaration.pdf": u, "retour/annexe3-remplacement.pdf": m,
		"annexe3-sans-telephone.pdf": noPhone, "annexe3-inconnue.pdf": unknown.Bytes()} {
		p := filepath.Join(dd.Inbox(), filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	next := o
	next.AsOf = d.AsOf.AddDays(1)
	rep2, err := RunPipeline(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	if rep2.Ingest.Archived != 2 || rep2.Ingest.Rejected != 2 {
		t.Errorf("ingest = %+v, want 2 forms taken and 2 rejected", rep2.Ingest)
	}
	motifs, _ := filepath.Glob(filepath.Join(dd.Path(DirRejected), "*.motif.txt"))
	found := 0
	for _, p := range motifs {
		b := string(mustRead(t, p))
		if strings.Contains(b, "annexe3-sans-telephone") && strings.Contains(b, "numéro de téléphone") &&
			strings.Contains(b, "Le formulaire de changement d'administrateur (Annexe 3) est incomplet") {
			found++
		}
		if strings.Contains(b, "annexe3-inconnue") && strings.Contains(b, "porte le numéro de convention « 99/2099 », que la Caf ne connaît pas") {
			found++
		}
	}
	if found != 2 {
		t.Errorf("the French motifs of the two rejected forms are not among %v", motifs)
	}

	// The findings the forms answered are resolved.
	run2 := rep2.RunID
	fs, err := st.Findings(ctx, run2)
	if err != nil {
		t.Fatal(err)
	}
	keys := keysOf(fs)
	for _, f := range []store.AdminForm{uf, mf} {
		if slices.Contains(keys, f.FindingKey) {
			t.Errorf("finding %s still open after its form came back", f.FindingKey)
		}
		got, err := st.AdminFormByRef(ctx, f.Ref)
		if err != nil || got.ReturnedSHA == "" || got.ReturnedOn == "" {
			t.Errorf("form %s not marked returned: %+v %v", f.Ref, got, err)
		}
	}
	if rep2.Reconcile.Resolved < 2 {
		t.Errorf("resolved = %d, want at least the 2 findings answered", rep2.Reconcile.Resolved)
	}
	// The breach report lists both as resolved.
	bx, err := excelize.OpenFile(dd.Path(reportsDir(next.AsOf) + "/depassements-quotas-" + next.AsOf.String() + ".xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	resolvedRows, err := bx.GetRows("Résolus depuis dernier passage")
	bx.Close()
	if err != nil {
		t.Fatal(err)
	}
	account := strings.TrimSuffix(undeclared[strings.Index(undeclared, "-non-declare-")+len("-non-declare-"):], ".pdf")
	var listed []string
	for _, r := range resolvedRows {
		if len(r) > 3 && (r[1] == uf.Convention && strings.Contains(r[3], account) ||
			r[1] == mf.Convention && strings.HasPrefix(r[0], "Administrateur déclaré sans compte")) {
			listed = append(listed, r[1]+" "+r[3])
		}
	}
	t.Logf("resolved rows: %q", listed)
	if len(listed) < 2 {
		t.Errorf("resolved sheet lists %v, want the undeclared account %s and the replaced administrator", listed, account)
	}

	// The replacement appoints someone without an account yet: the Caf
	// now expects theirs (a new missing_admin), which is right.
	newMissing := false
	for _, f := range fs {
		newMissing = newMissing || f.Code == model.CodeMissingAdmin && f.Convention == mf.Convention && f.Name == "Agnès GUÉRIN"
	}
	if !newMissing {
		t.Error("the newly appointed administrator without an account is not expected")
	}

	// The Caf's overview shows each form sent and returned.
	xf, err := excelize.OpenFile(dd.Path(reportsDir(next.AsOf) + "/revue/revues-caf.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := xf.GetRows("Revues")
	xf.Close()
	if err != nil {
		t.Fatal(err)
	}
	back, err := st.AdminFormByRef(ctx, mf.Ref)
	if err != nil {
		t.Fatal(err)
	}
	want := "Formulaire " + mf.Ref + " (administrateur à remplacer) envoyé le " + frenchDate(d.AsOf.String()) +
		", retourné le " + frenchDate(back.ReturnedOn) // the day it was received
	shown := false
	for _, r := range rows {
		shown = shown || len(r) > 0 && r[0] == mf.Convention && strings.Contains(r[len(r)-1], want)
	}
	if !shown {
		for _, r := range rows {
			if len(r) > 0 && r[0] == mf.Convention {
				t.Logf("row: %q", r)
			}
		}
		t.Errorf("the overview does not show %q", want)
	}

	// History and audit show the forms.
	_, hist, err := st.ConventionHistory(ctx, mf.Convention)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, c := range hist {
		if c.Admin != nil {
			actions = append(actions, c.Action+" "+c.Record.DocumentName)
		}
	}
	if !slices.Contains(actions, store.ChangeAdminReplaced+" retour/annexe3-remplacement.pdf") {
		t.Errorf("history of %s: %v", mf.Convention, actions)
	}
	var hb strings.Builder
	eff, _, _ := st.ConventionHistory(ctx, mf.Convention)
	if err := WriteHistory(&hb, eff, hist, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hb.String(), "Formulaire de changement d'administrateur (Annexe 3) : retour/annexe3-remplacement.pdf") ||
		!strings.Contains(hb.String(), "réponse au formulaire "+mf.Ref) {
		t.Errorf("history text:\n%s", hb.String())
	}
	audit, err := st.AuditLog(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	returned := 0
	for _, a := range audit {
		if a.Action == "ingest.document" && strings.Contains(a.Detail, "kind=admin_change") && strings.Contains(a.Detail, "form_returned=1") {
			returned++
		}
		if strings.Contains(a.Detail, "GUÉRIN") || strings.Contains(a.Detail, "@") {
			t.Errorf("audit entry holds personal data: %+v", a)
		}
	}
	if returned != 2 {
		t.Errorf("audit: %d returned forms, want 2", returned)
	}
}

func TestAdminFormsColumn(t *testing.T) {
	asOf := model.NewDate(2026, 12, 31)
	tests := []struct {
		name    string
		forms   []store.AdminForm
		want    string
		overdue bool
	}{
		{"none", nil, "", false},
		{"returned", []store.AdminForm{{Ref: "A3-1", Code: "missing_admin", SentOn: "2026-11-01", ReturnedOn: "2026-11-20"}},
			"Formulaire A3-1 (administrateur à remplacer) envoyé le 01/11/2026, retourné le 20/11/2026", false},
		{"waiting", []store.AdminForm{{Ref: "A3-2", Code: "undeclared_admin", SentOn: "2026-12-11"}},
			"Formulaire A3-2 (administrateur non déclaré) envoyé le 11/12/2026, non retourné (20 j)", false},
		{"overdue", []store.AdminForm{{Ref: "A3-3", Code: "undeclared_admin", SentOn: "2026-11-01"}},
			"Formulaire A3-3 (administrateur non déclaré) envoyé le 01/11/2026, non retourné (60 j) : délai de 30 jours dépassé, relancer le partenaire", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, overdue := adminFormsColumn(tc.forms, asOf)
			if got != tc.want || overdue != tc.overdue {
				t.Errorf("got %q %v, want %q %v", got, overdue, tc.want, tc.overdue)
			}
		})
	}
}
