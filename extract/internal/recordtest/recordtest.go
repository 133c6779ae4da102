// Package recordtest compares records in tests: field by field, with the
// contacts compared as a set (records.md §2: their order is not significant),
// so that a failure names the field that differs.
package recordtest

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"habilitations/model"
)

// Diff returns one line per field where got differs from want; nil when the
// records are equal. Contacts are compared in a canonical order. Source and
// ToVerify (records.md §2b) are compared only when want has them: the
// corpus truths of born-digital files predate them.
func Diff(want, got model.Record) []string {
	want.Contacts, got.Contacts = sortedContacts(want.Contacts), sortedContacts(got.Contacts)
	if want.Source == (model.Source{}) {
		got.Source = model.Source{}
	}
	if want.ToVerify == nil {
		got.ToVerify = nil
	}
	var out []string
	walk("", reflect.ValueOf(want), reflect.ValueOf(got), &out)
	return out
}

func sortedContacts(cs []model.Contact) []model.Contact {
	out := slices.Clone(cs)
	if out == nil {
		out = []model.Contact{}
	}
	slices.SortFunc(out, func(a, b model.Contact) int {
		return cmp.Or(cmp.Compare(a.Side, b.Side), cmp.Compare(a.Role, b.Role), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Email, b.Email), cmp.Compare(a.Phone, b.Phone))
	})
	return out
}

// walk compares a and b recursively, naming fields by their JSON paths.
func walk(path string, a, b reflect.Value, out *[]string) {
	switch a.Kind() {
	case reflect.Struct:
		t := a.Type()
		for i := 0; i < t.NumField(); i++ {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			walk(join(path, name), a.Field(i), b.Field(i), out)
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			*out = append(*out, fmt.Sprintf("%s: %d items, want %d\n    got:  %+v\n    want: %+v", path, b.Len(), a.Len(), b.Interface(), a.Interface()))
			return
		}
		for i := 0; i < a.Len(); i++ {
			walk(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), out)
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			*out = append(*out, fmt.Sprintf("%s: got %q, want %q", path, fmt.Sprint(b.Interface()), fmt.Sprint(a.Interface())))
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
