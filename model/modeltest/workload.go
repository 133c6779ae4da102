// Package modeltest generates reproducible reconciliation workloads
// (conventions and export rows of fictional people) for benchmarks and
// property tests. The same seed always gives the same values.
package modeltest

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"habilitations/model"
)

// Fictional first and last names; accents on purpose, so that folding takes
// its slow path too.
var (
	lastNames = []string{"MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS",
		"MOREAU", "LAURENT", "SIMON", "MICHEL", "LEFÈVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
		"FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MÜLLER",
		"FAURE", "ANDRÉ", "MERCIER", "BLANC", "GUÉRIN", "BOYER", "GARNIER", "CHEVALIER", "FRANÇOIS",
		"LEGRAND", "GAUTHIER", "GARCIA", "PERRIN", "ROBIN", "CLÉMENT", "MORIN", "NICOLAS", "HENRY",
		"ROUSSEL", "MATHIEU", "GAUTIER", "MASSON", "MARCHAND", "DUVAL", "DENIS", "DUMONT", "MARIE",
		"LEMAIRE", "NOËL", "MEYER", "DUFOUR", "MEUNIER", "BRUN", "BLANCHARD", "GIRAUD", "JOLY", "RIVIÈRE",
		"LUCAS", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD", "MARTINEZ", "GÉRARD", "ROCHE", "RENARD",
		"SCHMITT", "ROY", "LEROUX", "COLIN", "VIDAL", "CARON", "PICARD", "ROGER", "FABRE", "AUBERT",
		"LEMOINE", "RENAUD", "DUMAS", "LACROIX", "OLIVIER", "PHILIPPE", "BOURGEOIS", "PIERRE", "BENOÎT",
		"REY", "LECLERC", "PAYET", "ROLLAND", "LE GALL", "LEBRUN", "D'ALMEIDA", "SAINT-MARTIN"}
	firstNames = []string{"Marie", "Jean", "Nathalie", "Pierre", "Isabelle", "Michel", "Sylvie", "Philippe",
		"Catherine", "Alain", "Françoise", "Éric", "Christine", "Stéphane", "Valérie", "Christophe", "Sandrine",
		"Laurent", "Céline", "Frédéric", "Hélène", "Olivier", "Aurélie", "Nicolas", "Émilie", "Sébastien",
		"Chloé", "Jérôme", "Inès", "Loïc", "Anaïs", "Thierry", "Léa", "Jean-Marc", "Zoé", "Bruno"}
	unitNames = []string{"Service social général", "Service Domiciliation", "Pôle insertion", "Pôle seniors",
		"Résidence autonomie", "Service logement", "Point d'accueil solidarité", "Maison des solidarités"}
)

// Options shape a workload; the zero value is filled with the defaults.
type Options struct {
	Conventions int // 5,000 by default
	Rows        int // 1,000,000 by default
	AsOf        model.Date
	UnknownRate float64 // share of rows of an unknown partner (0.005)
	// DormantRate is the share of accounts last logged in long enough ago to
	// be dormant; 0 keeps the default workload (5 %, 3 % never logged in).
	DormantRate float64
	// DuplicateRate is the share of accounts opened for the person of the
	// convention's previous account (same Nom and Prénom): a
	// duplicate_account. 0 adds none beyond the names drawn alike.
	DuplicateRate float64
	// DistinctNames gives every account a Nom of its own (a pool name and
	// a tag of letters, « DUPONT BQX »), and an e-mail to match, as in an
	// export of a large partner; by default names are drawn from a pool
	// of a hundred, so that people share them.
	DistinctNames bool
}

// Workload is a generated set of conventions and export rows.
type Workload struct {
	Records []model.Record
	Rows    []model.Habilitation
	AsOf    model.Date
}

// Generate returns the workload for seed and o, its rows collected in a
// slice. Rows are shared-string heavy like a real export: partner, unit,
// role and status strings are shared, identifiers and e-mails are per
// account.
func Generate(seed uint64, o Options) Workload {
	s := NewStream(seed, o)
	w := Workload{Records: s.Records, AsOf: s.AsOf, Rows: make([]model.Habilitation, 0, s.Len)}
	for h := range s.Rows() {
		w.Rows = append(w.Rows, h)
	}
	return w
}

