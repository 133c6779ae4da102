package model

// ReconcileSettings are the thresholds of the account rules (records.md §4).
type ReconcileSettings struct {
	// DormantDays: an Actif account whose last activity is more than this
	// many days before as_of is dormant. Zero or less means the default, 180.
	DormantDays int `toml:"dormant_days" json:"dormant_days"`
	// MailboxMinPart: the shortest part of a Nom (in letters) that the e-mail
	// local part must contain. Zero or less means the default, 3.
	MailboxMinPart int `toml:"mailbox_min_part" json:"mailbox_min_part"`
}

// DefaultReconcileSettings returns the thresholds of records.md §4.
func DefaultReconcileSettings() ReconcileSettings {
	return ReconcileSettings{DormantDays: 180, MailboxMinPart: 3}
}

func (s ReconcileSettings) withDefaults() ReconcileSettings {
	d := DefaultReconcileSettings()
	if s.DormantDays <= 0 {
		s.DormantDays = d.DormantDays
	}
	if s.MailboxMinPart <= 0 {
		s.MailboxMinPart = d.MailboxMinPart
	}
	return s
}

// Reconcile applies the rules of records.md §4 to the records (merged first
// with MergeBulletins) and the export rows, as of asOf, and returns the
// findings sorted with SortFindings. It is pure: rows are only read.
// A Reconciler does the same for rows read one at a time.
//
// Findings cover only the conventions with at least one matched row; rows
// that match no convention give unknown_partner. Identical findings (the
// same row listed twice) are reported once.
//
// Where records.md is silent, the rules are:
//   - Conventions sharing a SIRET or a partner name (a renewal): rows go to
//     the most recently signed. A row whose SIRET no convention has is
//     matched by name only among conventions without a SIRET.
//   - Slots are counted once per account in a unit, service and profile,
//     so that a row listed twice (or two overlapping exports) counts once.
//   - A row with an empty Service in a unit with a single bulletin takes
//     that bulletin; a service with no bulletin in the unit authorises
//     nobody (quota 0, so profile_not_authorized).
//   - Account rules judge every slot-holding row of the account (an
//     account whose rows disagree is judged on each), so that the findings
//     do not depend on the order of the rows. Last activity is the latest
//     login of any row, or the earliest creation when never logged in.
//   - An Actif administrator is an Actif account with the role
//     Administrateur or Administrateur suppléant on a row that holds a slot
//     (a Désactivé row no longer gives the role).
//   - shared_mailbox: an empty e-mail is not judged; a Nom with no part of
//     MailboxMinPart letters is looked for whole.
//   - A convention known only by standalone bulletins (its dossier not yet
//     received) gets the quota, unit and account findings, but no
//     undeclared_admin or missing_admin: it has no Annexe 1.
func Reconcile(records []Record, rows []Habilitation, asOf Date, s ReconcileSettings) []Finding {
	r := newReconciler(records, asOf, s) // the caller holds rows: their strings are not copied
	for i := range rows {
		r.Add(&rows[i])
	}
	return r.Findings()
}

// Below parallelRows rows, one goroutine does the rules: starting more
// costs more than it saves.
const (
	parallelRows = 50_000
	maxWorkers   = 4
)

// findingChunks collects findings in fixed-size chunks and copies them once
// into a slice of the exact size: a million rows can give a hundred
// thousand findings, and a doubling slice would allocate several times that.
type findingChunks struct {
	chunks [][]Finding
	cur    []Finding
	n      int
}

func (c *findingChunks) add(fs []Finding) {
	for len(fs) > 0 {
		if len(c.cur) == cap(c.cur) {
			if c.cur != nil {
				c.chunks = append(c.chunks, c.cur)
			}
			c.cur = make([]Finding, 0, 2048)
		}
		k := min(len(fs), cap(c.cur)-len(c.cur))
		c.cur = append(c.cur, fs[:k]...)
		fs = fs[k:]
		c.n += k
	}
}

// concatChunks copies the findings of cs into one slice of the exact size.
func concatChunks(cs []findingChunks) []Finding {
	n := 0
	for _, c := range cs {
		n += c.n
	}
	out := make([]Finding, 0, n)
	for _, c := range cs {
		for _, ch := range c.chunks {
			out = append(out, ch...)
		}
		out = append(out, c.cur...)
	}
	return out
}
