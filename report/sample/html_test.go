package sample

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteDossierHTML(t *testing.T) {
	p := Generate(2024, 1, Options{})[0]
	tests := []struct {
		name string
		o    HTMLOptions
		want []string
		not  []string
	}{
		{"default", HTMLOptions{}, []string{"'Liberation Sans'", `class="keep"`}, []string{"@top-right", `<tr class="pb">`}},
		{"serif", HTMLOptions{FontFamily: "'DejaVu Serif', serif"}, []string{"'DejaVu Serif', serif"}, nil},
		{"split", HTMLOptions{SplitQuotaTables: true}, []string{`<tr class="pb">`}, []string{`class="keep"`}},
		{"header and footer", HTMLOptions{HeaderFooter: true}, []string{"@top-right", "counter(pages)"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteDossierHTML(&buf, p.Record, tt.o); err != nil {
				t.Fatal(err)
			}
			s := buf.String()
			c := p.Record.Convention
			want := append([]string{"<!DOCTYPE html>", "Partenaires : " + escText(c.Partner.Name),
				"Fait à " + c.SignedAt, "Nombre d&#39;utilisateurs autorisés"}, tt.want...)
			for _, ct := range p.Record.Contacts {
				want = append(want, ct.Name)
			}
			for _, w := range want {
				if !strings.Contains(s, w) {
					t.Errorf("HTML lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(s, w) {
					t.Errorf("HTML has %q", w)
				}
			}
			if strings.Count(s, "<table") != strings.Count(s, "</table>") || strings.Count(s, "<ul>") != strings.Count(s, "</ul>") {
				t.Error("unbalanced tables or lists")
			}
		})
	}
}

func escText(s string) string { return strings.ReplaceAll(s, "'", "&#39;") }
