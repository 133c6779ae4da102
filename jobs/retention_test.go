package jobs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"habilitations/jobs/store"
	"habilitations/model"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// MustRetentionFixture builds a data directory whose store holds three
// exports of two partners and three reconciliations, plus report folders and
// rejected files of various ages.
func MustRetentionFixture(tb testing.TB) (*DataDir, *store.Store) {
	tb.Helper()
	ctx := context.Background()
	dd, err := OpenDataDir(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(ctx, dd.StatePath())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	exports := []struct {
		sha, partner string
		received     string
	}{
		{"a1", "siret:11111111111111", "2018-01-01"}, // superseded by a2 on 2019-01-01
		{"a2", "siret:11111111111111", "2019-01-01"}, // current for A
		{"b1", "nom:ccas de b", "2018-01-01"},        // current for B
	}
	for i, e := range exports {
		sha := strings.Repeat(e.sha, 32)
		rel := ArchivePath(sha, ".csv")
		if err := os.MkdirAll(filepath.Dir(dd.Path(rel)), DirMode); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(dd.Path(rel), []byte("Identifiant;Nom\n"), FileMode); err != nil {
			tb.Fatal(err)
		}
		at := day(e.received)
		ex := store.Export{SHA256: sha, Name: e.sha + ".csv", ReceivedAt: at, ModifiedAt: at, Size: 16,
			Outcome: store.OutcomeExport, Format: "csv", Rows: 1, StoredPath: rel,
			Partners: []store.ExportPartner{{Key: e.partner, Rows: 1}}}
		rc := store.Receipt{Folder: store.FolderExports, SHA256: sha, Name: ex.Name, Size: 16, MtimeNS: int64(i),
			ReceivedAt: at, Outcome: store.OutcomeExport, StoredPath: rel}
		if err := st.SaveExport(ctx, ex, rc); err != nil {
			tb.Fatal(err)
		}
	}
	for _, d := range []string{"2018-02-01", "2019-02-01", "2025-12-01"} {
		st.SetClock(func() time.Time { return day(d) })
		id, err := st.StartRun(ctx, JobRun, d)
		if err != nil {
			tb.Fatal(err)
		}
		f := model.Finding{Code: model.CodeDormantAccount, Convention: "01/2018", Account: "u-" + d}
		if err := st.SaveFindings(ctx, id, []model.Finding{f}); err != nil {
			tb.Fatal(err)
		}
		if err := st.FinishRun(ctx, id, nil, nil); err != nil {
			tb.Fatal(err)
		}
	}
	st.SetClock(time.Now)
	for _, d := range []string{"2024-06-01", "2025-12-31", "notes"} {
		if err := os.MkdirAll(dd.Path("reports/"+d), DirMode); err != nil {
			tb.Fatal(err)
		}
		os.WriteFile(dd.Path("reports/"+d+"/x.json"), []byte("{}"), FileMode)
	}
	for name, mtime := range map[string]string{"old.pdf": "2024-01-01", "old.pdf.motif.txt": "2024-01-01", "new.pdf": "2025-12-30"} {
		p := dd.Path("rejected/" + name)
		os.WriteFile(p, []byte("x"), FileMode)
		os.Chtimes(p, day(mtime), day(mtime))
	}
	return dd, st
}

func TestPurge(t *testing.T) {
	ctx := context.Background()
	dd, st := MustRetentionFixture(t)
	rc := DefaultConfig().Retention
	now := day("2026-01-02")

	res, err := Purge(ctx, st, dd.Root, rc, now)
	if err != nil {
		t.Fatal(err)
	}
	want := RetentionResult{Exports: 1, Findings: 1, ReportDirs: 1, Rejected: 2}
	if res != want {
		t.Fatalf("Purge = %+v, want %+v", res, want)
	}
	a1, a2 := strings.Repeat("a1", 32), strings.Repeat("a2", 32)
	if _, err := os.Stat(dd.Path(ArchivePath(a1, ".csv"))); !os.IsNotExist(err) {
		t.Errorf("superseded export file still there (err %v)", err)
	}
	if e, _ := st.Export(ctx, a1); e.StoredPath != "" {
		t.Errorf("purged export keeps stored path %q", e.StoredPath)
	}
	for _, keep := range []string{ArchivePath(a2, ".csv"), ArchivePath(strings.Repeat("b1", 32), ".csv"),
		"reports/2025-12-31", "reports/notes", "rejected/new.pdf"} {
		if _, err := os.Stat(dd.Path(keep)); err != nil {
			t.Errorf("%s must be kept: %v", keep, err)
		}
	}
	for _, gone := range []string{"reports/2024-06-01", "rejected/old.pdf", "rejected/old.pdf.motif.txt"} {
		if _, err := os.Stat(dd.Path(gone)); !os.IsNotExist(err) {
			t.Errorf("%s must be purged (err %v)", gone, err)
		}
	}
	runs, err := st.Runs(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	kept := 0
	for _, r := range runs {
		fs, err := st.Findings(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.AsOf == "2018-02-01" && len(fs) != 0 {
			t.Errorf("findings of the run superseded in 2019 kept")
		}
		kept += len(fs)
	}
	if kept != 2 {
		t.Errorf("%d findings kept, want 2 (the 2019 run, superseded in 2025, and the latest)", kept)
	}
	audit, err := st.AuditLog(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	purges := map[string]int{}
	for _, e := range audit {
		if strings.HasPrefix(e.Action, "retention.") {
			purges[e.Action]++
		}
	}
	wantAudit := map[string]int{"retention.purge_export": 1, "retention.purge_findings": 1,
		"retention.purge_reports": 1, "retention.purge_rejected": 2}
	for k, v := range wantAudit {
		if purges[k] != v {
			t.Errorf("audit has %d %s, want %d (all: %v)", purges[k], k, v, purges)
		}
	}

	// A second purge finds nothing more; an earlier date purges nothing.
	if res, err := Purge(ctx, st, dd.Root, rc, now); err != nil || res != (RetentionResult{}) {
		t.Errorf("second purge = %+v, %v; want nothing", res, err)
	}
}

func TestPurgeKeepsWithinSixYears(t *testing.T) {
	dd, st := MustRetentionFixture(t)
	rc := RetentionConfig{HabilitationYears: 6} // other durations 0: forever
	res, err := Purge(context.Background(), st, dd.Root, rc, day("2024-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if res != (RetentionResult{}) {
		t.Fatalf("Purge five years after the supersession = %+v, want nothing purged", res)
	}
}

// TestPurgeDecisions: the decisions of a review superseded by a later
// review more than six years ago go; the latest review's stay.
func TestPurgeDecisions(t *testing.T) {
	ctx := context.Background()
	dd, st := MustRetentionFixture(t)
	db := st.DB()
	for i, imp := range []struct{ sha, at string }{{"w2018", "2018-03-01"}, {"w2019", "2019-03-01"}, {"w2025", "2025-03-01"}} {
		at := day(imp.at).Format(time.RFC3339Nano)
		if _, err := db.ExecContext(ctx, `INSERT INTO review_imports (workbook_sha256, name, convention, reviewer, imported_at, rows)
			VALUES (?, ?, '01/2018', 'relecteur', ?, 2)`, imp.sha, imp.sha+".xlsx", at); err != nil {
			t.Fatal(err)
		}
		for k := range 2 {
			if _, err := db.ExecContext(ctx, `INSERT INTO review_decisions (workbook_sha256, convention, row_key, decision, imported_at)
				VALUES (?, '01/2018', ?, 'Maintenir', ?)`, imp.sha, fmt.Sprintf("k%d-%d", i, k), at); err != nil {
				t.Fatal(err)
			}
		}
	}
	res, err := Purge(ctx, st, dd.Root, RetentionConfig{HabilitationYears: 6}, day("2026-01-02"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Decisions != 2 {
		t.Errorf("purged %d decisions, want the 2 of the 2018 review (superseded in 2019)", res.Decisions)
	}
	var left []string
	rows, err := db.QueryContext(ctx, `SELECT DISTINCT workbook_sha256 FROM review_decisions ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		left = append(left, s)
	}
	rows.Close()
	if strings.Join(left, ",") != "w2019,w2025" {
		t.Errorf("decisions left of %v, want w2019,w2025", left)
	}
}
