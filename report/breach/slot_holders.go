package breach

import "habilitations/model"

// SlotHolders spools the slot-holding rows of the exports with their slot
// as the exports are read for a model.Reconciler: the report lists the
// accounts of the breached slots, known only once every row is read, and
// this way the exports are read once and their rows never all held
// (reading a million rows again was a third of `reconcile --out`).
type SlotHolders struct {
	index *model.SlotIndex
	spool *HolderSpool
}

// NewSlotHolders returns the holders of rec's slots, spooled into a new
// private folder of dir ("": the system's temporary folder). Add must be
// called from the goroutine that adds the rows to rec (it shares rec's
// index of the conventions). Close removes the spool.
func NewSlotHolders(rec *model.Reconciler, dir string) (*SlotHolders, error) {
	spool, err := NewHolderSpool(dir)
	if err != nil {
		return nil, err
	}
	return &SlotHolders{index: rec.SlotIndex(), spool: spool}, nil
}

// Add spools h when it holds a quota slot.
func (s *SlotHolders) Add(h *model.Habilitation) error {
	if slot, ok := s.index.Slot(h); ok {
		return s.spool.Add(slot, h)
	}
	return nil
}

// Sort keeps the accounts of the breaches among quota (the quota findings,
// in the report's order) and returns the spool to give the report
// (Input.Holders).
func (s *SlotHolders) Sort(quota []model.Finding) (*HolderSpool, error) {
	if err := s.spool.SetBreaches(quota, s.index.Breaches(quota)); err != nil {
		return nil, err
	}
	return s.spool, nil
}

// Close removes the spool's files.
func (s *SlotHolders) Close() error { return s.spool.Close() }
