package breach_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"habilitations/model"
	"habilitations/report/breach"
)

// TestWriteLongCell: a finding whose text wraps past a spreadsheet row's
// largest height (one person behind 400 accounts) is written, its row at
// that height, instead of failing the whole report.
func TestWriteLongCell(t *testing.T) {
	var accs []string
	for i := range 400 {
		accs = append(accs, fmt.Sprintf("u-%04d", i))
	}
	in := breach.Input{AsOf: model.NewDate(2026, 11, 20),
		Findings: []model.Finding{{Code: model.CodeDuplicateAccount, Convention: "01/2020", Accounts: accs}}}
	if _, err := breach.Write(context.Background(), filepath.Join(t.TempDir(), "r"), in); err != nil {
		t.Fatal(err)
	}
}
