package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"habilitations/model"
)

func TestRunsAndPreviousFindings(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	if _, _, err := s.PreviousFindings(ctx, 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("PreviousFindings on empty store: %v", err)
	}
	f1 := model.Finding{Code: model.CodeDormantAccount, Convention: "06/2017", Account: "u-1"}
	f2 := model.Finding{Code: model.CodeQuotaExceeded, Convention: "06/2017", Unit: "U", Service: "Cdap", Profile: model.T1, Quota: 2, Count: 3}
	r1, err := s.StartRun(ctx, "run", "2026-11-20")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFindings(ctx, r1, []model.Finding{f1, f2}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, r1, map[string]int{"findings": 2}, nil); err != nil {
		t.Fatal(err)
	}
	r2, _ := s.StartRun(ctx, "run", "2026-11-21")
	prev, fs, err := s.PreviousFindings(ctx, r2)
	if err != nil || prev.ID != r1 || len(fs) != 2 || prev.Status != RunOK || prev.AsOf != "2026-11-20" {
		t.Fatalf("PreviousFindings = %+v %v %v", prev, fs, err)
	}
	f2b := f2
	f2b.Count = 5 // same finding, other count
	f3 := model.Finding{Code: model.CodeMissingAdmin, Convention: "06/2017", Name: "X"}
	added, resolved := model.DiffFindings(fs, []model.Finding{f2b, f3})
	if len(added) != 1 || added[0].Code != f3.Code || len(resolved) != 1 || resolved[0].Code != f1.Code {
		t.Fatalf("delta = %+v / %+v", added, resolved)
	}
	// A run with no findings is still the previous one: everything resolved.
	if err := s.SaveFindings(ctx, r2, nil); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.FinishRun(cctx, r2, nil, context.Canceled); err != nil {
		t.Fatal(err)
	}
	prev, fs, err = s.PreviousFindings(ctx, 0)
	if err != nil || prev.ID != r2 || len(fs) != 0 || prev.Status != RunInterrupted || prev.FinishedAt.IsZero() {
		t.Fatalf("PreviousFindings = %+v %v %v", prev, fs, err)
	}
	runs, err := s.Runs(ctx, 1)
	if err != nil || len(runs) != 1 || runs[0].ID != r2 {
		t.Fatalf("Runs = %+v, %v", runs, err)
	}
}

func TestCurrentExports(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	save := func(sha string, mod time.Time, ps ...ExportPartner) {
		t.Helper()
		e := Export{SHA256: sha, Name: sha + ".csv", ReceivedAt: t0, ModifiedAt: mod, Outcome: OutcomeExport, Format: "csv", Partners: ps, StoredPath: "archive/" + sha}
		if err := s.SaveExport(ctx, e, Receipt{Folder: FolderExports, SHA256: sha, Name: e.Name, Outcome: OutcomeExport, StoredPath: e.StoredPath}); err != nil {
			t.Fatal(err)
		}
	}
	a := ExportPartner{Key: PartnerKey("26210106600252", "CCAS"), SIRET: "26210106600252", Rows: 3}
	b := ExportPartner{Key: PartnerKey("", "Centre Hospitalier de Roubaix"), Organisme: "Centre Hospitalier de Roubaix", Rows: 2}
	save("e1", t0, a, b)
	save("e2", t0.Add(time.Hour), a)
	cur, err := s.CurrentExports(ctx)
	if err != nil || len(cur) != 2 {
		t.Fatalf("CurrentExports = %+v, %v", cur, err)
	}
	if cur[0].SHA256 != "e1" || len(cur[0].Partners) != 1 || cur[0].Partners[0].Key != b.Key {
		t.Errorf("e1 current for %+v, want only %s", cur[0].Partners, b.Key)
	}
	if cur[1].SHA256 != "e2" || len(cur[1].Partners) != 1 || cur[1].Partners[0].Key != a.Key {
		t.Errorf("e2 current for %+v, want only %s", cur[1].Partners, a.Key)
	}
	if b.Key != "nom:centre hospitalier de roubaix" {
		t.Errorf("PartnerKey = %q", b.Key)
	}
}

// TestCurrentExportsMany: past one batch of the query (500 exports), every
// current export is read with its own row and partners.
func TestCurrentExportsMany(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	const n = 1203
	for i := range n {
		sha := fmt.Sprintf("e%04d", i)
		p := ExportPartner{Key: PartnerKey("", fmt.Sprint("CCAS ", i)), Organisme: fmt.Sprint("CCAS ", i), Rows: i}
		e := Export{SHA256: sha, Name: sha + ".csv", ReceivedAt: t0, ModifiedAt: t0, Outcome: OutcomeExport, Format: "csv",
			Rows: i, Partners: []ExportPartner{p}, StoredPath: "archive/" + sha}
		if err := s.SaveExport(ctx, e, Receipt{Folder: FolderExports, SHA256: sha, Name: e.Name, Outcome: OutcomeExport, StoredPath: e.StoredPath}); err != nil {
			t.Fatal(err)
		}
	}
	cur, err := s.CurrentExports(ctx)
	if err != nil || len(cur) != n {
		t.Fatalf("%d current exports, %v; want %d", len(cur), err, n)
	}
	for i, e := range cur {
		if e.SHA256 != fmt.Sprintf("e%04d", i) || e.Rows != i || len(e.Partners) != 1 || e.Partners[0].Rows != i {
			t.Fatalf("export %d: %+v", i, e)
		}
	}
}