// Stream is a workload whose rows are generated one at a time, as an
// export reader yields them: a benchmark of a million rows then holds only
// what the code under test keeps of them.
type Stream struct {
	Records []model.Record
	AsOf    model.Date
	Len     int // the number of rows Rows yields

	o     Options
	infos []convInfo
	src   rand.PCG // the generator's state after the records
}

type convInfo struct {
	names []string // Organisme as partners write it
	siret string
	units []string // unit labels as written in exports
	host  string
}

// NewStream returns the workload for seed and o: the records, and the rows
// to generate. Generate(seed, o).Rows are the rows of Rows(), in order.
func NewStream(seed uint64, o Options) *Stream {
	if o.Conventions <= 0 {
		o.Conventions = 5000
	}
	if o.Rows <= 0 {
		o.Rows = 1_000_000
	}
	if o.AsOf.IsZero() {
		o.AsOf = model.NewDate(2026, time.November, 20)
	}
	if o.UnknownRate == 0 {
		o.UnknownRate = 0.005
	}
	src := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	rng := rand.New(src)
	s := &Stream{AsOf: o.AsOf, Len: o.Rows, o: o, infos: make([]convInfo, o.Conventions)}
	for i := range o.Conventions {
		name := fmt.Sprintf("Centre Communal d'Action Sociale de Commune-%d", i)
		siret := SIRET(rng, i)
		if i%10 == 0 {
			siret = "" // not printed
		}
		r := model.Record{Kind: model.KindDossier, Convention: model.Convention{
			Number:  fmt.Sprintf("%02d/%d", i%100, 2000+i/100),
			Partner: model.Partner{Name: name, SIRET: siret}, SignedOn: "2020-01-15",
			Management: model.ManagementDelegated, TermMonths: 12, TacitRenewal: true}}
		nu := 1 + rng.IntN(6)
		info := convInfo{siret: siret, host: fmt.Sprintf("ccas-%d.fr", i),
			names: []string{name, strings.ToUpper(name), strings.ReplaceAll(name, " ", "  "), strings.ReplaceAll(name, "'", "’")}}
		for u := range nu {
			label := unitNames[u]
			q := model.Quotas{}
			for _, p := range model.Profiles {
				if rng.IntN(3) > 0 {
					q.Set(p, rng.IntN(60))
				}
			}
			r.Services = append(r.Services, model.Service{Annex: "2." + strconv.Itoa(u+1), Unit: label, Service: "Cdap", SignedOn: "2020-01-15", Quotas: q})
			info.units = append(info.units, label)
		}
		for a := range 1 + rng.IntN(2) {
			first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
			r.Contacts = append(r.Contacts, model.Contact{Side: model.SidePartner, Role: model.RoleAdmin,
				Name: first + " " + last, Email: mailbox(first, last, a) + "@" + info.host})
		}
		s.Records = append(s.Records, r)
		s.infos[i] = info
	}
	s.src = *src
	return s
}

var statuses = []string{model.StatusActive, model.StatusActive, model.StatusActive, model.StatusActive,
	model.StatusActive, model.StatusActive, model.StatusActive, model.StatusSuspended, model.StatusDisabled, model.StatusDisabled}

