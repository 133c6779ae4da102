package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"habilitations/extract"
	"habilitations/model"
)

// TestClassesNotConvention: the fixtures of issue #11 (one per class of PDF
// the text layer used to refuse though it is readable, made by
// pdftext/testdata/classes/make.sh) are read, and since none is a dossier
// each is rejected as not_convention, never as no_text or corrupt.
func TestClassesNotConvention(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("pdftext", "testdata", "classes", "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	var x extract.Extractor
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(strings.TrimSuffix(name, ".pdf"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = x.Extract(context.Background(), name, data)
			if got := model.ReasonOf(err); got != model.ReasonNotConvention {
				t.Errorf("reason %q (%v), want %q", got, err, model.ReasonNotConvention)
			}
		})
	}
}
