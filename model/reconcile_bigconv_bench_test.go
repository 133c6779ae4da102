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
// which no streaming by convention can bound. The rows are added before
// the timer starts: the benchmark measures Findings alone.
//
// "pool": people's names drawn from a hundred (many people share one);
// "distinct": every account a Nom of its own, as in the night's heavy
// export, where what the rules cache by name grows with the accounts.
func BenchmarkReconcileOneConvention1M(b *testing.B) {
	for _, c := range []struct {
		name     string
		distinct bool
	}{{"pool", false}, {"distinct", true}} {
		b.Run(c.name, func(b *testing.B) {
			s := modeltest.NewStream(1, modeltest.Options{Conventions: 1, DormantRate: 0.65, DistinctNames: c.distinct})
			r := model.NewReconciler(s.Records, s.AsOf, model.DefaultReconcileSettings())
			for h := range s.Rows() {
				r.Add(&h)
			}
			benchMeasure(b, r.Findings)
		})
	}
}
