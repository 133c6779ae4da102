package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"habilitations/jobs"
	"habilitations/jobs/store"
	"habilitations/model"
)

// mustIngestCase drops the PDFs of corpus cases into a new data directory and
// runs « habilitations ingest » in-process (real extractor, in-process).
func mustIngestCase(t *testing.T, cases ...string) (data, conf string) {
	t.Helper()
	dir := t.TempDir()
	data, conf = filepath.Join(dir, "data"), filepath.Join(dir, "config.toml")
	os.WriteFile(conf, []byte("[extraction]\nisolate = false\n"), 0o600)
	dd, err := jobs.OpenDataDir(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		pdfs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "cases", c, "*.pdf"))
		for _, p := range pdfs {
			b, _ := os.ReadFile(p)
			os.WriteFile(filepath.Join(dd.Inbox(), filepath.Base(p)), b, 0o600)
		}
	}
	code, out, errs := runMain(t, "ingest", "--config", conf, "--data", data, "--settle", "0")
	if code != exitOK || !strings.Contains(out, "taken:") {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	return data, conf
}

func TestRecordsAndHistoryCLI(t *testing.T) {
	data, conf := mustIngestCase(t, "01-cotedor-ccas-beaune", "02-rhone-ccas-villeurbanne")
	code, out, errs := runMain(t, "records", "--config", conf, "--data", data, "--json")
	if code != exitOK {
		t.Fatalf("records --json: exit %d: %s", code, errs)
	}
	var recs []model.Record
	if err := json.Unmarshal([]byte(out), &recs); err != nil || len(recs) != 2 {
		t.Fatalf("records --json = %d records, %v", len(recs), err)
	}
	truth := func(cas, file string) model.Record {
		var r model.Record
		b, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "cases", cas, file+".truth.json"))
		json.Unmarshal(b, &r)
		return r
	}
	// Case 01: the 2020 bulletin replaces the 2018 quotas of unit 2.1.
	beaune := truth("01-cotedor-ccas-beaune", "convention-04-2018-ccas-beaune.pdf")
	b21 := truth("01-cotedor-ccas-beaune", "bulletin-2-1-service-social-general-2020.pdf")
	if recs[0].Convention.Number != "04/2018" || recs[0].Services[0] != b21.Services[0] || recs[0].Services[1] != beaune.Services[1] {
		t.Errorf("04/2018 services = %+v", recs[0].Services)
	}
	// Case 02: the bulletin 2.5 adds a unit.
	vil := truth("02-rhone-ccas-villeurbanne", "convention-12-2021-ccas-villeurbanne.pdf")
	b25 := truth("02-rhone-ccas-villeurbanne", "bulletin-2-5-pole-seniors-2023.pdf")
	if n := len(recs[1].Services); n != len(vil.Services)+1 || recs[1].Services[n-1] != b25.Services[0] {
		t.Errorf("12/2021 services = %+v", recs[1].Services)
	}
	code, out, _ = runMain(t, "records", "--config", conf, "--data", data)
	if code != exitOK || !strings.Contains(out, "Numéro") || !strings.Contains(out, "12/03/2018") || !strings.Contains(out, "2 conventions.") {
		t.Errorf("records table: exit %d\n%s", code, out)
	}
	code, out, _ = runMain(t, "history", "--config", conf, "--data", data, "--convention", "04 / 2018")
	for _, want := range []string{"Convention 04/2018", "Dossier de convention : convention-04-2018-ccas-beaune.pdf",
		"bulletin-2-1-service-social-general-2020.pdf", "remplace les quotas T1 20", "Annexe 2.1 Service social général (Cdap) : T1 25"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("history lacks %q: exit %d\n%s", want, code, out)
		}
	}
	code, out, _ = runMain(t, "history", "--config", conf, "--data", data, "--convention", "12/2021")
	if code != exitOK || !strings.Contains(out, "structure ajoutée") {
		t.Errorf("history 12/2021: exit %d\n%s", code, out)
	}
	if code, _, _ := runMain(t, "history", "--data", data); code != exitUsage {
		t.Errorf("history without --convention: exit %d", code)
	}
	if code, _, errs := runMain(t, "history", "--data", data, "--convention", "99/1999"); code != exitFailure || !strings.Contains(errs, "no document") {
		t.Errorf("unknown convention: exit %d %s", code, errs)
	}
}

func TestIngestCLILockedAndNoPersonalData(t *testing.T) {
	data, conf := mustIngestCase(t, "90-rejets")
	dd := &jobs.DataDir{Root: data}
	// Each rejection class, with the real extractor: reason as in the truth,
	// original and French motif in rejected/.
	st, err := store.Open(context.Background(), dd.StatePath())
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := st.Documents(context.Background())
	st.Close()
	truths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "cases", "90-rejets", "*.pdf.truth.json"))
	if len(docs) != len(truths) || len(docs) != 7 {
		t.Fatalf("%d documents for %d truths", len(docs), len(truths))
	}
	byName := map[string]store.Document{}
	for _, d := range docs {
		byName[d.Name] = d
	}
	for _, tf := range truths {
		var want model.Rejection
		b, _ := os.ReadFile(tf)
		json.Unmarshal(b, &want)
		d := byName[want.File]
		if d.Outcome != store.OutcomeRejected || d.Reason != want.Reason || d.StoredPath != jobs.DirRejected+"/"+want.File {
			t.Errorf("%s: %+v, want rejected %s", want.File, d, want.Reason)
		}
		if m, err := os.ReadFile(dd.Path(d.StoredPath + ".motif.txt")); err != nil || !strings.Contains(string(m), d.Message) {
			t.Errorf("%s: motif %q, %v", want.File, m, err)
		}
	}
	lock, err := dd.Lock()
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := runMain(t, "ingest", "--config", conf, "--data", data, "--settle", "0")
	lock.Unlock()
	if code != exitLocked || !strings.Contains(errs, "another run holds the data directory") {
		t.Errorf("ingest while locked: exit %d, %s", code, errs)
	}
	// What ingest prints and logs holds counts and hashes, not file names.
	os.WriteFile(filepath.Join(dd.Inbox(), "dossier-jean-dupont.pdf"), []byte("%PDF-1.4 rien"), 0o600)
	code, out, errs := runMain(t, "ingest", "--config", conf, "--data", data, "--settle", "0")
	if code != exitOK || strings.Contains(out+errs, "dupont") || !strings.Contains(out, "rejected:   1 PDF") {
		t.Errorf("exit %d, output:\n%s\n%s", code, out, errs)
	}
	// Nor does the audit log.
	st, err = store.Open(context.Background(), dd.StatePath())
	if err != nil {
		t.Fatal(err)
	}
	log, _ := st.AuditLog(context.Background(), 0, 0)
	st.Close()
	for _, a := range log {
		if strings.Contains(a.Object+a.Detail, "dupont") || strings.Contains(a.Detail, "facture") {
			t.Errorf("audit entry names a file: %+v", a)
		}
	}
	if code, _, errs := runMain(t, "records", "--data", filepath.Join(t.TempDir(), "none")); code != exitFailure || !strings.Contains(errs, "does not exist") {
		t.Errorf("records without a data directory: exit %d %s", code, errs)
	}
}
