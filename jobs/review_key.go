package jobs

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"habilitations/jobs/store"
)

// ReviewKeyFile is the data directory's secret that seals the rows of the
// review workbooks (model.NewReviewSealer): 32 random bytes, hex, owner
// only. It is created with the data directory and must be kept with it
// (backups): without it, the workbooks already sent cannot be imported.
const ReviewKeyFile = "review.key"

// ErrReviewKey is wrapped when the review key is missing, unreadable, or
// not the one the store's workbooks were sealed with.
var ErrReviewKey = errors.New("review key")

// metaReviewKeyID is the store's record of the key in use: a hash of it,
// so that a lost or replaced key file is told apart from a new one.
const metaReviewKeyID = "review_key_id"

// ensureReviewKey creates review.key when missing: written whole under a
// temporary name, then linked into place, so that two processes opening a
// new data directory at once agree on one key.
func (d *DataDir) ensureReviewKey() error {
	path := d.Path(ReviewKeyFile)
	if _, err := os.Stat(path); err == nil || !errors.Is(err, os.ErrNotExist) {
		return err
	}
	var secret [32]byte
	if _, err := rand.Read(secret[:]); err != nil {
		return fmt.Errorf("create %s: %w", ReviewKeyFile, err)
	}
	tmp, err := fillTemp(d.Root, writeBytes([]byte(hex.EncodeToString(secret[:])+"\n")))
	if err != nil {
		return fmt.Errorf("create %s: %w", ReviewKeyFile, err)
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, os.ErrExist) {
		// ErrExist: another process made it first, and theirs is the key.
		return fmt.Errorf("create %s: %w", ReviewKeyFile, err)
	}
	return syncDir(d.Root)
}

// ReviewKey reads the review key and checks it against the one the store
// knows (recording it on first use). A key file that was deleted and made
// anew, or replaced, is refused: the workbooks sent were sealed with the
// old one, which the error asks to restore from the backup.
func ReviewKey(ctx context.Context, d *DataDir, st *store.Store) ([]byte, error) {
	path := d.Path(ReviewKeyFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrReviewKey, err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("%w: %s is not 32 bytes of hex", ErrReviewKey, filepath.Base(path))
	}
	sum := sha256.Sum256(append([]byte("habilitations review key id\x00"), key...))
	id := hex.EncodeToString(sum[:8])
	known, err := st.Meta(ctx, metaReviewKeyID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return key, st.SetMeta(ctx, metaReviewKeyID, id)
	case err != nil:
		return nil, err
	case known != id:
		return nil, fmt.Errorf("%w: %s is not the key the review workbooks of this data directory were sealed with "+
			"(key id %s, expected %s): restore it from the backup of the data directory", ErrReviewKey, ReviewKeyFile, id, known)
	}
	return key, nil
}
