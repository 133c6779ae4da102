package jobs

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestNightBreachReportSheetLimit: report.sheet_limit reaches the nightly
// breach workbook. At the default, a small night's « Autres constats »
// lists every finding; at 1 it is summarised and names the CSV file.
func TestNightBreachReportSheetLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("nightly runs")
	}
	for _, c := range []struct {
		name       string
		limit      int
		summarised bool
	}{{"default", 0, false}, {"one row", 1, true}} {
		t.Run(c.name, func(t *testing.T) {
			cfg := MustNightlyWorkload(t, 10)
			if c.limit > 0 {
				cfg.Report.SheetLimit = c.limit
			}
			if _, err := RunPipeline(context.Background(), RunOptions{Config: cfg, AsOf: DemoAsOf, Extractor: noExtractor{}}); err != nil {
				t.Fatal(err)
			}
			name := "depassements-quotas-" + DemoAsOf.String()
			f, err := excelize.OpenFile(filepath.Join(cfg.DataDir, DirReports, DemoAsOf.String(), name+".xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			first, err := f.GetCellValue("Autres constats", "A1")
			if err != nil {
				t.Fatal(err)
			}
			got := strings.HasPrefix(first, "Liste résumée")
			if got != c.summarised || (got && !strings.Contains(first, name+".csv")) {
				t.Errorf("sheet_limit %d: « Autres constats » A1 = %q", c.limit, first)
			}
		})
	}
}
