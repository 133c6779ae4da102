package jobs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeName(t *testing.T) {
	long := strings.Repeat("é", 200) + ".pdf"
	tests := []struct{ in, want string }{
		{"convention.pdf", "convention.pdf"},
		{"sous-dossier/convention.pdf", "convention.pdf"},
		{"../../etc/passwd", "passwd"},
		{`..\..\Windows\evil.pdf`, "evil.pdf"},
		{"/etc/cron.d/x.pdf", "x.pdf"},
		{"..", "document"},
		{"...pdf", "pdf"},
		{".cache.pdf", "cache.pdf"},
		{"a\nb\x00c.pdf", "a_b_c.pdf"},
		{"fdp\u202egnp.exe", "fdp_gnp.exe"},
		{"cafe\u0301.pdf", "café.pdf"},
		{"bad\xffutf8.pdf", "bad_utf8.pdf"},
		{`a<b>c:d"e|f?g*.pdf`, "a_b_c_d_e_f_g_.pdf"},
		{"  nom .pdf. ", "nom .pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := safeName(tt.in); got != tt.want {
				t.Errorf("safeName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	got := safeName(long)
	if len(got) > maxNameBytes || !strings.HasSuffix(got, ".pdf") || !utf8.ValidString(got) {
		t.Errorf("safeName(long) = %q (%d bytes)", got, len(got))
	}
}

func TestIngestHostileNamesStayInside(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	x := mustTruthExtractor(t)
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.pdf")
	os.WriteFile(secret, []byte("%PDF-1.4 secret"), 0o600)
	names := []string{`x\..\..\..\evil.pdf`, "a\nb.pdf", strings.Repeat("x", 250) + ".pdf", "-rf.pdf", `nom:avec*réservés?.pdf`}
	for _, n := range append(names, `..\..\hidden.pdf`, "..pdf") { // the last two are hidden names: ignored
		e.drop(t, DirInbox, n, []byte("%PDF-1.4 "+n))
	}
	// Links are never followed: neither to a file nor to a folder outside.
	if err := os.Symlink(secret, filepath.Join(e.dd.Inbox(), "lien.pdf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(e.dd.Inbox(), "dossier-lien")); err != nil {
		t.Fatal(err)
	}
	sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{})
	if err != nil || sum.Rejected != len(names) || sum.Ignored != 4 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	if _, err := os.Stat(secret); err != nil {
		t.Errorf("file outside touched: %v", err)
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 1 {
		t.Errorf("outside folder now holds %d entries", len(ents))
	}
	rej := listFiles(t, e.dd.Path(DirRejected))
	if len(rej) != 2*len(names) {
		t.Fatalf("rejected = %q", rej)
	}
	for _, r := range rej {
		if strings.ContainsAny(r, "/\\\n") || strings.HasPrefix(r, ".") || len(r) > maxNameBytes+len(".motif.txt") {
			t.Errorf("unsafe output name %q", r)
		}
	}
	// The store keeps the name as dropped, for people.
	rcs, _ := e.st.Receipts(ctx, "")
	found := false
	for _, rc := range rcs {
		found = found || rc.Name == `x\..\..\..\evil.pdf`
	}
	if !found {
		t.Error("original name not kept in the store")
	}
	if left := listFiles(t, e.dd.Inbox()); len(left) != 4 {
		t.Errorf("inbox = %v, want the two links and the two hidden files", left)
	}
}

func TestRejectedNameCollision(t *testing.T) {
	ctx := context.Background()
	e := mustIngestEnv(t)
	x := mustTruthExtractor(t)
	e.drop(t, DirInbox, "a/doc.txt", []byte("un"))
	e.drop(t, DirInbox, "b/doc.txt", []byte("deux"))
	if sum, err := Ingest(ctx, e.dd, e.st, x, IngestOptions{}); err != nil || sum.Rejected != 2 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	rej := listFiles(t, e.dd.Path(DirRejected))
	if len(rej) != 4 || rej[0] != "doc-"+sha256Hex([]byte("deux"))[:8]+".txt" || rej[2] != "doc.txt" {
		t.Errorf("rejected = %v", rej)
	}
}

func TestLock(t *testing.T) {
	dd, err := OpenDataDir(filepath.Join(t.TempDir(), "d"))
	if err != nil {
		t.Fatal(err)
	}
	l1, err := dd.Lock()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dd.Lock(); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v, want ErrLocked", err)
	}
	if err := l1.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := dd.Lock()
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	l2.Unlock()
	if st, _ := os.Stat(dd.LockPath()); st.Mode().Perm() != FileMode {
		t.Errorf("lock mode %v", st.Mode().Perm())
	}
}

func TestOpenDataDirLayout(t *testing.T) {
	root := filepath.Join(t.TempDir(), "x", "data")
	dd, err := OpenDataDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"", DirInbox, DirExports, DirArchive, DirDuplicates, DirRejected, DirReports} {
		st, err := os.Stat(dd.Path(sub))
		if err != nil || !st.IsDir() || st.Mode().Perm() != DirMode {
			t.Errorf("%q: %v %v", sub, st, err)
		}
	}
	if _, err := OpenDataDir(""); err == nil {
		t.Error("empty path accepted")
	}
	if ArchivePath("abcdef", ".pdf") != "archive/ab/abcdef.pdf" {
		t.Error(ArchivePath("abcdef", ".pdf"))
	}
}

// FuzzSafeName: whatever the dropped name, the name written is one harmless
// path element inside the folder.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"a.pdf", "../../x", `..\..\x`, "\x00", strings.Repeat("é", 300), ".", "/", "a/b/../c.pdf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := safeName(in)
		if got == "" || got == "." || got == ".." || strings.ContainsAny(got, "/\\\x00") || strings.HasPrefix(got, ".") ||
			len(got) > maxNameBytes || !utf8.ValidString(got) {
			t.Fatalf("safeName(%q) = %q", in, got)
		}
		dir := "/data/rejected"
		if !within(dir, filepath.Join(dir, got)) {
			t.Fatalf("safeName(%q) = %q escapes", in, got)
		}
	})
}
