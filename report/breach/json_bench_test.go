package breach_test

import (
	"fmt"
	"io"
	"testing"

	"habilitations/model"
	"habilitations/report/breach"
)

// BenchmarkWriteFindingsJSON writes findings.json of 200,000 findings, most
// of them dormant accounts (some duplicates of three accounts), to nowhere:
// the layout's cost alone, as `reconcile --json` pays it for each finding.
func BenchmarkWriteFindingsJSON(b *testing.B) {
	fs := make([]model.Finding, 200_000)
	for i := range fs {
		conv := fmt.Sprintf("%02d/20%02d", i%100, 10+i%15)
		fs[i] = model.Finding{Code: model.CodeDormantAccount, Convention: conv, Account: fmt.Sprintf("u-%d", i)}
		if i%10 == 9 {
			fs[i] = model.Finding{Code: model.CodeDuplicateAccount, Convention: conv, Accounts: []string{"u-1", "u-2", "u-3"}}
		}
	}
	doc := model.Findings{AsOf: model.NewDate(2026, 11, 20), Findings: fs}
	b.ReportAllocs()
	for b.Loop() {
		if err := breach.WriteFindingsJSON(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}
