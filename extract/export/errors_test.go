package export

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"habilitations/model"
)

const goodHeader = "Identifiant;Nom;Prénom;Adresse mél;Organisme;SIRET;Structure;Service;Profil;Rôle;Statut;Date de création;Dernière connexion\r\n"
const goodRow = "u-1;MARTIN;Léa;lmartin@example.fr;CCAS DE BEAUNE;26325410637533;Service social général;Cdap;T1;Utilisateur;Actif;05/02/2025;20/10/2026\r\n"

// zipBomb returns a zip whose single sheet inflates to size bytes of spaces.
func zipBomb(tb testing.TB, size int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		tb.Fatal(err)
	}
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for n := 0; n < size; n += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestFileErrors: whole-file problems are the returned error, of the right kind,
// with a French message.
func TestFileErrors(t *testing.T) {
	noStatus := strings.ReplaceAll(goodHeader, ";Statut", ";Remarque")
	tests := []struct {
		name    string
		file    string
		data    func(testing.TB) []byte
		opts    Options
		is      error
		missing []string
		french  string
	}{
		{name: "missing status", file: "e.csv", data: text2(noStatus + goodRow),
			missing: []string{"Statut"}, french: "colonne obligatoire absente : « Statut »"},
		{name: "missing two", file: "e.csv",
			data:    text2(strings.NewReplacer("Identifiant;", "Numéro;", ";Organisme", ";Ville").Replace(goodHeader) + goodRow),
			missing: []string{"Identifiant", "Organisme"}, french: "colonnes obligatoires absentes : « Identifiant », « Organisme »"},
		{name: "title lines only", file: "e.csv", data: text2("Export\r\nrien\r\n"), is: ErrNoHeader, french: "aucune ligne d'en-tête"},
		{name: "empty", file: "e.csv", data: text2(""), is: ErrNoHeader, french: "aucune ligne d'en-tête"},
		{name: "xls", file: "e.xls", data: text2("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), is: ErrUnknownFormat, french: "ni un CSV"},
		{name: "xlsx not zip", file: "e.xlsx", data: text2(goodHeader + goodRow), is: ErrUnknownFormat, french: "ni un CSV"},
		{name: "damaged zip", file: "e.xlsx", data: text2("PK\x03\x04garbage"), is: ErrUnreadable, french: "illisible"},
		{name: "zip bomb default limits", file: "bomb.xlsx", data: func(tb testing.TB) []byte { return zipBomb(tb, 300<<20) },
			is: ErrTooLarge, french: "dépasse la taille"},
		{name: "zip bomb low limits", file: "bomb.xlsx", data: func(tb testing.TB) []byte { return zipBomb(tb, 4<<20) },
			opts: Options{UnzipSizeLimit: 1 << 20}, is: ErrTooLarge, french: "dépasse la taille"},
		{name: "xlsx too big", file: "big.xlsx", data: func(tb testing.TB) []byte { return zipBomb(tb, 1<<20) },
			opts: Options{MaxBytes: 100}, is: ErrTooLarge, french: "dépasse la taille"},
		{name: "unclosed quote", file: "q.csv",
			data: text2(goodHeader + strings.Replace(goodRow, ";MARTIN;", ";\"MARTIN;", 1) + strings.Repeat(goodRow, 5)),
			is:   ErrUnclosedQuote, french: "guillemet non refermé"},
		{name: "unclosed quote, long record", file: "q.csv",
			data: text2(goodHeader + strings.Replace(goodRow, ";MARTIN;", ";\"MARTIN;", 1) + strings.Repeat(goodRow, 500)),
			opts: Options{MaxRecordBytes: 4096}, is: ErrTooLarge, french: "dépasse la taille"},
		{name: "xlsx without status", file: "e.xlsx", data: func(tb testing.TB) []byte {
			return xlsxOf(tb, [][]string{strings.Split(strings.TrimSpace(noStatus), ";")})
		}, missing: []string{"Statut"}, french: "« Statut »"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rows, err := readAll(tt.file, tt.data(t), tt.opts)
			if err == nil {
				t.Fatalf("no error, %d rows", len(rows))
			}
			if !strings.Contains(err.Error(), tt.file) {
				t.Errorf("error %q does not name the file", err)
			}
			var mc *MissingColumnError
			if tt.missing != nil {
				if !errors.As(err, &mc) || strings.Join(mc.Columns, ",") != strings.Join(tt.missing, ",") {
					t.Errorf("error %v, want missing %v", err, tt.missing)
				}
			} else if !errors.Is(err, tt.is) {
				t.Errorf("error %v, want %v", err, tt.is)
			}
			if fr := French(err); !strings.Contains(fr, tt.french) || !strings.HasPrefix(fr, tt.file) {
				t.Errorf("French = %q, want it to name the file and contain %q", fr, tt.french)
			}
		})
	}
}

func text2(s string) func(testing.TB) []byte { return func(testing.TB) []byte { return []byte(s) } }

// TestCallbackAndContext: the callback's error stops the read and is returned;
// so is a cancelled context; in both formats.
func TestCallbackAndContext(t *testing.T) {
	stop := errors.New("stop")
	recs := [][]string{strings.Split(strings.TrimSpace(goodHeader), ";")}
	for range 3000 {
		recs = append(recs, strings.Split(strings.TrimSpace(goodRow), ";"))
	}
	tests := []struct {
		file string
		data []byte
	}{
		{"e.csv", []byte(goodHeader + strings.Repeat(goodRow, 3000))},
		{"e.xlsx", xlsxOf(t, recs)},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			n := 0
			_, err := Read(context.Background(), tt.file, bytes.NewReader(tt.data), Options{}, func(model.Habilitation) error {
				n++
				if n == 2 {
					return stop
				}
				return nil
			})
			if !errors.Is(err, stop) || n != 2 || !strings.Contains(err.Error(), tt.file) {
				t.Errorf("callback error: got %v after %d rows", err, n)
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			sum, err := Read(ctx, tt.file, bytes.NewReader(tt.data), Options{}, func(model.Habilitation) error { return nil })
			if !errors.Is(err, context.Canceled) || sum.Rows == 3000 || !strings.Contains(French(err), "interrompue") {
				t.Errorf("cancelled: got %v (%s) after %d rows", err, French(err), sum.Rows)
			}
		})
	}
}
