package jobs

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// PermissionWarning is a part of the data directory that other users may
// read or write: it holds personal data (contacts, accounts, decisions).
// The folders the program creates are 0700 and its files 0600; an older
// data directory, a restored backup or a share made by hand may be wider.
type PermissionWarning struct {
	Path  string `json:"path"`  // relative to the data directory; "." for itself
	Mode  string `json:"mode"`  // of Path itself, e.g. drwxr-xr-x
	Count int    `json:"count"` // entries open to others at or below Path
	Fix   string `json:"fix"`   // the command that closes them
}

// String is the warning as one line for the run summary and status.
func (w PermissionWarning) String() string {
	return fmt.Sprintf("%s (%s; %d open to other users): %s", w.Path, w.Mode, w.Count, w.Fix)
}

// CheckPermissions lists the parts of the data directory readable, writable
// or searchable by users other than its owner: the directory itself, then
// each entry at its top (a folder counted with everything below it). It
// changes nothing: an inbox shared on purpose is the operator's choice, but
// it is named every time.
func (d *DataDir) CheckPermissions() []PermissionWarning {
	var out []PermissionWarning
	if info, err := os.Stat(d.Root); err == nil && open(info.Mode()) {
		out = append(out, PermissionWarning{Path: ".", Mode: info.Mode().String(), Count: 1,
			Fix: fmt.Sprintf("chmod go-rwx %q", d.Root)})
	}
	entries, err := os.ReadDir(d.Root)
	if err != nil {
		return out
	}
	for _, e := range entries {
		p := filepath.Join(d.Root, e.Name())
		info, err := os.Lstat(p)
		if err != nil || info.Mode()&fs.ModeSymlink != 0 {
			continue
		}
		n := 0
		if info.IsDir() {
			filepath.WalkDir(p, func(q string, de fs.DirEntry, err error) error {
				if err != nil {
					return nil
				}
				if fi, err := de.Info(); err == nil && fi.Mode()&fs.ModeSymlink == 0 && open(fi.Mode()) {
					n++
				}
				return nil
			})
		} else if open(info.Mode()) {
			n = 1
		}
		if n == 0 {
			continue
		}
		fix := fmt.Sprintf("chmod go-rwx %q", p)
		if info.IsDir() {
			fix = fmt.Sprintf("chmod -R go-rwx %q", p)
		}
		out = append(out, PermissionWarning{Path: e.Name(), Mode: info.Mode().String(), Count: n, Fix: fix})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// open reports whether a mode gives group or others any access.
func open(m fs.FileMode) bool { return m.Perm()&0o077 != 0 }
