package jobs

import (
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// TestOverviewSaysToVerify: a convention whose record holds values read
// from a scan to verify says so in the Caf's overview.
func TestOverviewSaysToVerify(t *testing.T) {
	e := mustIngestEnv(t)
	rec := modeltest.ReviewRecord()
	rec.ToVerify = []model.ToVerify{{Field: "services[0].quotas.T1", Value: 25, Page: 11, Confidence: 0.7, Reason: model.VerifyLowConfidence}}
	recs, rows := []model.Record{rec}, modeltest.ReviewRows(12)
	res, err := PrepareReviews(context.Background(), e.st, e.dd, ReviewOptions{AsOf: modeltest.ReviewAsOf,
		Records: recs, Rows: model.NewConventionRows(recs, rows), Findings: model.GroupFindings(model.Reconcile(recs, rows, modeltest.ReviewAsOf, model.ReconcileSettings{}))})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(e.dd.Path(res.Consolidated))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells, _ := f.GetRows(f.GetSheetName(0))
	for _, r := range cells {
		if strings.Contains(strings.Join(r, "|"), "À vérifier : 1 valeur lue sur une numérisation") {
			return
		}
	}
	t.Errorf("no « à vérifier » note in the overview: %v", cells)
}
