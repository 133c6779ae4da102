package adminform

import (
	"strings"
	"testing"
	"time"

	"habilitations/extract/pdftext"
)

func TestParseLargeInputIsFast(t *testing.T) {
	s := strings.Repeat(typed, 200) + strings.Repeat("Fonction : "+strings.Repeat("a.", 5000)+"\n", 50)
	start := time.Now()
	_, _ = Parse(pdftext.FromText(s))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Parse of %d bytes took %v", len(s), d)
	}
}
