package jobs

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxNameBytes bounds the names the pipeline writes (file systems allow 255;
// room is left for « -<hash>» and « .motif.txt »).
const maxNameBytes = 120

// safeName turns a dropped file's relative name into a single, harmless file
// name: only its last element is kept (no folders, so no « .. » and no
// absolute path can reach the output), control and reserved characters become
// « _ », leading dots and spaces go (no hidden files), the name is NFC and at
// most maxNameBytes long with its extension kept.
func safeName(rel string) string {
	base := rel
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	base = norm.NFC.String(strings.ToValidUTF8(base, "_"))
	var b strings.Builder
	for _, r := range base {
		switch {
		case unicode.IsControl(r), r == unicode.ReplacementChar, strings.ContainsRune(`<>:"|?*`, r),
			unicode.Is(unicode.Cf, r): // bidi overrides hide an extension
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	name := strings.TrimLeft(strings.TrimSpace(b.String()), ". ")
	name = strings.TrimRight(name, ". ")
	if name == "" {
		name = "document"
	}
	if len(name) > maxNameBytes {
		ext := path.Ext(name)
		if len(ext) > 10 {
			ext = ""
		}
		stem := name[:len(name)-len(ext)]
		cut := maxNameBytes - len(ext)
		for cut > 0 && !utf8.RuneStart(stem[cut]) {
			cut--
		}
		name = stem[:cut] + ext
	}
	return name
}

// within reports whether target (absolute, cleaned) lies inside dir: the last
// guard before anything is written from a dropped name.
func within(dir, target string) bool {
	rel, err := filepath.Rel(dir, target)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}

// writeAtomic writes data to path atomically (createAtomic): after a
// crash path holds either nothing or all of data.
func writeAtomic(path string, data []byte) error {
	if err := createAtomic(path, writeBytes(data)); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// sameContent reports whether the file at path exists and holds data.
func sameContent(path string, data []byte) bool {
	b, err := os.ReadFile(path)
	return err == nil && bytes.Equal(b, data)
}

// keep writes data at rel (relative to the data directory) unless the file
// already holds exactly data: writing the same content again after a crash is
// then a no-op, and an archived file is never overwritten by other content
// (content addressing makes that impossible; a damaged copy is repaired).
func (d *DataDir) keep(rel string, data []byte) error {
	p := d.Path(rel)
	if !within(d.Root, p) {
		return fmt.Errorf("refusing to write outside the data directory: %q", rel)
	}
	if sameContent(p, data) {
		return nil
	}
	return writeAtomic(p, data)
}

// freeName returns rel/<name> when no file has that name or the file there
// already holds data, else rel/<stem>-<hash8><ext>: deterministic, so that a
// run repeated after a crash lands on the same path.
func (d *DataDir) freeName(dir, name string, data []byte, sha string) string {
	rel := dir + "/" + name
	if _, err := os.Lstat(d.Path(rel)); errors.Is(err, fs.ErrNotExist) || sameContent(d.Path(rel), data) {
		return rel
	}
	ext := path.Ext(name)
	return dir + "/" + strings.TrimSuffix(name, ext) + "-" + sha[:8] + ext
}

// sha256Hex is the content hash that addresses archived files.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return fmt.Sprintf("%x", sum[:])
}

// hashFile is the SHA-256 of a file read as a stream (files too large to hold).
func hashFile(p string) (string, error) {
	fh, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// keepFile is keep for a file too large to hold: a streamed, atomic copy.
func (d *DataDir) keepFile(rel, src string, size int64) error {
	p := d.Path(rel)
	if !within(d.Root, p) {
		return fmt.Errorf("refusing to write outside the data directory: %q", rel)
	}
	if st, err := os.Stat(p); err == nil && st.Size() == size {
		return nil // same name is derived from the same hash
	}
	in, err := os.OpenFile(src, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = io.Copy(tmp, in)
	if err == nil {
		err = tmp.Chmod(FileMode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("copy to %s: %w", filepath.Base(p), err)
	}
	return syncDir(filepath.Dir(p))
}

// removeTemporaries deletes the temporary files (.tmp-*) that a run killed in
// the middle of writeAtomic left in archive/ and rejected/. Only the holder
// of the lock may call it.
func (d *DataDir) removeTemporaries() error {
	for _, dir := range []string{DirArchive, DirRejected} {
		err := filepath.WalkDir(d.Path(dir), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if !e.IsDir() && strings.HasPrefix(e.Name(), ".tmp-") {
				return os.Remove(p)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("remove temporary files: %w", err)
		}
	}
	return nil
}