// Rows yields the rows of the workload; every call yields the same rows.
func (s *Stream) Rows() iter.Seq[model.Habilitation] {
	return func(yield func(model.Habilitation) bool) {
		src := s.src // a copy: each call starts from the same state
		rng := rand.New(&src)
		o := s.o
		n := 0
		var prev [][2]string // the previous person of each convention (DuplicateRate)
		if o.DuplicateRate > 0 {
			prev = make([][2]string, o.Conventions)
		}
		for acc := 0; n < o.Rows; acc++ {
			c := rng.IntN(o.Conventions)
			info := &s.infos[c]
			first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
			if o.DistinctNames {
				last += " " + tag(acc)
			}
			if prev != nil {
				if p := prev[c]; p[0] != "" && rng.Float64() < o.DuplicateRate {
					first, last = p[0], p[1]
				}
				prev[c] = [2]string{first, last}
			}
			local := mailbox(first, last, acc%7)
			if o.DistinctNames {
				local = distinctMailbox(first, last, acc%7)
			}
			h := model.Habilitation{
				Account: "u-" + strconv.Itoa(acc), LastName: last, FirstName: first,
				Email:     local + "@" + info.host,
				Organisme: info.names[rng.IntN(len(info.names))], SIRET: info.siret, Service: "Cdap",
				Role: model.RoleUser, Status: statuses[rng.IntN(len(statuses))],
				Created: o.AsOf.AddDays(-30 - rng.IntN(2000)),
			}
			if rng.IntN(50) == 0 {
				h.Email = "accueil@" + info.host // a shared mailbox
			}
			if rng.IntN(40) == 0 {
				h.Role = model.RoleAdministrator
			}
			if rng.Float64() < o.UnknownRate {
				h.Organisme, h.SIRET = "Association inconnue", ""
			}
			switch d := rng.IntN(100); {
			case o.DormantRate > 0:
				if rng.Float64() < o.DormantRate { // an active account, unused
					h.Status, h.LastLogin = model.StatusActive, o.AsOf.AddDays(-200-rng.IntN(400))
				} else {
					h.LastLogin = o.AsOf.AddDays(-d)
				}
			case d < 3: // never logged in
			case d < 8: // dormant
				h.LastLogin = o.AsOf.AddDays(-200 - rng.IntN(400))
			default:
				h.LastLogin = o.AsOf.AddDays(-rng.IntN(150))
			}
			h.Unit = info.units[rng.IntN(len(info.units))]
			switch rng.IntN(100) {
			case 0:
				h.Unit = strings.ToUpper(h.Unit)
			case 1:
				h.Unit = "Service inconnu"
			case 2:
				h.Unit = ""
			}
			for range 1 + rng.IntN(2) { // one or two profiles
				if n == o.Rows {
					break
				}
				h.Profile = model.Profiles[rng.IntN(len(model.Profiles))]
				n++
				if !yield(h) {
					return
				}
			}
		}
	}
}

// tag spells n in capital letters (0: A, 25: Z, 26: BA…).
func tag(n int) string {
	var b []byte
	for {
		b = append(b, byte('A'+n%26))
		if n /= 26; n == 0 {
			break
		}
	}
	slices.Reverse(b)
	return string(b)
}

// letterCache holds model.Letters of the pool names (folding is slow).
var letterCache sync.Map

func cachedLetters(s string) string {
	if v, ok := letterCache.Load(s); ok {
		return v.(string)
	}
	v := model.Letters(s)
	letterCache.Store(s, v)
	return v
}

// distinctMailbox is mailbox for a distinct Nom, whose letters are not
// cached (each is used by one account).
func distinctMailbox(first, last string, n int) string {
	f := cachedLetters(first)
	if f != "" {
		f = f[:1]
	}
	return f + model.Letters(last) + strconv.Itoa(n)
}

// mailbox is the local part of a personal e-mail: initial and last name.
func mailbox(first, last string, n int) string {
	l := cachedLetters(last)
	f := cachedLetters(first)
	if f != "" {
		f = f[:1]
	}
	if n > 0 {
		return f + l + strconv.Itoa(n)
	}
	return f + l
}

// SIRET returns a valid (Luhn) SIRET derived from i, with random digits.
func SIRET(rng *rand.Rand, i int) string {
	b := []byte(fmt.Sprintf("26%06d%05d", i, rng.IntN(100000)))
	for d := byte('0'); d <= '9'; d++ {
		s := string(append(b[:13:13], d))
		if model.ValidSIRET(s) {
			return s
		}
	}
	panic("unreachable: some check digit makes a Luhn number")
}
