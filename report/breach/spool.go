package breach

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"habilitations/model"
)

// Spool keeps findings given convention by convention on disk, so that a
// report of a million rows whose accounts are mostly dormant holds one
// convention's findings at a time, not all of them. Findings are sorted by
// code first (model.SortFindings), then by convention: a batch's findings
// appended to one file per code, conventions in order, read back code after
// code, are in that order. The quota findings are kept once more in the
// order of the report's breaches sheet (by convention, unit, service,
// profile). The files are owner-only, in a private temporary folder that
// Close removes.
//
// What is written of each finding is chosen when the spool is made (Keep):
// the finding itself, to lay out the report's tables, and its text in the
// findings JSON, so that findings.json is the files put end to end (a
// million findings are then rendered once, never decoded back).
type Spool struct {
	dir    string
	keep   Keep
	files  [nFiles]*os.File
	bufs   [nFiles]*bufio.Writer
	counts [nBuckets]int
	// groups counts each bucket's findings by code and convention in the
	// order written (countInGroups), for the summarised « Autres constats »
	// sheet (only when the findings are kept: --json alone does not count).
	groups [nBuckets][]groupRow
	convs  int    // conventions with a breach
	last   string // the previous batch's convention, to check the order
	any    bool
	enc    []byte
	err    error
	// mu makes the first reading's flush safe when the findings, all
	// added, are read by several goroutines at once (the report's files).
	mu sync.Mutex
}

// Buckets: one per code in model.Codes order, one for an unknown code, and
// the breaches in the report's order.
const (
	bucketUnknown  = len(model.Codes)
	bucketBreaches = len(model.Codes) + 1
	nBuckets       = len(model.Codes) + 2
	// The findings JSON of bucket b (b < bucketBreaches) is in file
	// jsonFile+b.
	jsonFile = nBuckets
	nFiles   = nBuckets + bucketBreaches
)

// Keep says what a Spool writes of each finding.
type Keep uint8

// What a Spool may keep: the findings (Spool.All, Spool.Breaches and the
// report's tables need them) and their findings JSON (Spool.WriteJSON).
// Counts are always kept.
const (
	KeepFindings Keep = 1 << iota
	KeepJSON
)

// NewSpool returns an empty spool keeping the findings and their JSON,
// whose files go into a new private folder of dir ("" : the system's
// temporary folder).
func NewSpool(dir string) (*Spool, error) { return NewSpoolKeeping(dir, KeepFindings|KeepJSON) }

// NewSpoolKeeping is NewSpool keeping only what keep says: a caller that
// prints the findings JSON and nothing else does not need them encoded
// for the tables too.
func NewSpoolKeeping(dir string, keep Keep) (*Spool, error) {
	d, err := os.MkdirTemp(dir, ".findings-*")
	if err != nil {
		return nil, fmt.Errorf("findings spool: %w", err)
	}
	s := &Spool{dir: d, keep: keep}
	for i := range s.files {
		f, err := os.OpenFile(filepath.Join(d, strconv.Itoa(i)), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("findings spool: %w", err)
		}
		s.files[i], s.bufs[i] = f, bufio.NewWriterSize(f, 32<<10)
	}
	return s, nil
}

// Add appends the findings of one convention (conv, "" for those without
// one), sorted with model.SortFindings; conventions must come in increasing
// order, as model.Reconciler.FindingsByConvention yields them. Once the
// last is added, the findings may be read by several goroutines at once.
func (s *Spool) Add(conv string, fs []model.Finding) error {
	if s.err != nil {
		return s.err
	}
	if s.any && conv <= s.last {
		return fmt.Errorf("findings spool: convention %q after %q", conv, s.last)
	}
	s.any, s.last = true, conv
	var breaches []model.Finding
	for i := range fs {
		b := codeBucket(fs[i].Code)
		if b <= 1 { // quota_exceeded, profile_not_authorized
			breaches = append(breaches, fs[i])
		}
		s.put(b, &fs[i])
	}
	// The breaches sheet lists a partner's breaches together, by unit,
	// service and profile (a stable sort of the code-sorted findings).
	slices.SortStableFunc(breaches, compareBreaches)
	for i := range breaches {
		s.put(bucketBreaches, &breaches[i])
	}
	if len(breaches) > 0 {
		s.convs++
	}
	return s.err
}

func compareBreaches(a, b model.Finding) int {
	return cmp.Or(cmp.Compare(a.Convention, b.Convention), cmp.Compare(a.Unit, b.Unit),
		cmp.Compare(a.Service, b.Service), cmp.Compare(a.Profile, b.Profile))
}

func codeBucket(c model.Code) int {
	if i := slices.Index(model.Codes[:], c); i >= 0 {
		return i
	}
	return bucketUnknown
}

// Len is the number of findings added.
func (s *Spool) Len() int {
	n := 0
	for i := range bucketBreaches {
		n += s.counts[i]
	}
	return n
}

// Count is the number of findings of code c added.
func (s *Spool) Count(c model.Code) int { return s.counts[codeBucket(c)] }

// All yields every finding added, in model.SortFindings order. It may be
// ranged over again; the error ends the sequence.
func (s *Spool) All() iter.Seq2[model.Finding, error] {
	return s.read(0, bucketBreaches)
}

