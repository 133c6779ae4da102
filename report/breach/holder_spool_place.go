package breach

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"habilitations/model"
)

// place writes the accounts to the sorted file, breach after breach: for
// each window of breaches (at most holderWindow bytes, or one breach), the
// raw file is read once and the window's rows copied to their breach's
// place in a buffer, then each breach's rows are sorted and written out.
// It runs once, when the report first asks for accounts.
func (s *HolderSpool) place() error {
	if s.placed || s.err != nil {
		return s.err
	}
	if !s.breachesSet {
		s.err = errors.New("holders spool: accounts asked for before the breaches were given")
		return s.err
	}
	s.placed = true
	s.off, s.counts, s.placedSize = make([]int64, len(s.size)), make([]int, len(s.size)), make([]int64, len(s.size))
	out := bufio.NewWriterSize(s.sorted, 64<<10)
	var at int64
	var buf []byte
	var hs []model.Habilitation
	seen := map[string]struct{}{}
	for g0 := 0; g0 < len(s.size); {
		g1, total := g0+1, s.size[g0]
		for g1 < len(s.size) && total+s.size[g1] <= holderWindow {
			total += s.size[g1]
			g1++
		}
		if total == 0 {
			g0 = g1
			continue
		}
		buf = slices.Grow(buf[:0], int(total))[:total] // every byte is written by gather
		pos := make([]int64, g1-g0+1)
		for g := g0; g < g1; g++ {
			pos[g-g0+1] = pos[g-g0] + s.size[g]
		}
		if err := s.gather(g0, g1, buf, slices.Clone(pos[:g1-g0])); err != nil {
			s.err = err
			return err
		}
		for g := g0; g < g1; g++ {
			hs = hs[:0]
			for seg := buf[pos[g-g0]:pos[g-g0+1]]; len(seg) > 0; {
				n, k := binary.Uvarint(seg)
				h, err := decodeHolder(seg[k : k+int(n)])
				if err != nil {
					s.err = fmt.Errorf("holders spool: %w", err)
					return s.err
				}
				hs = append(hs, h)
				seg = seg[k+int(n):]
			}
			hs = sortHolders(hs, seen)
			s.off[g], s.counts[g] = at, len(hs)
			for i := range hs {
				s.enc = encodeHolder(s.enc[:0], &hs[i])
				var head [binary.MaxVarintLen64]byte
				m, _ := out.Write(head[:binary.PutUvarint(head[:], uint64(len(s.enc)))]) // a bufio error sticks: the next Write returns it
				n, err := out.Write(s.enc)
				if err != nil {
					s.err = fmt.Errorf("holders spool: %w", err)
					return s.err
				}
				at += int64(m + n)
			}
			s.placedSize[g] = at - s.off[g]
		}
		g0 = g1
	}
	if err := out.Flush(); err != nil {
		s.err = fmt.Errorf("holders spool: %w", err)
	}
	return s.err
}

// gather reads the raw file once and copies the rows of groups g0 to g1-1
// into buf, each group from its offset pos[g-g0] on, length prefix kept.
func (s *HolderSpool) gather(g0, g1 int, buf []byte, pos []int64) error {
	r := bufio.NewReaderSize(io.NewSectionReader(s.raw, 0, 1<<62), 64<<10)
	for {
		g, err := binary.ReadUvarint(r)
		if err == io.EOF {
			return nil
		}
		n, err2 := binary.ReadUvarint(r)
		if err = cmp.Or(err, err2); err != nil {
			return fmt.Errorf("holders spool: %w", err)
		}
		if int(g) < g0 || int(g) >= g1 {
			if _, err := r.Discard(int(n)); err != nil {
				return fmt.Errorf("holders spool: %w", err)
			}
			continue
		}
		p := pos[int(g)-g0]
		k := int64(binary.PutUvarint(buf[p:], n))
		if _, err := io.ReadFull(r, buf[p+k:p+k+int64(n)]); err != nil {
			return fmt.Errorf("holders spool: %w", err)
		}
		pos[int(g)-g0] = p + k + int64(n)
	}
}

// read returns the accounts of breach i (key), read back from the sorted file
// into dst's memory. The breach's bytes are read at once, exactly: the
// report's files ask for tens of thousands of breaches, most of a few
// hundred bytes, and a buffered reader per breach allocated and filled 4 kB
// each time. The bytes are no more than the accounts decoded from them.
func (s *HolderSpool) read(i int, key string, dst []model.Habilitation) ([]model.Habilitation, error) {
	g, err := s.checkBreach(i, key)
	if err != nil {
		return dst, err
	}
	dst = dst[:0]
	b := make([]byte, s.placedSize[g])
	if _, err := s.sorted.ReadAt(b, s.off[g]); err != nil {
		return dst, fmt.Errorf("holders spool: %w", err)
	}
	for range s.counts[g] {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return dst, fmt.Errorf("holders spool: %w", errShortHolder)
		}
		h, err := decodeHolder(b[k : k+int(n)])
		if err != nil {
			return dst, fmt.Errorf("holders spool: %w", err)
		}
		dst = append(dst, h)
		b = b[k+int(n):]
	}
	return dst, nil
}

// encodeHolder appends the fields of an account the report shows: strings
// length-prefixed, dates as day numbers (0 for none).
func encodeHolder(dst []byte, h *model.Habilitation) []byte {
	for _, s := range []string{h.Account, h.LastName, h.FirstName, h.Email, h.Role, h.Status} {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	for _, d := range []model.Date{h.Created, h.LastLogin} {
		v := int64(0)
		if !d.IsZero() {
			v = int64(d.DaysSince(dayOne)) + 1
		}
		dst = binary.AppendVarint(dst, v)
	}
	return dst
}

var dayOne = model.NewDate(1, time.January, 1)

var errShortHolder = errors.New("account record cut short")

func decodeHolder(b []byte) (model.Habilitation, error) {
	var h model.Habilitation
	for _, p := range []*string{&h.Account, &h.LastName, &h.FirstName, &h.Email, &h.Role, &h.Status} {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return h, errShortHolder
		}
		*p, b = string(b[k:k+int(n)]), b[k+int(n):]
	}
	for _, d := range []*model.Date{&h.Created, &h.LastLogin} {
		v, k := binary.Varint(b)
		if k <= 0 {
			return h, errShortHolder
		}
		if v != 0 {
			*d = dayOne.AddDays(int(v - 1))
		}
		b = b[k:]
	}
	return h, nil
}
