package model

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strconv"
)

// ReviewSealer computes the hidden control of the review workbook's rows: a
// tag binding the row's key to its workbook (8 hex digits), then 4 hex
// digits per generated cell. The reader recomputes it to tell a row pasted
// from another workbook (foreign) and to name each protected cell edited.
// A cell's tag has 16 bits: one edit in 65,536 keeps its tag and goes
// unnoticed, enough for the slips it is made to catch (the seal of a row
// pasted from elsewhere has 32 more bits).
//
// The keyed sealer (NewReviewSealer, format ReviewFormat) is HMAC-SHA-256
// under the data directory's secret, truncated: whoever knows the algorithm
// but not the secret cannot re-seal an edited row. The unkeyed sealer
// (UnkeyedReviewSealer, format ReviewFormatUnkeyed) is FNV-1a, as the
// workbooks issued before the key carried: it catches mistakes, not forgery.
//
// A sealer is not safe for concurrent use (it reuses its hash state).
type ReviewSealer struct {
	format string
	mac    hash.Hash // nil: unkeyed FNV-1a
	sum    []byte
}

// NewReviewSealer returns the keyed sealer of format ReviewFormat.
func NewReviewSealer(key []byte) *ReviewSealer {
	return &ReviewSealer{format: ReviewFormat, mac: hmac.New(sha256.New, key)}
}

// UnkeyedReviewSealer returns the sealer of the workbooks of format
// ReviewFormatUnkeyed.
func UnkeyedReviewSealer() *ReviewSealer {
	return &ReviewSealer{format: ReviewFormatUnkeyed}
}

// Format is the workbook format whose rows this sealer seals.
func (s *ReviewSealer) Format() string { return s.format }

// Control returns the control of a row of workbookID.
func (s *ReviewSealer) Control(workbookID, key string, cells [ReviewProtectedCount]string) string {
	return s.ControlCells(workbookID, key, cells[:])
}

// Check compares a row read back with its control: foreign is true when the
// key does not belong to workbookID (or the control is not one), otherwise
// edited lists the indexes of the generated cells changed.
func (s *ReviewSealer) Check(workbookID, key string, cells [ReviewProtectedCount]string, control string) (foreign bool, edited []int) {
	return s.CheckCells(workbookID, key, cells[:], control)
}

// ControlCells is Control for a row of any number of generated cells: the
// verification workbook's rows are sealed the same way as the review's.
func (s *ReviewSealer) ControlCells(workbookID, key string, cells []string) string {
	b := make([]byte, 4+2*len(cells))
	binary.BigEndian.PutUint32(b[:4], uint32(s.digest(workbookID, key, -1, "")))
	for i, c := range cells {
		binary.BigEndian.PutUint16(b[4+2*i:], uint16(s.digest(workbookID, key, i, c)))
	}
	return hex.EncodeToString(b)
}

// CheckCells is Check for a row of any number of generated cells.
func (s *ReviewSealer) CheckCells(workbookID, key string, cells []string, control string) (foreign bool, edited []int) {
	want := s.ControlCells(workbookID, key, cells)
	if len(control) != len(want) || !hmac.Equal([]byte(control[:8]), []byte(want[:8])) {
		return true, nil
	}
	for i := range cells {
		at := 8 + 4*i
		if !hmac.Equal([]byte(control[at:at+4]), []byte(want[at:at+4])) {
			edited = append(edited, i)
		}
	}
	return false, edited
}

// digest hashes the parts "workbookID\x1f key\x1f" then, for cell i >= 0,
// "i\x1f cell\x1f" (for the tag, "\x1f"), each part ended by \x1f so that no
// two rows' parts run together. The unkeyed form is the one the first
// workbooks were sealed with (TestReviewControlDigest pins it).
func (s *ReviewSealer) digest(workbookID, key string, i int, cell string) uint64 {
	var num [20]byte
	if s.mac == nil {
		h := fnv64a(fnv64a(fnv64a(fnv64a(fnvOffset64, workbookID), sep), key), sep)
		if i < 0 {
			return fnv64a(h, sep)
		}
		h = fnv64a(fnv64a(h, strconv.AppendInt(num[:0], int64(i), 10)), sep)
		return fnv64a(fnv64a(h, cell), sep)
	}
	s.mac.Reset()
	for _, p := range [...]string{workbookID, key} {
		s.mac.Write([]byte(p))
		s.mac.Write([]byte(sep))
	}
	if i >= 0 {
		s.mac.Write(strconv.AppendInt(num[:0], int64(i), 10))
		s.mac.Write([]byte(sep))
		s.mac.Write([]byte(cell))
	}
	s.mac.Write([]byte(sep))
	s.sum = s.mac.Sum(s.sum[:0])
	return binary.BigEndian.Uint64(s.sum)
}

const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
	sep         = "\x1f" // ends every hashed part
)

// fnv64a continues the FNV-1a hash h over s, as hash/fnv's New64a does.
func fnv64a[T ~string | ~[]byte](h uint64, s T) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime64
	}
	return h
}
