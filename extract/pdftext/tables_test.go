package pdftext

import (
	"slices"
	"testing"
)

func row(cells ...string) *tline {
	l := &tline{cols: []float64{50, 250, 400, 540}}
	for _, c := range cells {
		l.cells = append(l.cells, tcell{text: c})
	}
	return l
}

func texts(ls []*tline) [][]string {
	var out [][]string
	for _, l := range ls {
		var cs []string
		for _, c := range l.cells {
			cs = append(cs, c.text)
		}
		out = append(out, cs)
	}
	return out
}

// TestJoinPageBreaks: a repeated header row is dropped and a row cut by the
// page break is joined to its first part.
func TestJoinPageBreaks(t *testing.T) {
	tests := []struct {
		name     string
		p1, p2   []*tline
		want1    [][]string
		want2    [][]string
		nRemoved int
	}{
		{
			name:  "repeated header, cut row",
			p1:    []*tline{row("Fonction", "Adresse mél", "Téléphone"), row("Administrateur Anne", "a@x.fr", "03 80")},
			p2:    []*tline{row("Fonction", "Adresse mél", "Téléphone"), row("", "", "44 10 21"), row("DPO Karim", "k@x.fr", "04")},
			want1: [][]string{{"Fonction", "Adresse mél", "Téléphone"}, {"Administrateur Anne", "a@x.fr", "03 80 44 10 21"}},
			want2: [][]string{{"DPO Karim", "k@x.fr", "04"}}, nRemoved: 1,
		},
		{
			name:  "rows go on, blank quota kept",
			p1:    []*tline{row("Profils", "Nombre"), row("T1", "25")},
			p2:    []*tline{row("T2", ""), row("T4", "")},
			want1: [][]string{{"Profils", "Nombre"}, {"T1", "25"}},
			want2: [][]string{{"T2", ""}, {"T4", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bodies := [][]*tline{tt.p1, tt.p2}
			removed := joinPageBreaks(bodies)
			if got := texts(bodies[0]); !slices.EqualFunc(got, tt.want1, slices.Equal) {
				t.Errorf("page 1 = %q, want %q", got, tt.want1)
			}
			if got := texts(bodies[1]); !slices.EqualFunc(got, tt.want2, slices.Equal) {
				t.Errorf("page 2 = %q, want %q", got, tt.want2)
			}
			if len(removed) != tt.nRemoved {
				t.Errorf("%d lines removed as repeated headers, want %d", len(removed), tt.nRemoved)
			}
		})
	}
}
