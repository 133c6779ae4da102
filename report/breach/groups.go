package breach

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"habilitations/model"
)

// groupRow is one line of a summarised sheet: the findings of one code in
// one convention.
type groupRow struct {
	code     model.Code
	conv     string
	findings int // breaches, or findings
	accounts int // accounts behind the breaches (accounts sheet)
	flagged  int // accounts to remove or regularise, or new findings
}

func (g groupRow) title() string { return model.Finding{Code: g.code}.Title() }

// accountGroups gathers the breaches' accounts by convention, then code,
// as the breaches come (by convention: one convention's groups at a time).
type accountGroups struct{ out, cur []groupRow }

func (a *accountGroups) add(f model.Finding, accounts, flagged int) {
	if len(a.cur) > 0 && a.cur[0].conv != f.Convention {
		a.flush()
	}
	i := slices.IndexFunc(a.cur, func(g groupRow) bool { return g.code == f.Code })
	if i < 0 {
		a.cur = append(a.cur, groupRow{code: f.Code, conv: f.Convention})
		i = len(a.cur) - 1
	}
	a.cur[i].findings++
	a.cur[i].accounts += accounts
	a.cur[i].flagged += flagged
}

func (a *accountGroups) flush() {
	slices.SortFunc(a.cur, func(x, y groupRow) int { return cmp.Compare(codeBucket(x.code), codeBucket(y.code)) })
	a.out, a.cur = append(a.out, a.cur...), a.cur[:0]
}

func (a *accountGroups) rows() []groupRow {
	a.flush()
	return a.out
}

// otherGroups counts the other findings by code, then convention: the
// order they come in (model.SortFindings), one group after the other.
func (t *tables) otherGroups() ([]groupRow, error) {
	// A spool counted them as they were added: without a previous run
	// none is new, and its million findings need not be read back.
	if c, ok := t.src.(interface{ otherGroups() []groupRow }); ok && !t.hasPrevious {
		return c.otherGroups(), nil
	}
	var out []groupRow
	for f, err := range t.src.others() {
		if err != nil {
			return nil, err
		}
		out = countInGroups(out, f)
		if t.isNew(f) {
			out[len(out)-1].flagged++
		}
	}
	return out, nil
}

// countInGroups counts f in the last of groups, or in a new one when f's
// code or convention differs: findings in model.SortFindings order come
// one group after the other.
func countInGroups(groups []groupRow, f model.Finding) []groupRow {
	if n := len(groups); n == 0 || groups[n-1].code != f.Code || groups[n-1].conv != f.Convention {
		groups = append(groups, groupRow{code: f.Code, conv: f.Convention})
	}
	groups[len(groups)-1].findings++
	return groups
}

// accountsTodo tells where a summarised convention's accounts are listed.
func accountsTodo(g groupRow, file string) string {
	s := fmt.Sprintf("Filtrer la colonne « Convention » du fichier %s sur « %s » : %s, du plus récent au plus ancien pour chaque dépassement",
		file, g.conv, plural(g.accounts, "le compte y est listé", "les %s comptes y sont listés"))
	if g.flagged > 0 {
		s += plural(g.flagged, " ; supprimer ou régulariser celui marqué « "+toRemove+" »",
			" ; supprimer ou régulariser les %s marqués « "+toRemove+" »")
	}
	return fr(s + ".")
}

// othersTodo tells where a summarised group's findings are listed.
func othersTodo(g groupRow, file string) string {
	filter := fmt.Sprintf("les colonnes « Convention » sur « %s » et « Constat » sur « %s »", g.conv, g.title())
	if g.conv == "" {
		filter = fmt.Sprintf("la colonne « Constat » sur « %s » (constats sans convention)", g.title())
	}
	return fr(fmt.Sprintf("Filtrer %s du fichier %s : %s, avec ce qu'il faut faire pour chacun.", filter, file,
		plural(g.findings, "le constat y est décrit", "les %s constats y sont décrits")))
}

// plural is one when n is 1, else many with n in place of its %s.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, frInt(n))
}

// frInt writes n with French digit groups (1 234 567).
func frInt(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteString(nbsp)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fr puts no-break spaces inside guillemets and before a colon or a
// semicolon, as French typography wants (no line starts with « : » or »).
func fr(s string) string {
	return strings.NewReplacer("« ", "«"+nbsp, " »", nbsp+"»", " :", nbsp+":", " ;", nbsp+";").Replace(s)
}

const nbsp = "\u00a0"
