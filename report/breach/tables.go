package breach

import (
	"context"
	"iter"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"habilitations/model"
)

// tables are the report's contents, written as XLSX and CSV. The findings
// are read from their source as each sheet or file is written, never held
// as rows: only the resolved findings, the breaches' accounts (Holders) and
// counts are in memory.
type tables struct {
	ctx         context.Context // the writers stop when it is done
	asOf        model.Date
	hasPrevious bool
	settings    model.ReconcileSettings
	partners    map[string]string
	unverified  map[string]bool // conventions with values read from a scan still to check
	newOnes     model.NewFindings
	src         source
	resolved    []otherRow
	summary     []summaryRow
	// limit is the most rows a detail sheet lists (Input.SheetLimit); the
	// CSV files named here hold the complete lists.
	limit                    int
	findingsCSV, accountsCSV string
	// accounts waits for the breaches' accounts (computed once, shared by
	// the files that list them).
	accounts func() (accounts, error)

	nBreaches, nOthers int
}

// accounts are the breaches' accounts and what is counted of them.
type accounts struct {
	src      holderSource
	groups   []groupRow // by convention and code
	n        int
	toRemove int // accounts beyond their quota
	convs    int // conventions with a breach
}

// source gives the findings in the orders the report lists them.
type source interface {
	// breaches: quota_exceeded and profile_not_authorized, by convention,
	// unit, service and profile.
	breaches() iter.Seq2[model.Finding, error]
	// others: the other findings, in model.SortFindings order.
	others() iter.Seq2[model.Finding, error]
	// All: every finding in model.SortFindings order.
	All() iter.Seq2[model.Finding, error]
	Count(model.Code) int
}

// breachRow is one quota_exceeded or profile_not_authorized finding.
type breachRow struct {
	f                   model.Finding
	partner             string
	excess              int
	isNew               bool
	description, action string
}

// holderRow is one account holding a slot of a breach.
type holderRow struct {
	b      *breachRow
	rank   int // 1 = most recently created
	h      model.Habilitation
	beyond bool // among the count - quota most recent: to remove or regularise
}

// otherRow is any finding told in words.
type otherRow struct {
	f                   model.Finding
	partner, subject    string
	isNew               bool
	description, action string
}

type summaryRow struct {
	title                string
	count, new, resolved int
}

// Decisions written in the accounts sheet.
const (
	toRemove = "À supprimer ou à régulariser"
	inQuota  = "Dans le quota"
)

func build(ctx context.Context, in Input, src source, holders func() (holderSource, error), p Paths) (tables, error) {
	t := tables{ctx: ctx, asOf: in.AsOf, hasPrevious: in.HasPrevious, settings: in.Settings, partners: map[string]string{},
		unverified: map[string]bool{}, newOnes: in.New, src: src,
		limit: sheetLimit(in.SheetLimit), findingsCSV: filepath.Base(p.CSV), accountsCSV: filepath.Base(p.AccountsCSV)}
	for _, r := range model.MergeBulletins(in.Records) {
		t.partners[r.Convention.Number] = r.Convention.Partner.Name
		t.unverified[r.Convention.Number] = r.NeedsVerification()
	}
	t.nBreaches = src.Count(model.CodeQuotaExceeded) + src.Count(model.CodeProfileNotAuthorized)
	t.accounts = sync.OnceValues(func() (accounts, error) { return countAccounts(src, holders) })
	total := 0
	for _, c := range model.Codes {
		total += src.Count(c)
	}
	t.nOthers = total - t.nBreaches
	res := append([]model.Finding{}, in.Resolved...)
	model.SortFindings(res)
	for _, f := range res {
		t.resolved = append(t.resolved, t.other(f, false))
	}
	summary, err := summarize(src, in.New, res, in.HasPrevious)
	t.summary = summary
	return t, err
}

func (t *tables) isNew(f model.Finding) bool {
	return t.hasPrevious && t.newOnes.Has(&f)
}

// unverifiedNote opens the action of a breach whose convention holds values
// read from a scan that nobody has checked yet: a quota misread makes a
// breach that is not one.
const unverifiedNote = "Convention « à vérifier » : des valeurs lues sur une numérisation n'ont pas encore été vérifiées " +
	"(classeur de vérification) ; vérifier d'abord le quota. "

func breachAction(f model.Finding, unverified bool) string {
	if unverified {
		return unverifiedNote + f.Action()
	}
	return f.Action()
}

// breachRows yields the breaches sheet's rows.
func (t *tables) breachRows() iter.Seq2[breachRow, error] {
	return func(yield func(breachRow, error) bool) {
		for f, err := range t.src.breaches() {
			if err != nil {
				yield(breachRow{}, err)
				return
			}
			if !yield(breachRow{f: f, partner: t.partners[f.Convention], excess: f.Count - f.Quota,
				isNew: t.isNew(f), description: f.DescriptionWith(t.settings), action: breachAction(f, t.unverified[f.Convention])}, nil) {
				return
			}
		}
	}
}

