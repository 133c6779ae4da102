package dossier

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"habilitations/model"
)

var (
	// reQuotaRow reads a row of the quota table (on the fold): « t13 (td) 6 ».
	reQuotaRow = regexp.MustCompile(`^(t\s?13\s*\(\s*td\s*\)|t\s?13|td|t\s?1|t\s?2|t\s?4|t\s?5)(?:\s*[:\-–])?(?:\s+(.*))?$`)
	reQuotaVal = regexp.MustCompile(`^(\d{1,6})(?:\s*(?:utilisateurs?|agents?|postes?))?$`)
)

// quotas reads the quota table « Profils | Nombre d'utilisateurs autorisés »
// in lines [from, to): one row per profile, a blank cell is 0, « T13 (TD) »
// and « TD » are T13. ok is false unless all five profiles are read; bad
// names the cells that do not read.
func (p *parser) quotas(from, to int, annex string) (q model.Quotas, ok bool, bad []string) {
	seen := map[model.Profile]bool{}
	for i := from; i < to && i < len(p.ls); i++ {
		g := reQuotaRow.FindStringSubmatch(ocrProfileCode(p.ls[i].fold))
		if g == nil {
			continue
		}
		prof, known := model.ParseProfile(g[1])
		if !known || seen[prof] {
			continue
		}
		val := strings.TrimSpace(g[2])
		if f := p.ls[i].filled(); len(f) >= 2 {
			val = fold(f[len(f)-1]) // a label column may sit between profile and number
		}
		if val == "" && i+1 < to && i+1 < len(p.ls) && reSmallNumber.MatchString(p.ls[i+1].fold) {
			val = p.ls[i+1].fold // the value cell fell on its own line
			i++
		}
		// A table's rule read by text recognition: « T13 |6 », « T13 [3 ».
		val = strings.TrimLeft(val, "|[]! ")
		n, read := quotaValue(val)
		if !read && !strings.ContainsAny(val, "0123456789") {
			continue // a line of text that starts with a profile code
		}
		if !read {
			bad = append(bad, fmt.Sprintf(fieldBulletinQuota, prof, annex))
			continue
		}
		seen[prof] = true
		q.Set(prof, n)
	}
	if len(seen) < len(model.Profiles) && len(bad) == 0 {
		// Only codes unread, no number unreadable: try the rows by position.
		if pq, ok := p.quotasByPosition(from, to); ok {
			return pq, true, nil
		}
	}
	return q, len(seen) == len(model.Profiles), bad
}

// quotasByPosition reads a quota table whose profile codes text
// recognition misspelt beyond mending (« il 10 » for « T1 10 », « 115 »
// for « T5 5 »): the table's rows are a closed list in a fixed order (T1,
// T2, T4, T5, T13), so when exactly five short rows follow the header, row
// k is profile k, and its number is what follows a code of that length.
// The values read so are not found as printed by the check of a scan's
// record (extract/verify_quotas.go), which lists them to verify.
func (p *parser) quotasByPosition(from, to int) (q model.Quotas, ok bool) {
	head := -1
	for i := from; i < to && i < len(p.ls); i++ {
		if strings.HasPrefix(strings.TrimLeft(p.ls[i].fold, "|[ "), "profils nombre d") {
			head = i
			break
		}
	}
	if head < 0 {
		return q, false
	}
	var rows []string
	for i := head + 1; i < to && i < len(p.ls) && len(rows) <= len(model.Profiles); i++ {
		f := p.ls[i].fold
		if strings.HasPrefix(f, "article") || strings.HasPrefix(f, "fait a") || len(strings.Fields(f)) > 4 {
			break
		}
		rows = append(rows, f)
	}
	if len(rows) != len(model.Profiles) {
		return q, false
	}
	for k, r := range rows {
		fs := strings.Fields(strings.NewReplacer("|", " ", "[", " ", "]", " ").Replace(r))
		val := ""
		switch {
		case len(fs) >= 2:
			val = fs[len(fs)-1]
		case len(fs) == 1:
			code := len(model.Profiles[k]) // « 115 »: a two-character code, then 5
			if w := fs[0]; len(w) > code && allDigits(w) {
				val = w[code:]
			}
		}
		n, read := quotaValue(val)
		if !read {
			return model.Quotas{}, false
		}
		q.Set(model.Profiles[k], n)
	}
	return q, true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// quotaValue reads a quota cell: blank, « - » or « néant » is 0.
func quotaValue(s string) (int, bool) {
	switch strings.Trim(s, " .") {
	case "", "-", "–", "—", "neant", "aucun", "0":
		return 0, true
	}
	g := reQuotaVal.FindStringSubmatch(s)
	if g == nil {
		return 0, false
	}
	n, err := strconv.Atoi(g[1])
	return n, err == nil
}

// reOCRProfile is a profile code a scan's text recognition misread: a
// letter for a digit (« TA » for T4, « Tl » for T1, « TS » for T5), at the
// start of a quota table's row.
var reOCRProfile = regexp.MustCompile(`^t([0-9alisz]{1,2})(\s|$)`)

// ocrProfileCode puts the digits back in a misread profile code at the start
// of folded row f; other rows are returned as they are.
func ocrProfileCode(f string) string {
	g := reOCRProfile.FindStringSubmatchIndex(f)
	if g == nil {
		return f
	}
	digits := strings.Map(func(r rune) rune {
		switch r {
		case 'a':
			return '4'
		case 'l', 'i':
			return '1'
		case 's':
			return '5'
		case 'z':
			return '2'
		}
		return r
	}, f[g[2]:g[3]])
	return "t" + digits + f[g[3]:]
}
