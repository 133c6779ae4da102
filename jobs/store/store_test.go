package store

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"habilitations/model"
)

// MustOpen opens a new store in a temporary directory.
func MustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "state.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// mustTruth reads a record truth file of the corpus.
func mustTruth(tb testing.TB, cas, file string) model.Record {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "cases", cas, file+".truth.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var r model.Record
	if err := json.Unmarshal(b, &r); err != nil {
		tb.Fatal(err)
	}
	return r
}

func TestOpenMigratesOnceAndPermissions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var v int
		if err := s.DB().QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != Version() {
			t.Fatalf("user_version = %d, %v; want %d", v, err, Version())
		}
		var mode string
		if err := s.DB().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode = %q, %v", mode, err)
		}
		var fk int
		if err := s.DB().QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
			t.Fatalf("foreign_keys = %d, %v", fk, err)
		}
		s.Close()
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("state.db mode = %v, want 0600", st.Mode().Perm())
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	if err := s.Audit(ctx, "test.action", "abc", "count=1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec(`UPDATE audit SET detail = 'x'`); err == nil {
		t.Error("audit update succeeded")
	}
	if _, err := s.DB().Exec(`DELETE FROM audit`); err == nil {
		t.Error("audit delete succeeded")
	}
	log, err := s.AuditLog(ctx, 0, 0)
	if err != nil || len(log) != 1 || log[0].Action != "test.action" || log[0].Actor != ActorPipeline {
		t.Fatalf("audit log = %+v, %v", log, err)
	}
}

// saveRecord stores rec as a new document received at the given time.
func saveRecord(tb testing.TB, s *Store, sha string, rec model.Record, at time.Time) {
	tb.Helper()
	d := Document{SHA256: sha, Name: sha + ".pdf", ReceivedAt: at, Size: 1, Outcome: OutcomeRecord, StoredPath: "archive/" + sha}
	r := Receipt{Folder: FolderInbox, SHA256: sha, Name: d.Name, Size: 1, ReceivedAt: at, Outcome: OutcomeRecord, StoredPath: d.StoredPath}
	if err := s.SaveDocument(context.Background(), d, &rec, r); err != nil {
		tb.Fatal(err)
	}
}

func TestSaveDocumentTwiceFails(t *testing.T) {
	s := MustOpen(t)
	rec := mustTruth(t, "05-herault-udaf34", "convention-07-2020-udaf-herault.pdf")
	saveRecord(t, s, "aa", rec, time.Now())
	d := Document{SHA256: "aa", Name: "x", ReceivedAt: time.Now(), Outcome: OutcomeRecord, StoredPath: "archive/aa"}
	err := s.SaveDocument(context.Background(), d, &rec, Receipt{Folder: FolderInbox, SHA256: "aa", Name: "x", Outcome: OutcomeRecord})
	if err == nil {
		t.Fatal("second SaveDocument of the same content succeeded")
	}
	recs, err := s.StoredRecords(context.Background(), "")
	if err != nil || len(recs) != 1 {
		t.Fatalf("records = %d, %v; want 1 (the failed transaction must leave nothing)", len(recs), err)
	}
	if _, err := s.Document(context.Background(), "bb"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document(bb) err = %v, want ErrNotFound", err)
	}
}

func TestFindReceipt(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	r := Receipt{Folder: FolderInbox, SHA256: "cc", Name: "a/b.pdf", Size: 3, MtimeNS: 10, CtimeNS: 11, ReceivedAt: time.Now(), StoredPath: "archive/x"}
	if err := s.SaveDuplicate(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindReceipt(ctx, r)
	if err != nil || got.Outcome != OutcomeDuplicate || got.StoredPath != "archive/x" {
		t.Fatalf("FindReceipt = %+v, %v", got, err)
	}
	r.CtimeNS = 12 // a new copy of the same content
	if _, err := s.FindReceipt(ctx, r); !errors.Is(err, ErrNotFound) {
		t.Fatalf("FindReceipt(other ctime) err = %v, want ErrNotFound", err)
	}
}

func TestAuditPath(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	for _, tt := range []struct{ in, want string }{
		{"archive/ab/" + sha + ".pdf", "archive/ab/" + sha + ".pdf"},
		{"rejected/dossier-jean-dupont.pdf", "rejected/"},
		{"archive/duplicates/" + sha[:12] + "-0011aabb-dossier-jean-dupont.pdf", "archive/duplicates/"},
	} {
		if got := AuditPath(tt.in); got != tt.want {
			t.Errorf("AuditPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
