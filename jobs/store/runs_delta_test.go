package store

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"habilitations/model"
)

// TestPropDeltaBeforeDateIsDiffFindings: the two runs compared in the
// database give the new and resolved findings FindingsBeforeDate and
// model.DiffFindings give, in the same order, whatever the two runs hold.
func TestPropDeltaBeforeDateIsDiffFindings(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	draw := func(t *rapid.T, label string) []model.Finding {
		var fs []model.Finding
		for _, i := range rapid.SliceOfNDistinct(rapid.IntRange(0, 30), 0, 20, rapid.ID[int]).Draw(t, label) {
			code := model.Codes[i%len(model.Codes)]
			fs = append(fs, model.Finding{Code: code, Convention: fmt.Sprintf("%02d/2020", i%4), Account: fmt.Sprint("u-", i),
				Name: fmt.Sprint("N", i), Accounts: []string{fmt.Sprint("a", i), fmt.Sprint("b", i)}, Unit: "U", Service: "Cdap",
				Profile: model.T1, Count: rapid.IntRange(0, 3).Draw(t, "count")})
		}
		// As the rules make them: a finding holds only the fields of its
		// code, which its JSON keeps, so that the key saved with it is the
		// key of what is read back.
		for i := range fs {
			js, err := json.Marshal(fs[i])
			if err != nil {
				t.Fatal(err)
			}
			fs[i] = model.Finding{}
			if err := json.Unmarshal(js, &fs[i]); err != nil {
				t.Fatal(err)
			}
		}
		model.SortFindings(fs)
		return fs
	}
	day := 0
	rapid.Check(t, func(t *rapid.T) {
		day += 2
		prev, cur := draw(t, "prev"), draw(t, "cur")
		first := rapid.Bool().Draw(t, "first")
		var r1 int64
		if !first {
			var err error
			if r1, err = s.StartRun(ctx, "run", fmt.Sprintf("2030-%02d-%02d", 1+day/28%12, 1+day%28)); err != nil {
				t.Fatal(err)
			}
			if err := s.SaveFindings(ctx, r1, prev); err != nil {
				t.Fatal(err)
			}
		}
		asOf := "2099-12-31"
		r2, _ := s.StartRun(ctx, "run", asOf)
		wantID, prevFs, wantOK, err := s.FindingsBeforeDate(ctx, r2, asOf)
		if err != nil {
			t.Fatal(err)
		}
		// Compared in the database: the current findings are saved first,
		// as the reconcile step does.
		err = s.SaveFindings(ctx, r2, cur)
		if err != nil {
			t.Fatal(err)
		}
		wantAdded, wantResolved := model.DiffFindings(prevFs, cur)
		gotID, isNew, resolved, ok, err := s.DeltaBeforeDate(ctx, r2, asOf)
		if err != nil {
			t.Fatal(err)
		}
		var added []model.Finding
		for i := range cur {
			if isNew.Has(&cur[i]) {
				added = append(added, cur[i])
			}
		}
		if gotID != wantID || ok != wantOK || !reflect.DeepEqual(added, wantAdded) || !reflect.DeepEqual(resolved, wantResolved) {
			t.Fatalf("run %d %v: added %v resolved %v, want run %d %v: %v %v", gotID, ok, added, resolved, wantID, wantOK, wantAdded, wantResolved)
		}
	})
}
