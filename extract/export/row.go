package export

import (
	"fmt"
	"strings"

	"habilitations/model"
)

// internLimit and internBytes bound the intern tables so that a hostile file
// of unique values cannot grow them without end; 65,536 entries cover the
// 5,000 partners of a national export with their units.
const (
	internLimit = 1 << 16
	internBytes = 16 << 20
)

// converter turns the cells of one data row into a Habilitation. It caches the
// normalisation of repeated values (Profil, Statut, Rôle) and interns the
// repeated text (Organisme, Structure, Service, SIRET) so that a million rows
// share a few strings.
type converter struct {
	file     string
	h        header
	serial   bool // Excel serial dates allowed (XLSX)
	date1904 bool // the workbook counts serial dates from 1904
	profiles map[string]model.Profile
	statuses map[string]string
	roles    map[string]string
	interned map[string]string
	last     [numColumns]string // previous interned value per column
	// internedBytes is the size of the interned strings.
	internedBytes int
	// warn is set by convert when the row is kept with a value dropped.
	warn *RowError
	// transient: the rows are not kept (Options.Transient).
	transient bool
	// texts caches text of non-ASCII cells (converter.text).
	texts map[string]string
}

func newConverter(file string, h header, serial bool) *converter {
	return &converter{file: file, h: h, serial: serial,
		profiles: map[string]model.Profile{}, statuses: map[string]string{},
		roles: map[string]string{}, interned: map[string]string{}, texts: map[string]string{}}
}