// Breaches yields the quota findings (quota_exceeded and
// profile_not_authorized) in the order of the report's breaches sheet: by
// convention, unit, service and profile.
func (s *Spool) Breaches() iter.Seq2[model.Finding, error] {
	return s.read(bucketBreaches, nBuckets)
}

func (s *Spool) breaches() iter.Seq2[model.Finding, error] { return s.Breaches() }

// others yields the findings other than quota ones, in SortFindings order.
func (s *Spool) others() iter.Seq2[model.Finding, error] { return s.read(2, bucketBreaches) }

// otherGroups are the findings other than quota ones counted by code, then
// convention, in SortFindings order: what counting others() gives.
func (s *Spool) otherGroups() []groupRow {
	var out []groupRow
	for b := 2; b < bucketBreaches; b++ {
		out = append(out, s.groups[b]...)
	}
	return out
}

func (s *Spool) read(from, to int) iter.Seq2[model.Finding, error] {
	return func(yield func(model.Finding, error) bool) {
		if s.keep&KeepFindings == 0 {
			yield(model.Finding{}, errors.New("findings spool: findings not kept"))
			return
		}
		if err := s.flush(); err != nil {
			yield(model.Finding{}, err)
			return
		}
		for b := from; b < to; b++ {
			r := bufio.NewReaderSize(io.NewSectionReader(s.files[b], 0, 1<<62), 32<<10)
			for range s.counts[b] {
				f, err := decodeFinding(r)
				if err != nil {
					err = fmt.Errorf("findings spool: %w", err)
				}
				if !yield(f, err) || err != nil {
					return
				}
			}
		}
	}
}

func (s *Spool) flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	for _, b := range s.bufs {
		if b == nil {
			continue
		}
		if err := b.Flush(); err != nil {
			s.err = fmt.Errorf("findings spool: %w", err)
			return s.err
		}
	}
	return nil
}

// Close removes the spool's files.
func (s *Spool) Close() error {
	var errs []error
	for _, f := range s.files {
		if f != nil {
			errs = append(errs, f.Close())
		}
	}
	errs = append(errs, os.RemoveAll(s.dir))
	return errors.Join(errs...)
}

func (s *Spool) put(b int, f *model.Finding) {
	if s.err != nil {
		return
	}
	s.counts[b]++
	if s.keep&KeepFindings != 0 {
		if b > 1 && b < bucketBreaches {
			s.groups[b] = countInGroups(s.groups[b], *f)
		}
		s.enc = encodeFinding(s.enc[:0], f)
		s.write(b, s.enc)
	}
	if s.keep&KeepJSON != 0 && b < bucketBreaches {
		s.enc = appendFindingIndented(append(s.enc[:0], ",\n    "...), f)
		s.write(jsonFile+b, s.enc)
	}
}

func (s *Spool) write(file int, b []byte) {
	if _, err := s.bufs[file].Write(b); err != nil && s.err == nil {
		s.err = fmt.Errorf("findings spool: %w", err)
	}
}

// encodeFinding appends every field of f: strings length-prefixed, numbers
// as varints.
func encodeFinding(dst []byte, f *model.Finding) []byte {
	str := func(s string) {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	for _, s := range []string{string(f.Code), f.Convention, f.Unit, f.Service, string(f.Profile), f.Account, f.Organisme, f.Name} {
		str(s)
	}
	dst = binary.AppendVarint(dst, int64(f.Quota))
	dst = binary.AppendVarint(dst, int64(f.Count))
	if f.Accounts == nil {
		return binary.AppendUvarint(dst, 0)
	}
	dst = binary.AppendUvarint(dst, uint64(len(f.Accounts))+1)
	for _, a := range f.Accounts {
		str(a)
	}
	return dst
}

func decodeFinding(r *bufio.Reader) (model.Finding, error) {
	var f model.Finding
	var err error
	str := func(p *string) {
		if err != nil {
			return
		}
		var n uint64
		if n, err = binary.ReadUvarint(r); err != nil {
			return
		}
		if n == 0 {
			*p = ""
			return
		}
		// The bytes are copied once, into the string, while they sit in
		// the reader's buffer (a field is far smaller than the buffer).
		if n <= uint64(r.Size()) {
			var b []byte
			if b, err = r.Peek(int(n)); err == nil {
				*p = string(b)
				_, err = r.Discard(int(n))
			} else if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return
		}
		b := make([]byte, n)
		if _, err = io.ReadFull(r, b); err == nil {
			*p = string(b)
		}
	}
	var code, profile string
	for _, p := range []*string{&code, &f.Convention, &f.Unit, &f.Service, &profile, &f.Account, &f.Organisme, &f.Name} {
		str(p)
	}
	f.Code, f.Profile = model.Code(code), model.Profile(profile)
	num := func(p *int) {
		if err != nil {
			return
		}
		var v int64
		v, err = binary.ReadVarint(r)
		*p = int(v)
	}
	num(&f.Quota)
	num(&f.Count)
	if err != nil {
		return f, err
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n == 0 {
		return f, err
	}
	f.Accounts = make([]string, n-1)
	for i := range f.Accounts {
		str(&f.Accounts[i])
	}
	return f, err
}
