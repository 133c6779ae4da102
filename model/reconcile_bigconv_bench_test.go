package model_test

import (
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// BenchmarkReconcileOneConvention1M reconciles 1,000,000 rows of a single
// convention, 65 % of its accounts dormant: the findings-heavy partner of
// the national night (one export of a million rows, mostly dormant). Its
// peak-heap-MB is the rules' state of one convention plus its findings,
// which no streaming by convention can bound.
func BenchmarkReconcileOneConvention1M(b *testing.B) {
	s := modeltest.NewStream(1, modeltest.Options{Conventions: 1, DormantRate: 0.65})
	r := model.NewReconciler(s.Records, s.AsOf, model.DefaultReconcileSettings())
	for h := range s.Rows() {
		r.Add(&h)
	}
	benchMeasure(b, r.Findings)
}
