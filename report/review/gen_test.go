package review_test

import (
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// The workload is modeltest's review workload (fictional people).
var sampleAsOf = modeltest.ReviewAsOf

func sampleRecord() model.Record            { return modeltest.ReviewRecord() }
func sampleRows(n int) []model.Habilitation { return modeltest.ReviewRows(n) }

// sampleReview builds the review of sampleRecord with n export rows and the
// findings of model.Reconcile.
func sampleReview(tb testing.TB, n int) model.Review {
	tb.Helper()
	return modeltest.Review(n)
}
