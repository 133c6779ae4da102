package model_test

import (
	"reflect"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
	"habilitations/model/modeltest"
)

// TestPropReconcilerMatchesReconcile: rows given one at a time, in any
// order, to a Reconciler give the findings of Reconcile over the slice; so
// do findings asked for part-way and again after the rest of the rows.
func TestPropReconcilerMatchesReconcile(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		want := reconcile(w)
		rows := rapid.Permutation(w.Rows).Draw(t, "perm")
		cut := rapid.IntRange(0, len(rows)).Draw(t, "cut")
		r := model.NewReconciler(w.Records, propAsOf, model.DefaultReconcileSettings())
		var part propWorld
		part.Records = w.Records
		for i := range rows[:cut] {
			r.Add(&rows[i])
			part.Rows = append(part.Rows, rows[i])
		}
		if got, want := r.Findings(), reconcile(part); !sameFindings(got, want) {
			t.Fatalf("part-way findings differ:\n got %v\nwant %v", got, want)
		}
		for i := range rows[cut:] {
			r.Add(&rows[cut+i])
		}
		if got := r.Findings(); !sameFindings(got, want) {
			t.Fatalf("streamed findings differ:\n got %v\nwant %v", got, want)
		}
	})
}

func sameFindings(a, b []model.Finding) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

// TestReconcilerKeepsNoCallerMemory: the rows a Reconciler is given are
// overwritten after Add (as a reader reusing its buffers does); the
// findings are those of the rows as they were.
func TestReconcilerKeepsNoCallerMemory(t *testing.T) {
	w := modeltest.Generate(3, modeltest.Options{Conventions: 40, Rows: 3000})
	want := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
	r := model.NewReconciler(w.Records, w.AsOf, model.DefaultReconcileSettings())
	addThroughReusedBuffer(w.Rows, r.Add)
	if got := r.Findings(); !reflect.DeepEqual(got, want) {
		t.Fatalf("findings changed once the caller's memory was reused: %d vs %d", len(got), len(want))
	}
	if strings.Contains(fmtFindings(want), "#") {
		t.Fatal("the workload itself holds '#'")
	}
}

func fmtFindings(fs []model.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Key())
	}
	return b.String()
}

// TestSlotHolderSetKeepsNoCallerMemory: rows overwritten after Add leave the
// holders gathered as SlotHolders finds them in the intact rows.
func TestSlotHolderSetKeepsNoCallerMemory(t *testing.T) {
	w := modeltest.Generate(3, modeltest.Options{Conventions: 40, Rows: 3000})
	fs := model.Reconcile(w.Records, w.Rows, w.AsOf, model.DefaultReconcileSettings())
	want := model.SlotHolders(w.Records, w.Rows, fs)
	s := model.NewSlotHolderSet(w.Records, fs)
	addThroughReusedBuffer(w.Rows, s.Add)
	got := s.Holders()
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("holders differ once the caller's memory was reused: %d vs %d findings", len(got), len(want))
	}
}

// addThroughReusedBuffer gives each row to add with its strings in one
// buffer, as a reader reusing its line buffer might hand them out, and
// overwrites the buffer after each call: what add keeps must not point
// into it.
func addThroughReusedBuffer(rows []model.Habilitation, add func(*model.Habilitation)) {
	buf := make([]byte, 0, 256)
	for _, h := range rows {
		buf = buf[:0]
		fields := []*string{&h.Account, &h.LastName, &h.FirstName, &h.Email, &h.Organisme, &h.SIRET, &h.Unit, &h.Service}
		offs := make([]int, 0, len(fields)+1)
		for _, f := range fields {
			offs = append(offs, len(buf))
			buf = append(buf, *f...)
		}
		offs = append(offs, len(buf))
		line := unsafeString(buf)
		for i, f := range fields {
			*f = line[offs[i]:offs[i+1]]
		}
		add(&h)
		for i := range buf {
			buf[i] = '#'
		}
	}
}
