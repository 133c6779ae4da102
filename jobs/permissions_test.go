package jobs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckPermissions: a data directory the program made is closed; a
// folder or file opened to others is named with the chmod that closes it.
func TestCheckPermissions(t *testing.T) {
	dd, err := OpenDataDir(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	if ws := dd.CheckPermissions(); len(ws) != 0 {
		t.Fatalf("new data directory: %v", ws)
	}
	for _, p := range []string{dd.Root, dd.Path(DirReports)} {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(dd.Path(DirReports+"/x.csv"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dd.Path(ReviewKeyFile), 0o640); err != nil {
		t.Fatal(err)
	}
	ws := dd.CheckPermissions()
	got := map[string]PermissionWarning{}
	for _, w := range ws {
		got[w.Path] = w
	}
	if len(ws) != 3 || got["."].Count != 1 || got[DirReports].Count != 2 || got[ReviewKeyFile].Count != 1 {
		t.Fatalf("warnings %+v", ws)
	}
	if fix := got[DirReports].Fix; !strings.HasPrefix(fix, "chmod -R go-rwx ") || !strings.Contains(fix, dd.Path(DirReports)) {
		t.Errorf("fix %q", fix)
	}
	if fix := got[ReviewKeyFile].Fix; !strings.HasPrefix(fix, "chmod go-rwx ") {
		t.Errorf("fix %q", fix)
	}
}