// otherRows yields the « Autres constats » rows.
func (t *tables) otherRows() iter.Seq2[otherRow, error] {
	return func(yield func(otherRow, error) bool) {
		for f, err := range t.src.others() {
			if err != nil {
				yield(otherRow{}, err)
				return
			}
			if !yield(t.other(f, t.isNew(f)), nil) {
				return
			}
		}
	}
}

// countAccounts waits for the breaches' accounts and counts them.
func countAccounts(src source, holders func() (holderSource, error)) (accounts, error) {
	hs, err := holders()
	if err != nil {
		return accounts{}, err
	}
	a := accounts{src: hs}
	var groups accountGroups
	convs := map[string]bool{}
	i := 0
	for f, err := range src.breaches() {
		if err != nil {
			return a, err
		}
		n, err := hs.count(i, f.Key())
		if err != nil {
			return a, err
		}
		i++
		beyond := min(n, max(f.Count-f.Quota, 0))
		a.n += n
		a.toRemove += beyond
		groups.add(f, n, beyond)
		convs[f.Convention] = true
	}
	a.groups, a.convs = groups.rows(), len(convs)
	return a, nil
}

// holderRows yields the accounts of each breach, breach after breach (one
// breach's accounts in memory at a time).
func (t *tables) holderRows(a accounts) iter.Seq2[holderRow, error] {
	return func(yield func(holderRow, error) bool) {
		var hs []model.Habilitation
		i := 0
		for b, err := range t.breachRows() {
			if err == nil {
				hs, err = a.src.of(i, b.f.Key(), hs)
			}
			if err != nil {
				yield(holderRow{}, err)
				return
			}
			i++
			for rank, h := range hs {
				if !yield(holderRow{b: &b, rank: rank + 1, h: h, beyond: rank < b.excess}, nil) {
					return
				}
			}
		}
	}
}

func (t *tables) other(f model.Finding, isNew bool) otherRow {
	o := otherRow{f: f, partner: t.partners[f.Convention], isNew: isNew, description: f.DescriptionWith(t.settings), action: f.Action()}
	switch f.Code {
	case model.CodeUnknownPartner:
		o.partner, o.subject = f.Organisme, f.Account
	case model.CodeDuplicateAccount:
		o.subject = strings.Join(f.Accounts, ", ")
	case model.CodeMissingAdmin:
		o.subject = f.Name
	case model.CodeQuotaExceeded, model.CodeProfileNotAuthorized:
		o.subject = string(f.Profile) + " – " + f.Unit
	default:
		o.subject = f.Account
	}
	return o
}

// summarize counts the findings of each code, those new among them (read
// from src when some are) and those resolved.
func summarize(src source, added model.NewFindings, resolved []model.Finding, hasPrevious bool) ([]summaryRow, error) {
	rows := make([]summaryRow, len(model.Codes))
	at := map[model.Code]int{}
	for i, c := range model.Codes {
		at[c] = i
		rows[i].title = model.Finding{Code: c}.Title()
		rows[i].count = src.Count(c)
	}
	if hasPrevious && !added.None() {
		for f, err := range src.All() {
			if err != nil {
				return nil, err
			}
			if added.Has(&f) {
				rows[at[f.Code]].new++
			}
		}
	}
	for _, f := range resolved {
		rows[at[f.Code]].resolved++
	}
	return rows, nil
}

// held is the source of findings given as a slice (Input.Findings).
type held struct {
	all, quota []model.Finding
	counts     map[model.Code]int
}

// newHeld reads fs without changing it: sorted already, as a
// reconciliation's findings are, it is not copied (a night's 740,000
// findings are 124 MB); otherwise a sorted copy is.
func newHeld(fs []model.Finding) *held {
	h := &held{all: fs, counts: map[model.Code]int{}}
	if !model.FindingsSorted(fs) {
		h.all = slices.Clone(fs)
		model.SortFindings(h.all)
	}
	if h.all == nil {
		h.all = []model.Finding{}
	}
	for _, f := range h.all {
		h.counts[f.Code]++
		if codeBucket(f.Code) <= 1 {
			h.quota = append(h.quota, f)
		}
	}
	slices.SortStableFunc(h.quota, compareBreaches)
	return h
}

func (h *held) Count(c model.Code) int { return h.counts[c] }

func (h *held) All() iter.Seq2[model.Finding, error] { return seqOf(h.all, nil) }

func (h *held) breaches() iter.Seq2[model.Finding, error] { return seqOf(h.quota, nil) }

func (h *held) others() iter.Seq2[model.Finding, error] {
	return seqOf(h.all, func(f model.Finding) bool { return codeBucket(f.Code) > 1 })
}

// frDate writes a date the French way, "Jamais" for none (never logged in).
func frDate(d model.Date, none string) string {
	if d.IsZero() {
		return none
	}
	return d.Time().Format("02/01/2006")
}

func yesNo(b bool) string {
	if b {
		return "Oui"
	}
	return "Non"
}
