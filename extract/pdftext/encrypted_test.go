package pdftext

import (
	"context"
	"errors"
	"os"
	"testing"

	"habilitations/model"
)

// TestEncrypted: files protected by an owner password only (empty user
// password) are read, by the library or, for the encryptions it cannot undo
// (AES-256, RC4 revision 2), through pdfcpu; files that need a user password
// are refused as encrypted, never as damaged (testdata/encrypted/make.sh).
func TestEncrypted(t *testing.T) {
	tests := []struct {
		file string
		want error // nil: readable
	}{
		{"aes-128-open.pdf", nil},
		{"rc4-128-open.pdf", nil},
		{"rc4-40-open.pdf", nil},  // the library decrypts revision 2 wrongly: pdfcpu
		{"aes-256-open.pdf", nil}, // the library has no AES-256: pdfcpu
		{"aes-256-user.pdf", model.ErrEncrypted},
		{"rc4-128-user.pdf", model.ErrEncrypted},
	}
	extractors := modes(t, DefaultLimits())
	for _, tt := range tests {
		for how, extract := range extractors {
			t.Run(tt.file+"/"+how, func(t *testing.T) {
				data, err := os.ReadFile("testdata/encrypted/" + tt.file)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := extract(context.Background(), data)
				if tt.want != nil {
					if !errors.Is(err, tt.want) {
						t.Fatalf("err = %v, want %v", err, tt.want)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if !hasLine(doc, "T1", "25") {
					t.Errorf("quota row [T1 25] missing from\n%s", doc)
				}
			})
		}
	}
}
