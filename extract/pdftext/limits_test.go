package pdftext

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"habilitations/model"
)

// TestBomb: a small PDF whose content stream inflates to a gigabyte is
// refused as damaged, within the time and memory bounds, in process.
func TestBomb(t *testing.T) {
	bomb := bombPDF(t, 1024)
	if len(bomb) > 4<<20 {
		t.Fatalf("bomb is %d bytes, want a small file", len(bomb))
	}
	tests := []struct {
		name string
		lim  Limits
	}{
		{"memory bound", Limits{MaxMemory: 256 << 20, Timeout: time.Minute}},
		{"time bound", Limits{MaxMemory: 64 << 30, Timeout: 300 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Extract(context.Background(), bomb, tt.lim)
			if !errors.Is(err, model.ErrCorrupt) || !errors.Is(err, errLimit) {
				t.Fatalf("err = %v, want a resource limit refusal wrapping ErrCorrupt", err)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("refused after %v", d)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data, err := os.ReadFile("../../testdata/corpus/cases/02-rhone-ccas-villeurbanne/convention-12-2021-ccas-villeurbanne.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Extract(ctx, data, DefaultLimits()); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestLimits(t *testing.T) {
	page := onePage("BT /F1 12 Tf 72 700 Td (Bonjour) Tj ET")
	tests := []struct {
		name string
		data []byte
		lim  Limits
		want error
	}{
		{"too large", page, Limits{MaxBytes: 100}, model.ErrCorrupt},
		{"too many pages", twoPages(), Limits{MaxPages: 1}, model.ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Extract(context.Background(), tt.data, tt.lim); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func twoPages() []byte {
	return buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	)
}
