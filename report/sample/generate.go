package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"habilitations/model"
)

// Options tunes Generate. The zero value gives the defaults noted per field.
type Options struct {
	// AsOf is the reference date of the exports (last logins are before it);
	// zero means 2026-11-25.
	AsOf model.Date
	// AnomalyRate is the probability, per partner and per kind of anomaly,
	// that one is planted in its export. Zero means 0.3; negative means none.
	AnomalyRate float64
	// BulletinRate is the share of partners with a later standalone
	// bulletin. Zero means 0.2; negative means none.
	BulletinRate float64
	// QuotaScale multiplies every quota (and so the export size); zero means 1.
	QuotaScale int
}

func (o Options) withDefaults() Options {
	if o.AsOf.IsZero() {
		o.AsOf = model.NewDate(2026, time.November, 25)
	}
	if o.AnomalyRate == 0 {
		o.AnomalyRate = 0.3
	}
	if o.BulletinRate == 0 {
		o.BulletinRate = 0.2
	}
	if o.QuotaScale <= 0 {
		o.QuotaScale = 1
	}
	return o
}

// Partner is one fictional partner: its signed dossier, the standalone
// bulletins it signed later, and the export of its habilitations.
type Partner struct {
	Record    model.Record         // the dossier (kind dossier)
	Bulletins []model.Record       // later standalone bulletins (kind bulletin), oldest first
	Export    []model.Habilitation // its user export, anomalies planted
	// Planted are the findings (records.md §4) that reconciling Export
	// against Record and Bulletins at Options.AsOf must give, exactly.
	Planted []model.Finding
	// Stem is a file-name stem, e.g. « convention-04-2018-ccas-beaune ».
	Stem string
}

// Generate returns n fictional partners. The same seed, n-prefix and options
// give the same partners: partner i depends only on (seed, i, opts).
func Generate(seed int64, n int, opts Options) []Partner {
	opts = opts.withDefaults()
	out := make([]Partner, 0, n)
	for i := range n {
		rng := rand.New(rand.NewPCG(uint64(seed), uint64(i)+1))
		g := &gen{rng: rng, opts: opts, index: i, used: map[string]bool{}}
		out = append(out, g.partner())
	}
	return out
}

// gen holds the state of one partner's generation.
type gen struct {
	rng   *rand.Rand
	opts  Options
	index int
	used  map[string]bool // folded names and e-mails already given to a person
	caf   cafInfo
	kind  partnerKind
	city  string
}

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *gen) chance(p float64) bool { return p > 0 && g.rng.Float64() < p }

// person is a fictional person; Mail is their e-mail's local part.
type person struct {
	First, Last string
	Female      bool
	Mail        string
}

func (p person) Name() string { return p.First + " " + p.Last }

// person returns a new fictional person, unique within the partner by name
// and by e-mail. Simple names run out in big exports (a few thousand
// first-initial + last-name e-mails), so later draws take a double last name
// (« MARTIN-DUBOIS »), then a numbered e-mail: generation always ends.
func (g *gen) person() person {
	for try := 0; ; try++ {
		var p person
		if g.rng.IntN(2) == 0 {
			p = person{First: g.pick(femaleFirst), Female: true}
		} else {
			p = person{First: g.pick(maleFirst)}
		}
		p.Last = g.pick(lastNames)
		lastKey, lastMail := fold(p.Last), letters(p.Last)
		if try >= 20 {
			if second := g.pick(lastNames); second != p.Last {
				p.Last += "-" + second
				lastKey, lastMail = lastKey+"-"+fold(second), lastMail+letters(second)
			}
		}
		p.Mail = letters(p.First)[:1] + lastMail
		if try >= 200 {
			p.Mail += fmt.Sprint(try)
		}
		key := fold(p.First) + " " + lastKey // = fold(p.Name()), from memoised parts
		if g.used[key] || g.used["@"+p.Mail] {
			continue
		}
		g.used[key], g.used["@"+p.Mail] = true, true
		return p
	}
}

// mailLocal is the local part of a person's e-mail: « cbertin ».
func mailLocal(p person) string {
	if p.Mail != "" {
		return p.Mail
	}
	return letters(p.First)[:1] + letters(p.Last)
}

func foldKey(s string) string { return fold(s) }

// phone returns a random French fixed line in E.164 for the Caf's region.
func (g *gen) phone() string {
	area := []string{"1", "2", "3", "4", "5"}[g.rng.IntN(5)]
	return fmt.Sprintf("+33%s%08d", area, 10000000+g.rng.IntN(89999999))
}

// date returns a random date of year y.
func (g *gen) date(y int) model.Date {
	return model.NewDate(y, time.January, 1).AddDays(g.rng.IntN(360))
}

func slug(s string) string {
	f := fold(s)
	var b strings.Builder
	dash := false
	for _, r := range f {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
