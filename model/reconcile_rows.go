package model

// crow is what the rules need of one export row, kept by a Reconciler until
// its findings are asked for: 48 bytes without a pointer, against 232 for a
// Habilitation. The partner, SIRET, unit and service as written are
// resolved when the row is added (to a convention and a slot group) and not
// kept.
type crow struct {
	account, email     strRef // in Reconciler.tab
	last, first        uint32 // Nom and Prénom: indexes in Reconciler.nameTab
	created, lastLogin Date
	group              int32 // slot group (Reconciler.groups), -1: unit unknown to the convention
	profile            int8  // index in Profiles, -1: not a quota profile
	flags              uint8
}

const (
	rowHoldsSlot uint8 = 1 << iota // Actif or Suspendu
	rowActive                      // Actif
	rowAdmin                       // Administrateur or Administrateur suppléant
)

func (r *crow) holdsSlot() bool { return r.flags&rowHoldsSlot != 0 }
func (r *crow) active() bool    { return r.flags&rowActive != 0 }
func (r *crow) admin() bool     { return r.flags&rowAdmin != 0 }

func rowFlags(h *Habilitation) uint8 {
	var f uint8
	if h.HoldsSlot() {
		f |= rowHoldsSlot
	}
	if h.Status == StatusActive {
		f |= rowActive
	}
	if h.IsAdmin() {
		f |= rowAdmin
	}
	return f
}

// rowStore keeps each convention's rows in short chunks of its own, the
// chunks allocated in slabs. The rules walk one convention's rows at a
// time; rows kept in the export's order, partners mixed, were scattered over
// the whole store, and walking them cost a cache miss a row (a fifth of the
// rules' time on a million rows). Appending never copies what is stored, so
// that a million rows do not briefly need twice their size.
type rowStore struct {
	slabs      [][]rowChunk
	chunks     int32 // chunks handed out
	n          int32 // rows stored
	head, tail []int32
}

// rowChunk holds up to chunkRows rows of one convention.
type rowChunk struct {
	rows [chunkRows]crow
	n    int32
	next int32 // the convention's next chunk, -1: its last
}

const (
	chunkRows  = 16  // 896 bytes of rows: a convention's last chunk is half empty on average
	slabChunks = 256 // 230 KB a slab
)

func newRowStore(convs int) rowStore {
	s := rowStore{head: make([]int32, convs), tail: make([]int32, convs)}
	for i := range s.head {
		s.head[i], s.tail[i] = -1, -1
	}
	return s
}

// add appends r to the rows of convention c.
func (s *rowStore) add(c int32, r crow) {
	t := s.tail[c]
	if t < 0 || s.chunk(t).n == chunkRows {
		if int(s.chunks)%slabChunks == 0 {
			s.slabs = append(s.slabs, make([]rowChunk, slabChunks))
		}
		k := s.chunks
		s.chunks++
		s.chunk(k).next = -1
		if t < 0 {
			s.head[c] = k
		} else {
			s.chunk(t).next = k
		}
		s.tail[c], t = k, k
	}
	ch := s.chunk(t)
	ch.rows[ch.n] = r
	ch.n++
	s.n++
}

func (s *rowStore) chunk(k int32) *rowChunk { return &s.slabs[k/slabChunks][k%slabChunks] }

// has reports whether convention c has rows.
func (s *rowStore) has(c int32) bool { return s.head[c] >= 0 }

// each calls fn with each row of convention c, in the order added.
func (s *rowStore) each(c int32, fn func(*crow)) {
	for k := s.head[c]; k >= 0; {
		ch := s.chunk(k)
		for i := range ch.n {
			fn(&ch.rows[i])
		}
		k = ch.next
	}
}
