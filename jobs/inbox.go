package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// dropped is a file found in a drop folder (inbox/ or exports/), as stat saw it.
type dropped struct {
	Folder  string // store.FolderInbox or store.FolderExports
	Path    string // absolute
	Rel     string // relative to the folder, slash-separated: the name kept in the store
	Size    int64
	MtimeNS int64
	CtimeNS int64
}

// same reports whether two observations of a file agree: the settle check.
func (a dropped) same(b dropped) bool {
	return a.Size == b.Size && a.MtimeNS == b.MtimeNS && a.CtimeNS == b.CtimeNS
}

// ignoredName reports whether a file or folder name is a temporary or system
// file that must never be taken: partial downloads and copies (browsers,
// WinSCP, FileZilla, rsync), Office lock files, hidden files and the litter of
// Windows, macOS and NAS shares. Paperless-ngx users hit each of these
// (e.g. *.filepart consumed mid-upload).
func ignoredName(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "~$"):
		return true
	case lower == "thumbs.db", lower == "desktop.ini", lower == "ehthumbs.db", lower == "@eadir",
		lower == "#recycle", lower == "#snapshot", lower == "$recycle.bin", lower == "system volume information",
		lower == "lost+found", lower == "__macosx":
		return true
	}
	for _, ext := range []string{".part", ".partial", ".filepart", ".tmp", ".temp", ".crdownload", ".download", ".swp", "~"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// scanFolder walks root (a symlink as root itself is followed: the inbox may
// be a link to a share) and returns the regular files to consider, sorted by
// path. Symbolic links inside it are never followed, so nothing outside the
// folder is ever read; ignored names (files and whole folders) are counted.
func scanFolder(ctx context.Context, root string) (files []dropped, ignored int, err error) {
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, 0, fmt.Errorf("scan %s: %w", filepath.Base(root), err)
	}
	err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == real {
				return err
			}
			ignored++ // an unreadable sub-folder: skip it, keep the rest
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if p == real {
			return nil
		}
		if ignoredName(d.Name()) {
			ignored++
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() { // symlinks, fifos, sockets, devices
			ignored++
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // gone since listed
		}
		rel, err := filepath.Rel(real, p)
		if err != nil {
			return nil
		}
		files = append(files, observe(p, filepath.ToSlash(rel), info))
		return nil
	})
	return files, ignored, err
}

// observe records what stat says of a file.
func observe(abs, rel string, info fs.FileInfo) dropped {
	d := dropped{Path: abs, Rel: rel, Size: info.Size(), MtimeNS: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		d.CtimeNS = st.Ctim.Sec*1e9 + st.Ctim.Nsec
	}
	return d
}

// settled waits for the settle interval, then returns the files whose size,
// mtime and ctime did not change meanwhile (a file still being copied, by
// a scanner or over a share, is left for a later run and never given up on).
// One wait covers the whole batch.
func settled(ctx context.Context, files []dropped, settle time.Duration) (ready []dropped, waiting int, err error) {
	if settle <= 0 || len(files) == 0 {
		return files, 0, nil
	}
	t := time.NewTimer(settle)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	case <-t.C:
	}
	for _, f := range files {
		info, err := os.Lstat(f.Path)
		if err != nil || !info.Mode().IsRegular() || !f.same(observe(f.Path, f.Rel, info)) {
			waiting++
			continue
		}
		ready = append(ready, f)
	}
	return ready, waiting, nil
}

// readDropped reads a settled file through a descriptor that refuses
// symlinks, and checks that the file did not change while read. errChanged
// means: leave it for the next run.
func readDropped(f dropped, maxBytes int64) ([]byte, error) {
	fh, err := os.OpenFile(f.Path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	before, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() || !f.same(observe(f.Path, f.Rel, before)) {
		return nil, errChanged
	}
	if maxBytes > 0 && f.Size > maxBytes {
		return nil, errTooLarge
	}
	data := make([]byte, f.Size)
	if _, err := io.ReadFull(fh, data); err != nil {
		return nil, errChanged // shorter than stat said: being rewritten
	}
	after, err := fh.Stat()
	if err != nil || !f.same(observe(f.Path, f.Rel, after)) {
		return nil, errChanged
	}
	return data, nil
}

var (
	errChanged  = errors.New("file changed while read")
	errTooLarge = errors.New("file exceeds the size limit")
)

// displayExt is the lower-case extension of a dropped name.
func displayExt(rel string) string { return strings.ToLower(path.Ext(rel)) }

func timeNS(ns int64) time.Time { return time.Unix(0, ns) }
