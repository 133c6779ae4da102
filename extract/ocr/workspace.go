package ocr

import (
	"os"
)

// Workspace is the scratch directory of one document's recognition. The
// page images stay in it until Close, so that the regions of the values a
// person must check can be cropped from the very pixels that were read
// (Page.Crops), whatever turning and straightening they went through.
type Workspace struct{ dir string }

// NewWorkspace makes a workspace in the system's temporary directory,
// readable by this user only (page images hold personal data).
func NewWorkspace() (*Workspace, error) {
	dir, err := os.MkdirTemp("", "habilitations-ocr-*")
	if err != nil {
		return nil, err
	}
	return &Workspace{dir: dir}, nil
}

// Close removes the workspace and every page image in it. A nil workspace
// is closed already.
func (w *Workspace) Close() error {
	if w == nil {
		return nil
	}
	return os.RemoveAll(w.dir)
}

// sub makes a directory of its own in the workspace for one call (a
// document may be recognised twice, e.g. as one block of text), or a
// temporary one removed by done when w is nil.
func (w *Workspace) sub() (dir string, done func(), err error) {
	if w == nil {
		dir, err = os.MkdirTemp("", "habilitations-ocr-*")
		return dir, func() { os.RemoveAll(dir) }, err
	}
	dir, err = os.MkdirTemp(w.dir, "call-*")
	return dir, func() {}, err
}
