package breach

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"habilitations/model"
)

// HolderSpool keeps the accounts behind each breach on disk, so that a
// report whose breaches hold hundreds of thousands of accounts never holds
// them all. Rows are appended to an owner-only file with their slot
// (model.SlotIndex) as an export reader yields them, before the breaches
// are known; SetBreaches then keeps those of the breached slots, and they
// are placed breach after breach into a second file (a window of breaches
// at a time, at most holderWindow bytes in memory), each breach's accounts
// without repeats and in model.CompareSlotHolders order. The report reads
// one breach's accounts at a time. Close removes the files.
type HolderSpool struct {
	dir         string
	raw, sorted *os.File
	w           *bufio.Writer
	slotSize    []int64  // bytes of each slot's rows in raw (length prefixes included)
	keys        []string // the breaches' keys, in the breaches sheet's order
	group       []int    // breach index → index of the first breach with its key
	size        []int64  // bytes of each group's rows (length prefixes included)
	off         []int64  // each group's offset in sorted, once placed
	placedSize  []int64  // each group's bytes in sorted, once placed
	counts      []int    // each group's accounts, once placed
	breachesSet bool
	placed      bool
	enc         []byte
	err         error
}

// holderWindow bounds the bytes of accounts placed at once (one breach
// larger than that is placed alone: its accounts are sorted in memory).
var holderWindow int64 = 16 << 20

// NewHolderSpool returns an empty spool, whose files go into a new private
// folder of dir ("": the system's temporary folder).
func NewHolderSpool(dir string) (*HolderSpool, error) {
	d, err := os.MkdirTemp(dir, ".holders-*")
	if err != nil {
		return nil, fmt.Errorf("holders spool: %w", err)
	}
	s := &HolderSpool{dir: d}
	for _, p := range []**os.File{&s.raw, &s.sorted} {
		if *p, err = os.CreateTemp(d, "h-*"); err != nil {
			s.Close()
			return nil, fmt.Errorf("holders spool: %w", err)
		}
	}
	s.w = bufio.NewWriterSize(s.raw, 64<<10)
	return s, nil
}

// Add keeps h as a holder of slot (model.SlotIndex.Slot). A later row of
// the same account and slot is left out when the accounts are placed, as
// model.SlotHolders leaves it.
func (s *HolderSpool) Add(slot int32, h *model.Habilitation) error {
	if s.err != nil {
		return s.err
	}
	switch {
	case slot < 0:
		s.err = fmt.Errorf("holders spool: slot %d", slot)
	case s.breachesSet:
		s.err = errors.New("holders spool: account added after the breaches were given")
	}
	if s.err != nil {
		return s.err
	}
	s.enc = encodeHolder(s.enc[:0], h)
	n := len(s.enc)
	var head [2 * binary.MaxVarintLen64]byte
	hs := binary.AppendUvarint(head[:0], uint64(slot))
	hb := binary.AppendUvarint(hs, uint64(n))
	if int(slot) >= len(s.slotSize) {
		s.slotSize = append(s.slotSize, make([]int64, int(slot)+1-len(s.slotSize))...)
	}
	// Placed, a row keeps its length prefix, not its slot's number.
	s.slotSize[slot] += int64(len(hb) - len(hs) + n)
	if _, err := s.w.Write(hb); err != nil {
		s.err = fmt.Errorf("holders spool: %w", err)
	} else if _, err := s.w.Write(s.enc); err != nil {
		s.err = fmt.Errorf("holders spool: %w", err)
	}
	return s.err
}

// SetBreaches gives the quota findings, in the order of the report's
// breaches sheet (Spool.Breaches), and the breach of each slot, an index
// of breaches or -1 (model.SlotIndex.Breaches of them): the rows of
// breached slots are kept, the others dropped. No account may be added
// after it.
func (s *HolderSpool) SetBreaches(breaches []model.Finding, slotBreach []int32) error {
	if s.err != nil {
		return s.err
	}
	switch {
	case s.breachesSet:
		s.err = errors.New("holders spool: breaches given twice")
	case len(slotBreach) < len(s.slotSize):
		s.err = fmt.Errorf("holders spool: %d slots held, %d mapped to breaches", len(s.slotSize), len(slotBreach))
	}
	if s.err != nil {
		return s.err
	}
	s.breachesSet = true
	s.keys, s.group, s.size = make([]string, len(breaches)), make([]int, len(breaches)), make([]int64, len(breaches))
	first := map[string]int{}
	for i, f := range breaches {
		k := f.Key()
		if _, ok := first[k]; !ok {
			first[k] = i
		}
		s.keys[i], s.group[i] = k, first[k]
	}
	groupOf := make([]int32, len(s.slotSize))
	for sl := range groupOf {
		groupOf[sl] = -1
		if b := slotBreach[sl]; b >= 0 {
			if int(b) >= len(breaches) {
				s.err = fmt.Errorf("holders spool: slot %d mapped to breach %d of %d", sl, b, len(breaches))
				return s.err
			}
			groupOf[sl] = int32(s.group[b])
			s.size[s.group[b]] += s.slotSize[sl]
		}
	}
	if err := s.keepBreached(groupOf); err != nil {
		s.err = fmt.Errorf("holders spool: %w", err)
	}
	return s.err
}

// keepBreached copies the rows of breached slots to a new raw file, each
// with its group (groupOf: slot → group, -1 for none) instead of its slot,
// in the order added, and drops the others: on a findings-heavy export the
// raw file holds every slot-holding row, and a third of them are kept.
func (s *HolderSpool) keepBreached(groupOf []int32) (err error) {
	if err := s.w.Flush(); err != nil {
		return err
	}
	kept, err := os.CreateTemp(s.dir, "h-*")
	if err != nil {
		return err
	}
	old := s.raw
	s.raw = kept // Close removes either
	defer func() { err = errors.Join(err, old.Close(), os.Remove(old.Name())) }()
	r := bufio.NewReaderSize(io.NewSectionReader(old, 0, 1<<62), 64<<10)
	w := bufio.NewWriterSize(kept, 64<<10)
	var head [2 * binary.MaxVarintLen64]byte
	var buf []byte
	for {
		slot, err := binary.ReadUvarint(r)
		if err == io.EOF {
			break
		}
		n, err2 := binary.ReadUvarint(r)
		if err := cmp.Or(err, err2); err != nil {
			return err
		}
		if slot >= uint64(len(groupOf)) || groupOf[slot] < 0 {
			if _, err := r.Discard(int(n)); err != nil {
				return err
			}
			continue
		}
		hb := binary.AppendUvarint(binary.AppendUvarint(head[:0], uint64(groupOf[slot])), n)
		if _, err := w.Write(hb); err != nil {
			return err
		}
		buf = slices.Grow(buf[:0], int(n))[:n]
		if _, err := io.ReadFull(r, buf); err != nil {
			return err
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return w.Flush()
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
