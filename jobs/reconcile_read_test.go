package jobs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"habilitations/jobs/store"
)

// TestReadExportsInOrder: exports read by several workers come back in
// the order given, with their rows in file order, in batches (one export
// of several thousand rows); an unreadable export stops the reading with
// its error, and so does an error of take.
func TestReadExportsInOrder(t *testing.T) {
	dir := t.TempDir()
	const header = "Identifiant;Nom;Prénom;Adresse mél;Organisme;SIRET;Structure;Service;Profil;Rôle;Statut;Date de création;Dernière connexion\n"
	var exports []store.Export
	for i := range 40 {
		name := fmt.Sprintf("e%02d.csv", i)
		body := header
		n := i % 7
		if i == 12 {
			n = 4*batchRows*batchesAhead + 5 // more batches than a slot holds
		}
		for j := range n {
			body += fmt.Sprintf("u-%d-%d;NOM;Prénom;x%d@ex.fr;CCAS %d;;Pôle;Cdap;T1;Utilisateur;Actif;01/01/2026;\n", i, j, j, i)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		exports = append(exports, store.Export{Name: name, StoredPath: name,
			Partners: []store.ExportPartner{{Key: store.PartnerKey("", fmt.Sprintf("CCAS %d", i))}}})
	}
	t.Run("order", func(t *testing.T) {
		i, j, batches := 0, 0, 0
		err := readExports(context.Background(), dir, exports, func(e store.Export, r exportRead) error {
			if e.Name != exports[i].Name || len(r.rows) > batchRows {
				t.Fatalf("export %d: got %s with a batch of %d rows", i, e.Name, len(r.rows))
			}
			for _, h := range r.rows {
				if want := fmt.Sprintf("u-%d-%d", i, j); h.Account != want {
					t.Fatalf("export %d row %d: %s, want %s", i, j, h.Account, want)
				}
				j++
			}
			batches++
			if r.done {
				want := i % 7
				if i == 12 {
					want = 4*batchRows*batchesAhead + 5
				}
				if r.n != want || j != want {
					t.Fatalf("export %d: %d rows counted, %d taken; want %d", i, r.n, j, want)
				}
				i, j = i+1, 0
			}
			return nil
		})
		if batches < len(exports)+4*batchesAhead {
			t.Errorf("%d batches: the large export came whole", batches)
		}
		if err != nil || i != len(exports) {
			t.Fatalf("read %d exports: %v", i, err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		bad := append([]store.Export{}, exports...)
		bad[25].StoredPath = "absent.csv"
		n := 0
		err := readExports(context.Background(), dir, bad, func(_ store.Export, r exportRead) error {
			if r.done {
				n++
			}
			return nil
		})
		if err == nil || n != 25 {
			t.Fatalf("took %d exports, error %v", n, err)
		}
	})
	t.Run("take fails", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := readExports(context.Background(), dir, exports, func(store.Export, exportRead) error {
			if n++; n == 3 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 3 {
			t.Fatalf("took %d exports, error %v", n, err)
		}
	})
	t.Run("take fails within a large export", func(t *testing.T) {
		// The workers wait for room in full slots: they must give up.
		stop := errors.New("stop")
		err := readExports(context.Background(), dir, exports, func(e store.Export, r exportRead) error {
			if e.Name == exports[12].Name && !r.done {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := readExports(ctx, dir, exports, func(store.Export, exportRead) error { return nil }); err == nil {
			t.Fatal("no error on a cancelled context")
		}
	})
}
