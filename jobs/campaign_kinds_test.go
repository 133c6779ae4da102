package jobs

import (
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
)

// TestPropOpenKindsAsFromFindings checks by property that the open
// findings counted by kind as the night counts them (openKinds, no list)
// are the kinds, counts, oldest ages and order that the overview drew from
// the line's list of findings, oldest first.
func TestPropOpenKindsAsFromFindings(t *testing.T) {
	asOf := model.NewDate(2027, 4, 12)
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 40).Draw(rt, "n")
		fs := make([]model.Finding, n)
		open := make([]model.OpenFinding, n)
		for i := range fs {
			fs[i] = model.Finding{Code: rapid.SampledFrom(model.Codes[:]).Draw(rt, "code"), Convention: "04/2018", Account: "u"}
			open[i] = model.OpenFinding{Finding: &fs[i], FirstSeen: asOf.AddDays(-rapid.IntRange(0, 5).Draw(rt, "age"))}
		}
		st := &cycleState{facts: model.CampaignFacts{Convention: "04/2018", Due: asOf, Open: open}}
		set := model.DefaultCampaignSettings()
		detailed, counted := st.line(asOf, set, true), st.line(asOf, set, false)
		if len(counted.Findings) != 0 {
			rt.Fatalf("the night's line lists %d findings", len(counted.Findings))
		}
		want, got := detailed.openKinds(), counted.openKinds()
		if len(want) != len(got) || len(want) > 0 && !reflect.DeepEqual(want, got) {
			rt.Fatalf("kinds %+v, want %+v", got, want)
		}
		if a, b := campaignColumns(detailed), campaignColumns(counted); !reflect.DeepEqual(a, b) {
			rt.Fatalf("overview columns %+v, want %+v", b, a)
		}
	})
}
