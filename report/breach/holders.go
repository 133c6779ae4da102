package breach

import "habilitations/model"

// holderSource gives the accounts behind each breach, one breach at a time.
type holderSource interface {
	// of returns the accounts of breach i of the breaches sheet (key is
	// its finding's Key), most recent first; the slice may reuse dst and is
	// valid until the next call.
	of(i int, key string, dst []model.Habilitation) ([]model.Habilitation, error)
	// count is len(of(i, key)), without reading the accounts.
	count(i int, key string) (int, error)
}

// heldHolders are accounts gathered in memory (model.SlotHolders).
type heldHolders map[string][]model.Habilitation

func (h heldHolders) of(_ int, key string, _ []model.Habilitation) ([]model.Habilitation, error) {
	return h[key], nil
}

func (h heldHolders) count(_ int, key string) (int, error) { return len(h[key]), nil }

func (s *HolderSpool) of(i int, key string, dst []model.Habilitation) ([]model.Habilitation, error) {
	return s.read(i, key, dst)
}

func (s *HolderSpool) count(i int, key string) (int, error) {
	g, err := s.checkBreach(i, key)
	if err != nil {
		return 0, err
	}
	return s.counts[g], nil
}
