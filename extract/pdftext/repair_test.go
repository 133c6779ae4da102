package pdftext

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"habilitations/model"
)

// TestRepair: a complete file whose cross-reference offsets are all shifted
// (a line inserted after the header) is refused by the library and read
// after the table is rebuilt; a corpus dossier so damaged reads as its
// intact self; a truncated file stays damaged.
func TestRepair(t *testing.T) {
	dossier, err := os.ReadFile("../../testdata/corpus/cases/02-rhone-ccas-villeurbanne/convention-12-2021-ccas-villeurbanne.pdf")
	if err != nil {
		t.Fatal(err)
	}
	shift := func(b []byte) []byte {
		i := bytes.IndexByte(b, '\n') + 1
		return append(append(append([]byte(nil), b[:i]...), "% line added by an editor\n"...), b[i:]...)
	}
	ctx := context.Background()
	lim := DefaultLimits()
	for _, tt := range []struct {
		name string
		data []byte
	}{{"one page", shift(onePage(helloPage))}, {"corpus dossier", shift(dossier)}} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := extractPages(ctx, tt.data, lim); !errors.Is(err, model.ErrCorrupt) {
				t.Fatalf("library read the shifted file (err %v): the test proves nothing", err)
			}
			if _, err := Extract(ctx, tt.data, lim); err != nil {
				t.Fatalf("not repaired: %v", err)
			}
		})
	}
	want := mustExtract(t, "../../testdata/corpus/cases/02-rhone-ccas-villeurbanne/convention-12-2021-ccas-villeurbanne.pdf").String()
	got, err := Extract(ctx, shift(dossier), lim)
	if err != nil || got.String() != want {
		t.Errorf("repaired dossier differs from the intact one (err %v)", err)
	}
	if _, err := Extract(ctx, shift(dossier)[:len(dossier)*2/3], lim); !errors.Is(err, model.ErrCorrupt) {
		t.Errorf("truncated file: err = %v, want ErrCorrupt", err)
	}
}
