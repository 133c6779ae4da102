package extract

import (
	"fmt"
	"strconv"
	"strings"

	"habilitations/model"
)

// quotaHeader is the key of the quota table's header, « Profils | Nombre
// d'utilisateurs autorisés »: the k-th such table is the k-th bulletin.
var quotaHeader = foldKey("Profils Nombre d'utilisateurs autorisés")

// quotaSpan bounds a quota table's rows after its header, in key bytes.
const quotaSpan = 80

// quotaDoubts checks every quota against the words of its table: the row is
// found as « code, number, next code » (a blank cell is 0), and listed when
// its code or number was read with a low confidence, or when it is not
// there as read (the parser mended a profile code or a number).
func quotaDoubts(s *stream, rec model.Record) []model.ToVerify {
	text := s.key.String()
	var starts []int
	for i := 0; ; {
		j := strings.Index(text[i:], quotaHeader)
		if j < 0 {
			break
		}
		starts = append(starts, i+j+len(quotaHeader))
		i += j + len(quotaHeader)
	}
	var out []model.ToVerify
	for i, sv := range rec.Services {
		from, to := 0, len(text)
		if len(starts) == len(rec.Services) {
			from, to = starts[i], min(starts[i]+quotaSpan, len(text))
		}
		for j, p := range model.Profiles {
			v := sv.Quotas.Get(p)
			f := field{path: fmt.Sprintf("services[%d].quotas.%s", i, p), value: strconv.Itoa(v), minConf: minDigitConf, number: true}
			best, found := match{}, false
			for _, k := range rowKeys(j, v) {
				if m, _, ok := s.find(k, from, to); ok && (!found || m.conf > best.conf) {
					best, found = m, true
				}
			}
			out = appendDoubt(out, f, best, found)
		}
	}
	return out
}

// rowKeys are the keys of the row of profile index j (in model.Profiles)
// holding v: its code, its number (nothing for 0), then the next row's
// code (the last row, T13 or « T13 (TD) », ends at the next non-digit).
func rowKeys(j, v int) []string {
	num := ""
	if v > 0 {
		num = strconv.Itoa(v)
	}
	codes := func(p model.Profile) []string {
		if p == model.T13 {
			return []string{"t13td", "t13", "td"}
		}
		return []string{strings.ToLower(string(p))}
	}
	var out []string
	for _, c := range codes(model.Profiles[j]) {
		if j+1 < len(model.Profiles) {
			for _, next := range codes(model.Profiles[j+1]) {
				out = append(out, c+num+next)
			}
			continue
		}
		for _, end := range "abcdefghijklmnopqrstuvwxyz" {
			out = append(out, c+num+string(end))
		}
	}
	return out
}
