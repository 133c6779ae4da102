package model

import (
	"encoding/json"
	"strconv"
)

// AppendJSON appends f as MarshalJSON writes it: the fields of its code,
// in the order of records.md §4, strings quoted as encoding/json quotes
// them (HTML characters escaped). It is written by hand because the store
// saves every finding of a night as JSON, and going through encoding/json
// value by value, then again for the compaction json.Marshal does of a
// Marshaler's output, was a third of saving 740,000 findings.
//
// report/breach/json_fast.go lays out the same fields indented, for
// findings.json; a change of fields goes into both. One writer for both
// layouts was tried: findings.json took twice as long
// (BenchmarkWriteFindingsJSON, 13 against 25-30 ms for 200,000 findings).
func (f Finding) AppendJSON(b []byte) []byte {
	b = append(b, `{"code":`...)
	b = AppendJSONString(b, string(f.Code))
	str := func(k, v string) {
		b = append(b, `,"`...)
		b = append(b, k...)
		b = append(b, `":`...)
		b = AppendJSONString(b, v)
	}
	num := func(k string, v int) {
		b = append(b, `,"`...)
		b = append(b, k...)
		b = append(b, `":`...)
		b = strconv.AppendInt(b, int64(v), 10)
	}
	switch f.Code {
	case CodeQuotaExceeded, CodeProfileNotAuthorized:
		str("convention", f.Convention)
		str("unit", f.Unit)
		str("service", f.Service)
		str("profile", string(f.Profile))
		num("quota", f.Quota)
		num("count", f.Count)
	case CodeUnknownPartner:
		str("account", f.Account)
		str("organisme", f.Organisme)
	case CodeUnknownUnit:
		str("convention", f.Convention)
		str("unit", f.Unit)
		str("account", f.Account)
	case CodeDormantAccount, CodeSharedMailbox, CodeUndeclaredAdmin:
		str("convention", f.Convention)
		str("account", f.Account)
	case CodeDuplicateAccount:
		str("convention", f.Convention)
		b = append(b, `,"accounts":[`...)
		for i, a := range f.Accounts {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendJSONString(b, a)
		}
		b = append(b, ']')
	case CodeMissingAdmin:
		str("convention", f.Convention)
		str("name", f.Name)
	}
	return append(b, '}')
}

// AppendJSONString appends s quoted as json.Marshal quotes it: printable
// ASCII other than « " », « \ », « < », « > » and « & » as is, anything
// else through json.Marshal itself. The findings' two hand-written JSON
// layouts (AppendJSON, and report/breach's for findings.json) share it.
func AppendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always encodes
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
