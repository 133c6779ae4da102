package breach

import (
	"strconv"

	"habilitations/model"
)

// appendFindingIndented appends f as WriteFindingsJSON lays it out: what
// model.Finding.MarshalJSON gives, indented by json.Indent with the prefix
// "    " and two spaces, without going through either (they were most of
// the time of writing 900,000 findings). Strings are quoted as json.Marshal
// quotes them (HTML characters escaped, as MarshalJSON's values are).
// model.Finding.AppendJSON writes the same fields compact: a change of
// fields goes into both (why two: see there).
func appendFindingIndented(b []byte, f *model.Finding) []byte {
	n := 0
	key := func(k string) {
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, "\n      \""...)
		b = append(b, k...)
		b = append(b, "\": "...)
	}
	str := func(k, v string) {
		key(k)
		b = model.AppendJSONString(b, v)
	}
	num := func(k string, v int) {
		key(k)
		b = strconv.AppendInt(b, int64(v), 10)
	}
	b = append(b, '{')
	str("code", string(f.Code))
	switch f.Code {
	case model.CodeQuotaExceeded, model.CodeProfileNotAuthorized:
		str("convention", f.Convention)
		str("unit", f.Unit)
		str("service", f.Service)
		str("profile", string(f.Profile))
		num("quota", f.Quota)
		num("count", f.Count)
	case model.CodeUnknownPartner:
		str("account", f.Account)
		str("organisme", f.Organisme)
	case model.CodeUnknownUnit:
		str("convention", f.Convention)
		str("unit", f.Unit)
		str("account", f.Account)
	case model.CodeDormantAccount, model.CodeSharedMailbox, model.CodeUndeclaredAdmin:
		str("convention", f.Convention)
		str("account", f.Account)
	case model.CodeDuplicateAccount:
		str("convention", f.Convention)
		key("accounts")
		if len(f.Accounts) == 0 {
			b = append(b, "[]"...)
			break
		}
		b = append(b, '[')
		for i, a := range f.Accounts {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n        "...)
			b = model.AppendJSONString(b, a)
		}
		b = append(b, "\n      ]"...)
	case model.CodeMissingAdmin:
		str("convention", f.Convention)
		str("name", f.Name)
	}
	return append(b, "\n    }"...)
}
