package model_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
)

// TestFindingAppendJSONIsReference: AppendJSON, MarshalJSON and
// json.Marshal give the bytes of the first, reflective MarshalJSON, for
// any finding (any code, strings with quotes, HTML characters, control
// characters, accents and invalid UTF-8).
func TestFindingAppendJSONIsReference(t *testing.T) {
	str := rapid.OneOf(rapid.String(), rapid.SampledFrom([]string{"", "u-1", "Service social général", `a"b\c`, "<&>", "\x00\t\n", "\xff\xfe", "é\u2028"}))
	codes := append(model.Codes[:], "other")
	rapid.Check(t, func(t *rapid.T) {
		f := model.Finding{Code: rapid.SampledFrom(codes).Draw(t, "code"), Convention: str.Draw(t, "convention"),
			Unit: str.Draw(t, "unit"), Service: str.Draw(t, "service"), Profile: model.Profile(str.Draw(t, "profile")),
			Quota: rapid.Int().Draw(t, "quota"), Count: rapid.Int().Draw(t, "count"), Account: str.Draw(t, "account"),
			Organisme: str.Draw(t, "organisme"), Name: str.Draw(t, "name")}
		if rapid.Bool().Draw(t, "accounts") {
			f.Accounts = rapid.SliceOf(str).Draw(t, "list")
		}
		want, err := referenceJSON(f)
		if err != nil {
			t.Fatal(err)
		}
		got := f.AppendJSON([]byte("prefix"))
		if !bytes.Equal(got[len("prefix"):], want) || !strings.HasPrefix(string(got), "prefix") {
			t.Fatalf("AppendJSON %s, want %s", got, want)
		}
		if js, err := json.Marshal(f); err != nil || !bytes.Equal(js, want) {
			t.Fatalf("json.Marshal %s (%v), want %s", js, err, want)
		}
	})
}

// referenceJSON is Finding.MarshalJSON as it was written first, through
// encoding/json value by value: what AppendJSON must give, byte for byte.
func referenceJSON(f model.Finding) ([]byte, error) {
	type kv struct {
		k string
		v any
	}
	fields := []kv{{"code", f.Code}}
	switch f.Code {
	case model.CodeQuotaExceeded, model.CodeProfileNotAuthorized:
		fields = append(fields, kv{"convention", f.Convention}, kv{"unit", f.Unit}, kv{"service", f.Service},
			kv{"profile", f.Profile}, kv{"quota", f.Quota}, kv{"count", f.Count})
	case model.CodeUnknownPartner:
		fields = append(fields, kv{"account", f.Account}, kv{"organisme", f.Organisme})
	case model.CodeUnknownUnit:
		fields = append(fields, kv{"convention", f.Convention}, kv{"unit", f.Unit}, kv{"account", f.Account})
	case model.CodeDormantAccount, model.CodeSharedMailbox, model.CodeUndeclaredAdmin:
		fields = append(fields, kv{"convention", f.Convention}, kv{"account", f.Account})
	case model.CodeDuplicateAccount:
		acc := f.Accounts
		if acc == nil {
			acc = []string{}
		}
		fields = append(fields, kv{"convention", f.Convention}, kv{"accounts", acc})
	case model.CodeMissingAdmin:
		fields = append(fields, kv{"convention", f.Convention}, kv{"name", f.Name})
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, e := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}