func (c *converter) cell(cells []string, col column) string {
	i := c.h.index[col]
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

// blank reports whether every cell is empty or white space.
func blank(cells []string) bool {
	for _, s := range cells {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// convert returns the habilitation of a data row, or the row error that makes
// it skipped. The first bad field of the row is reported. A kept row with a
// dropped value leaves its warning in c.warn.
func (c *converter) convert(cells []string, line int) (model.Habilitation, *RowError) {
	h := model.Habilitation{Line: line}
	c.warn = nil
	h.Account = strings.TrimSpace(c.text(c.cell(cells, colAccount)))
	if h.Account == "" {
		return h, c.rowErr(line, colAccount, "empty account id", "identifiant vide")
	}
	raw := c.cell(cells, colProfile)
	var ok bool
	if h.Profile, ok = c.profile(raw); !ok {
		return h, c.badValue(line, colProfile, raw, "profile", "profil", "T1, T2, T4, T5, T13 ou TD")
	}
	raw = c.cell(cells, colStatus)
	if h.Status, ok = c.status(raw); !ok || h.Status == "" {
		return h, c.badValue(line, colStatus, raw, "status", "statut", "Actif, Suspendu ou Désactivé")
	}
	raw = c.cell(cells, colRole)
	if h.Role, ok = c.role(raw); !ok {
		return h, c.badValue(line, colRole, raw, "role", "rôle",
			"Utilisateur, Administrateur, Administrateur suppléant ou Responsable d'habilitations")
	}
	if h.Role == "" {
		h.Role = model.RoleUser
	}
	for _, d := range [...]struct {
		col column
		dst *model.Date
	}{{colCreated, &h.Created}, {colLastLogin, &h.LastLogin}} {
		raw = c.cell(cells, d.col)
		if *d.dst, ok = parseDate(raw, c.serial, c.date1904); !ok {
			return h, c.rowErr(line, d.col, "unreadable date (expected DD/MM/YYYY or ISO)",
				fmt.Sprintf("date illisible « %s » (attendu : JJ/MM/AAAA)", shown(raw)))
		}
	}
	h.LastName = c.text(c.cell(cells, colLastName))
	h.FirstName = c.text(c.cell(cells, colFirstName))
	h.Email = strings.TrimSpace(c.text(c.cell(cells, colEmail)))
	if !c.transient {
		pack(&h.Account, &h.LastName, &h.FirstName, &h.Email)
	}
	h.Organisme = c.intern(colOrganisme, c.text(c.cell(cells, colOrganisme)))
	if h.SIRET = c.intern(colSIRET, siret(c.cell(cells, colSIRET))); h.SIRET != "" && !validSIRETShape(h.SIRET) {
		c.warn = c.rowErr(line, colSIRET, "SIRET is not 14 digits: ignored, row matched by Organisme",
			fmt.Sprintf("SIRET « %s » invalide (14 chiffres attendus) : ignoré, rapprochement par l'organisme", shown(h.SIRET)))
		h.SIRET = ""
	}
	h.Unit = c.intern(colUnit, c.text(c.cell(cells, colUnit)))
	h.Service = c.intern(colService, c.text(c.cell(cells, colService)))
	return h, nil
}

// lookup normalises raw through table by its folded key, caching the result
// per raw spelling. An empty cell gives "" and ok.
func (c *converter) lookup(cache, table map[string]string, raw string) (string, bool) {
	if v, ok := cache[raw]; ok {
		return v, true
	}
	k := headerKey(fixUTF8(raw))
	if k == "" {
		return "", true
	}
	v, ok := table[k]
	if ok {
		remember(cache, raw, v)
	}
	return v, ok
}

// intern returns the shared copy of s. The previous value of the column is
// checked first: an export usually lists one partner's rows together.
func (c *converter) intern(col column, s string) string {
	if c.transient {
		return s
	}
	if s == c.last[col] {
		return c.last[col]
	}
	if v, ok := c.interned[s]; ok {
		c.last[col] = v
		return v
	}
	if len(c.interned) < internLimit && c.internedBytes+len(s) <= internBytes {
		s = strings.Clone(s) // do not keep the whole CSV line alive
		c.interned[s] = s
		c.internedBytes += len(s)
		c.last[col] = s
	}
	return s
}

// profile, status and role read the canonical spellings without a map
// lookup, then any other spelling through a cache.
func (c *converter) profile(raw string) (model.Profile, bool) {
	switch raw { // constants, not raw: a substring would keep its CSV line alive
	case "T1":
		return model.T1, true
	case "T2":
		return model.T2, true
	case "T4":
		return model.T4, true
	case "T5":
		return model.T5, true
	case "T13":
		return model.T13, true
	}
	if p, ok := c.profiles[raw]; ok {
		return p, true
	}
	p, ok := model.ParseProfile(fixUTF8(raw))
	if ok {
		remember(c.profiles, raw, p)
	}
	return p, ok
}

func (c *converter) status(raw string) (string, bool) {
	switch raw {
	case model.StatusActive:
		return model.StatusActive, true
	case model.StatusSuspended:
		return model.StatusSuspended, true
	case model.StatusDisabled:
		return model.StatusDisabled, true
	}
	return c.lookup(c.statuses, statuses, raw)
}

func (c *converter) role(raw string) (string, bool) {
	switch raw {
	case model.RoleUser:
		return model.RoleUser, true
	case model.RoleAdministrator:
		return model.RoleAdministrator, true
	case model.RoleDeputyAdmin:
		return model.RoleDeputyAdmin, true
	case model.RoleHabManager:
		return model.RoleHabManager, true
	}
	return c.lookup(c.roles, roles, raw)
}

// remember caches the normalisation of a spelling; few spellings exist, so
// 256 entries are plenty and bound what a hostile file can add.
func remember[V any](m map[string]V, k string, v V) {
	if len(m) < 256 && len(k) <= 64 {
		m[strings.Clone(k)] = v
	}
}

func (c *converter) rowErr(line int, col column, msg, fr string) *RowError {
	return &RowError{File: c.file, Line: line, Field: columnNames[col], Msg: msg, FrenchMsg: fr}
}

// badValue reports a cell that is empty or not one of the expected values.
// Only the French message (for reports, which may hold personal data) quotes
// the cell: a shifted row could put a name there, and Msg goes to logs.
func (c *converter) badValue(line int, col column, raw, en, fr, expected string) *RowError {
	if strings.TrimSpace(raw) == "" {
		return c.rowErr(line, col, "empty "+en, fr+" vide (attendu : "+expected+")")
	}
	return c.rowErr(line, col, "unknown "+en+" (expected "+strings.ReplaceAll(expected, " ou ", " or ")+")",
		fmt.Sprintf("%s inconnu « %s » (attendu : %s)", fr, shown(raw), expected))
}

// validSIRETShape reports whether s is 14 digits. The Luhn key is not checked
// here: a wrong key is what the partner wrote and reconciliation shows it.
func validSIRETShape(s string) bool {
	_, ok := digits(s)
	return ok && len(s) == 14
}

// pack copies the row's own strings into one allocation. Left as they are,
// they are substrings of the CSV record, and a caller keeping a million rows
// would keep every whole line (about 150 bytes) instead of these ~50 bytes.
func pack(a, b, c, d *string) {
	var sb strings.Builder
	sb.Grow(len(*a) + len(*b) + len(*c) + len(*d))
	sb.WriteString(*a)
	sb.WriteString(*b)
	sb.WriteString(*c)
	sb.WriteString(*d)
	s := sb.String()
	i := len(*a)
	*a = s[:i]
	*b, i = s[i:i+len(*b)], i+len(*b)
	*c, i = s[i:i+len(*c)], i+len(*c)
	*d = s[i:]
}
