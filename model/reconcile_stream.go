package model

import (
	"runtime"
	"sync"
)

// Reconciler applies the rules of Reconcile to export rows given one at a
// time, as an export reader yields them. It keeps a compact copy of what
// the rules need of each row (crow), so that reconciling a million rows
// does not need the rows themselves in memory. Findings returns the
// findings of Reconcile over the rows added so far, whatever their order.
// A Reconciler is not safe for concurrent use.
type Reconciler struct {
	idx  *convIndex
	f    *foldCache
	asOf Date
	s    ReconcileSettings
	// clone: copy the strings kept. A row's strings may share memory with
	// much more (encoding/csv slices every field of a line out of one
	// string); Reconcile, whose caller holds the rows, does not copy.
	clone bool

	arena strArena
	tab   strTab // the rows' identifiers and e-mails
	prev  struct {
		account, email       string // as kept for the previous row
		accountRef, emailRef strRef
	}
	rows rowStore // per convention

	spellings  [][]spelling           // per convention: the first Structure and Service spellings met
	slots      map[slotWritten]int32  // the others: (convention, Structure, Service) → slot group, -1: unknown unit
	groupBy    map[slotGroupKey]int32 // (convention, unit, folded service) → slot group
	groups     []slotGroup
	convGroups [][]int32 // the slot groups of each convention

	nameIDs        map[string]uint32 // Nom and Prénom, kept once each in nameTab
	nameTab        []string
	nameFold       []string // nameTab folded (Fold), for the rules
	unknownPartner map[[2]string]struct{}
	unknownUnit    map[unknownUnitKey]struct{}
	early          findingChunks // unknown_partner and unknown_unit, found while adding
}

type slotWritten struct {
	conv          int32
	unit, service string
}

type unknownUnitKey struct {
	conv          int32
	unit, account string
}

// NewReconciler returns a Reconciler of the records (merged first with
// MergeBulletins) as of asOf.
func NewReconciler(records []Record, asOf Date, s ReconcileSettings) *Reconciler {
	r := newReconciler(records, asOf, s)
	r.clone = true
	return r
}

func newReconciler(records []Record, asOf Date, s ReconcileSettings) *Reconciler {
	f := newFoldCache()
	idx := buildConvIndex(MergeBulletins(records), f)
	r := &Reconciler{idx: idx, f: f, asOf: asOf, s: s.withDefaults(),
		rows: newRowStore(len(idx.convs)), spellings: make([][]spelling, len(idx.convs)),
		slots: map[slotWritten]int32{}, groupBy: map[slotGroupKey]int32{}, convGroups: make([][]int32, len(idx.convs)),
		nameIDs: map[string]uint32{}, unknownPartner: map[[2]string]struct{}{}, unknownUnit: map[unknownUnitKey]struct{}{}}
	return r
}

// Add takes one export row into the reconciliation; h is not kept.
func (r *Reconciler) Add(h *Habilitation) {
	c := r.idx.match(h)
	if c < 0 {
		k := [2]string{h.Account, h.Organisme}
		if _, dup := r.unknownPartner[k]; !dup {
			k = [2]string{r.keep(h.Account), r.keep(h.Organisme)}
			r.unknownPartner[k] = struct{}{}
			r.early.add([]Finding{{Code: CodeUnknownPartner, Account: k[0], Organisme: k[1]}})
		}
		return
	}
	g := r.slotGroup(c, h)
	if g < 0 {
		k := unknownUnitKey{c, h.Unit, h.Account}
		if _, dup := r.unknownUnit[k]; !dup {
			k.unit, k.account = r.keep(h.Unit), r.keep(h.Account)
			r.unknownUnit[k] = struct{}{}
			r.early.add([]Finding{{Code: CodeUnknownUnit, Convention: r.idx.convs[c].number, Unit: k.unit, Account: k.account}})
		}
	}
	// An export lists an account's profiles one after the other: its
	// identifier and e-mail are kept once for them all.
	if h.Account != r.prev.account || r.prev.accountRef.n == 0 {
		r.prev.accountRef = r.tabKeep(h.Account)
		r.prev.account = r.tab.str(r.prev.accountRef)
	}
	if h.Email != r.prev.email || r.prev.emailRef.n == 0 {
		r.prev.emailRef = r.tabKeep(h.Email)
		r.prev.email = r.tab.str(r.prev.emailRef)
	}
	r.rows.add(c, crow{account: r.prev.accountRef, email: r.prev.emailRef, last: r.name(h.LastName), first: r.name(h.FirstName),
		created: h.Created, lastLogin: h.LastLogin, group: g, profile: int8(slotProfileIndex(h.Profile)), flags: rowFlags(h)})
}

// tabKeep keeps s in r.tab: a copy, unless the caller holds the rows.
func (r *Reconciler) tabKeep(s string) strRef {
	if r.clone {
		return r.tab.copyIn(s)
	}
	return r.tab.refer(s)
}

func (r *Reconciler) keep(s string) string {
	if r.clone {
		return r.arena.clone(s)
	}
	return s
}

// name keeps a Nom or Prénom once (an export repeats them on many rows),
// folded too, and returns its index in nameTab and nameFold. Folded here,
// once a name, the rules' fold caches no longer keep every name of an
// export of distinct people.
func (r *Reconciler) name(s string) uint32 {
	if id, ok := r.nameIDs[s]; ok {
		return id
	}
	s = r.keep(s)
	id := uint32(len(r.nameTab))
	r.nameIDs[s] = id
	r.nameTab = append(r.nameTab, s)
	folded := s
	if !asciiFolded(s) {
		v, ok := foldASCII(s)
		if !ok {
			v = r.f.slowFold(s)
		}
		folded = r.arena.clone(v)
	}
	r.nameFold = append(r.nameFold, folded)
	return id
}

// Findings returns the findings of the rows added so far, sorted with
// SortFindings. It may be called again after more rows are added.
func (r *Reconciler) Findings() []Finding {
	// Conventions are independent, so workers share them out (each with its
	// own fold cache and state); the sort at the end makes the result
	// deterministic.
	workers := 1
	if int(r.rows.n) >= parallelRows { // the rows that match a convention
		workers = min(runtime.GOMAXPROCS(0), maxWorkers, len(r.idx.convs))
	}
	parts := make([]findingChunks, workers)
	var wg sync.WaitGroup
	for w := range workers {
		fw := r.f
		if w > 0 {
			fw = newFoldCache()
		}
		wg.Go(func() {
			st := newConvState(fw, r.asOf, r.s)
			st.spill = &parts[w]
			var out []Finding
			for c := w; c < len(r.idx.convs); c += workers {
				if !r.rows.has(int32(c)) {
					continue
				}
				out = st.run(r, int32(c), out[:0])
				st.shrink()
				parts[w].add(out)
			}
		})
	}
	wg.Wait()
	all := concatChunks(append(parts, r.early))
	SortFindings(all)
	return all
}
