package export

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"habilitations/model"
)

// statuses maps a folded Statut to its canonical value. « Inactif » and
// « Désactivée » are how other tools say Désactivé; « Bloqué » or « Supprimé »
// are not accepted because they do not say whether the slot is held.
var statuses = map[string]string{
	"actif": model.StatusActive, "active": model.StatusActive, "activee": model.StatusActive,
	"suspendu": model.StatusSuspended, "suspendue": model.StatusSuspended,
	"desactive": model.StatusDisabled, "desactivee": model.StatusDisabled,
	"inactif": model.StatusDisabled, "inactive": model.StatusDisabled,
}

// roles maps a folded Rôle to its canonical value.
var roles = map[string]string{
	"utilisateur": model.RoleUser, "user": model.RoleUser,
	"administrateur": model.RoleAdministrator, "administrateurprincipal": model.RoleAdministrator,
	"admin":                   model.RoleAdministrator,
	"administrateursuppleant": model.RoleDeputyAdmin, "adminsuppleant": model.RoleDeputyAdmin,
	"suppleant": model.RoleDeputyAdmin, "administrateuradjoint": model.RoleDeputyAdmin,
	"responsabledhabilitations": model.RoleHabManager, "responsabledeshabilitations": model.RoleHabManager,
	"responsablehabilitations": model.RoleHabManager, "responsabledhabilitation": model.RoleHabManager,
	"responsabledelhabilitation": model.RoleHabManager,
}

// fixUTF8 decodes a cell that is not valid UTF-8 as Windows-1252: a file
// detected as UTF-8 from its first kilobytes may still hold a stray
// Windows-1252 line further down.
func fixUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return out
}

// text returns a free-text cell as written, valid UTF-8 in NFC. NFC of text
// already in NFC (nearly always) returns s itself, without allocating.
func text(s string) string {
	if ascii(s) {
		return s
	}
	return norm.NFC.String(fixUTF8(s))
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// textCacheLimit bounds converter.texts: the units, organismes and first
// names of a national export are a few thousand spellings.
const textCacheLimit = 1 << 14

// text is text(s) through a cache of the non-ASCII cells already seen:
// checking that « Service social général » is in NFC, on every row of a
// million, cost more than looking it up. Cached strings are copies, never
// the reader's buffer (which transient rows share).
func (c *converter) text(s string) string {
	if ascii(s) {
		return s
	}
	if v, ok := c.texts[s]; ok {
		return v
	}
	v := text(s)
	if len(c.texts) < textCacheLimit {
		v = strings.Clone(v)
		c.texts[strings.Clone(s)] = v
	}
	return v
}

// parseDate reads a date cell; serial allows Excel serial numbers (XLSX), of
// the 1904 date system when date1904.
// The common forms JJ/MM/AAAA and AAAA-MM-JJ are parsed without allocating.
func parseDate(s string, serial, date1904 bool) (model.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return model.Date{}, true
	}
	if d, ok := fastDate(s); ok {
		return d, true
	}
	if i := strings.IndexAny(s, " T"); i >= 8 && strings.Contains(s[i:], ":") {
		s = strings.TrimSpace(s[:i]) // « 20/10/2026 09:15:00 », « 2026-10-20T09:15:00Z »
		if d, ok := fastDate(s); ok {
			return d, true
		}
	}
	if serial {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 1 && f < 2958466 {
			if t, err := excelize.ExcelDateToTime(f, date1904); err == nil && t.Year() >= 1900 && t.Year() <= 2200 {
				return model.DateOf(t), true
			}
		}
	}
	d, err := model.ParseFrenchDate(s)
	return d, err == nil
}

// fastDate parses DD/MM/YYYY and YYYY-MM-DD exactly.
func fastDate(s string) (model.Date, bool) {
	if len(s) != 10 {
		return model.Date{}, false
	}
	var y, m, d int
	var ok bool
	switch {
	case s[2] == '/' && s[5] == '/':
		d, ok = digits(s[0:2])
		m, ok = digits2(s[3:5], ok)
		y, ok = digits2(s[6:10], ok)
	case s[4] == '-' && s[7] == '-':
		y, ok = digits(s[0:4])
		m, ok = digits2(s[5:7], ok)
		d, ok = digits2(s[8:10], ok)
	default:
		return model.Date{}, false
	}
	if !ok || m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return model.Date{}, false
	}
	date := model.NewDate(y, time.Month(m), d)
	if date.Time().Day() != d {
		return model.Date{}, false
	}
	return date, true
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func digits2(s string, prev bool) (int, bool) {
	n, ok := digits(s)
	return n, ok && prev
}

// siret normalises a SIRET cell; an XLSX number cell may come as 2.6325410637533E+13.
func siret(s string) string {
	if len(s) == 14 {
		if _, ok := digits(s); ok {
			return s
		}
	}
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "eE") {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 1 && f < 1e15 && f == float64(int64(f)) {
			return strconv.FormatInt(int64(f), 10)
		}
	}
	return model.NormalizeSIRET(fixUTF8(s))
}

// shown quotes a cell value for a message: at most 40 characters, control
// characters escaped.
func shown(s string) string {
	s = fixUTF8(s)
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}
