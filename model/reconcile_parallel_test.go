package model_test

import (
	"reflect"
	"runtime"
	"testing"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// TestReconcileParallelMatchesSerial: above the parallel threshold the rules
// run on several goroutines; the findings are the same, in the same order,
// as with one.
func TestReconcileParallelMatchesSerial(t *testing.T) {
	w := modeltest.Generate(5, modeltest.Options{Conventions: 300, Rows: 60_000})
	prev := runtime.GOMAXPROCS(1)
	serial := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
	runtime.GOMAXPROCS(max(prev, 3))
	parallel := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
	runtime.GOMAXPROCS(prev)
	if len(serial) == 0 || !reflect.DeepEqual(serial, parallel) {
		t.Fatalf("parallel run differs: %d vs %d findings", len(parallel), len(serial))
	}
}
