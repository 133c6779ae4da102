package model

// crow is what the rules need of one export row, kept by a Reconciler until
// its findings are asked for: 64 bytes, against 232 for a Habilitation. The partner, SIRET, unit and service as written
// are resolved when the row is added (to a convention and a slot group)
// and not kept.
type crow struct {
	account, email     string
	last, first        uint32 // Nom and Prénom: indexes in Reconciler.nameTab
	created, lastLogin Date
	group              int32 // slot group (Reconciler.groups), -1: unit unknown to the convention
	next               int32 // the convention's next row, -1: its last
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

// rowStore keeps rows in fixed-size chunks: appending never copies what is
// already stored, so that a million rows do not briefly need twice their
// size as a doubling slice would.
type rowStore struct {
	chunks [][]crow
	n      int32
}

const rowChunk = 1 << 13

func (s *rowStore) add(r crow) int32 {
	if int(s.n)%rowChunk == 0 {
		s.chunks = append(s.chunks, make([]crow, 0, rowChunk))
	}
	last := &s.chunks[len(s.chunks)-1]
	*last = append(*last, r)
	s.n++
	return s.n - 1
}

func (s *rowStore) at(i int32) *crow { return &s.chunks[i/rowChunk][i%rowChunk] }
