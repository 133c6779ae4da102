package breach

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"

	"habilitations/model"
)

// HolderSpool keeps the accounts behind each breach on disk, so that a
// report whose breaches hold hundreds of thousands of accounts never holds
// them all: rows are appended to an owner-only file as an export reader
// yields them, then placed breach after breach into a second file (a window
// of breaches at a time, at most holderWindow bytes in memory), each
// breach's accounts without repeats and in model.CompareSlotHolders order.
// The report reads one breach's accounts at a time. Close removes the files.
type HolderSpool struct {
	dir         string
	raw, sorted *os.File
	w           *bufio.Writer
	keys        []string // the breaches' keys, in the breaches sheet's order
	group       []int    // breach index → index of the first breach with its key
	size        []int64  // bytes of each group in raw (length prefixes included)
	off         []int64  // each group's offset in sorted, once placed
	counts      []int    // each group's accounts, once placed
	placed      bool
	enc         []byte
	err         error
}

// holderWindow bounds the bytes of accounts placed at once (one breach
// larger than that is placed alone: its accounts are sorted in memory).
var holderWindow int64 = 16 << 20

// NewHolderSpool returns an empty spool for the accounts of breaches, the
// quota findings in the order of the report's breaches sheet
// (Spool.Breaches), into a new private folder of dir ("": the system's
// temporary folder).
func NewHolderSpool(dir string, breaches []model.Finding) (*HolderSpool, error) {
	d, err := os.MkdirTemp(dir, ".holders-*")
	if err != nil {
		return nil, fmt.Errorf("holders spool: %w", err)
	}
	s := &HolderSpool{dir: d, group: make([]int, len(breaches)), keys: make([]string, len(breaches))}
	first := map[string]int{}
	for i, f := range breaches {
		k := f.Key()
		if _, ok := first[k]; !ok {
			first[k] = i
		}
		s.keys[i], s.group[i] = k, first[k]
	}
	s.size = make([]int64, len(breaches))
	for _, p := range []**os.File{&s.raw, &s.sorted} {
		if *p, err = os.CreateTemp(d, "h-*"); err != nil {
			s.Close()
			return nil, fmt.Errorf("holders spool: %w", err)
		}
	}
	s.w = bufio.NewWriterSize(s.raw, 64<<10)
	return s, nil
}

// Add keeps h as an account of breach i (an index of the breaches given to
// NewHolderSpool, as model.SlotMatcher.Match gives it). A later row of the
// same account and breach is left out, as model.SlotHolders leaves it.
func (s *HolderSpool) Add(i int, h *model.Habilitation) error {
	if s.err != nil {
		return s.err
	}
	switch {
	case i < 0 || i >= len(s.group):
		s.err = fmt.Errorf("holders spool: breach %d of %d", i, len(s.group))
	case s.placed:
		s.err = errors.New("holders spool: account added after the report began")
	}
	if s.err != nil {
		return s.err
	}
	g := s.group[i]
	s.enc = encodeHolder(s.enc[:0], h)
	n := len(s.enc)
	var head [2 * binary.MaxVarintLen64]byte
	hg := binary.AppendUvarint(head[:0], uint64(g))
	hb := binary.AppendUvarint(hg, uint64(n))
	// Placed, a row keeps its length prefix, not its breach's number.
	s.size[g] += int64(len(hb) - len(hg) + n)
	if _, err := s.w.Write(hb); err != nil {
		s.err = fmt.Errorf("holders spool: %w", err)
	} else if _, err := s.w.Write(s.enc); err != nil {
		s.err = fmt.Errorf("holders spool: %w", err)
	}
	return s.err
}

// Close removes the spool's files.
func (s *HolderSpool) Close() error {
	var errs []error
	for _, f := range []*os.File{s.raw, s.sorted} {
		if f != nil {
			errs = append(errs, f.Close())
		}
	}
	errs = append(errs, os.RemoveAll(s.dir))
	return errors.Join(errs...)
}

// checkBreach makes sure breach i of the report is the one the spool was
// made for: accounts listed under another breach would be wrong.
func (s *HolderSpool) checkBreach(i int, key string) (int, error) {
	if i >= len(s.keys) || s.keys[i] != key {
		return 0, fmt.Errorf("holders spool: breach %d of the report is not breach %d of the spool", i, i)
	}
	if err := s.place(); err != nil {
		return 0, err
	}
	return s.group[i], nil
}

// sortHolders puts one breach's accounts in the report's order, each
// account once (its first row kept).
func sortHolders(hs []model.Habilitation, seen map[string]struct{}) []model.Habilitation {
	clear(seen)
	hs = slices.DeleteFunc(hs, func(h model.Habilitation) bool {
		_, dup := seen[h.Account]
		seen[h.Account] = struct{}{}
		return dup
	})
	slices.SortFunc(hs, model.CompareSlotHolders)
	return hs
}
