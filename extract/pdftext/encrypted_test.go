package pdftext

import (
	"context"
	"errors"
	"os"
	"testing"

	"habilitations/model"
)

// TestEncrypted: files protected by an owner password only (empty user
// password) are read when the library can decrypt them; the others are
// refused as encrypted, never as damaged (testdata/encrypted/make.sh).
func TestEncrypted(t *testing.T) {
	tests := []struct {
		file string
		want error // nil: readable
	}{
		{"aes-128-open.pdf", nil},
		{"rc4-128-open.pdf", nil},
		{"rc4-40-open.pdf", model.ErrEncrypted},  // the library decrypts revision 2 wrongly
		{"aes-256-open.pdf", model.ErrEncrypted}, // the library has no AES-256
		{"aes-256-user.pdf", model.ErrEncrypted},
		{"rc4-128-user.pdf", model.ErrEncrypted},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/encrypted/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), data, DefaultLimits())
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
