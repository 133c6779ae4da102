package breach_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"habilitations/model"
	"habilitations/report/breach"
)

// TestWriteNewFromEitherSide: the findings new told by their keys or by
// the keys of those kept (model.NewExceptKeys, the side the store holds
// when most are new) give the same report; told none new, the report
// differs (the test can fail).
func TestWriteNewFromEitherSide(t *testing.T) {
	in := MustCorpusInput(t)
	newKeys, keptKeys := map[string]bool{}, map[string]bool{}
	for i := range in.Findings {
		f := &in.Findings[i]
		if in.New.Has(f) {
			newKeys[f.Key()] = true
		} else {
			keptKeys[f.Key()] = true
		}
	}
	if len(newKeys) == 0 || len(keptKeys) == 0 {
		t.Fatalf("%d new and %d kept: the corpus input should have both", len(newKeys), len(keptKeys))
	}
	write := func(name string, n model.NewFindings) breach.Paths {
		in := in
		in.New = n
		p, err := breach.Write(context.Background(), filepath.Join(t.TempDir(), name), in)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b, none := write("new", model.NewWithKeys(newKeys)), write("kept", model.NewExceptKeys(keptKeys)), write("none", model.NewFindings{})
	for _, p := range [][2]string{{a.CSV, b.CSV}, {a.AccountsCSV, b.AccountsCSV}, {a.JSON, b.JSON}} {
		if !bytes.Equal(mustReadFile(t, p[0]), mustReadFile(t, p[1])) {
			t.Errorf("%s differs", filepath.Base(p[1]))
		}
	}
	sameXLSX(t, a.XLSX, b.XLSX)
	if bytes.Equal(mustReadFile(t, a.CSV), mustReadFile(t, none.CSV)) {
		t.Errorf("the findings CSV does not tell the new findings")
	}
}
