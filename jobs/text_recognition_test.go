package jobs

import (
	"strings"
	"testing"
)

// Without text recognition, the run summary and status say that scans are
// rejected and what to install.
func TestTextRecognitionWarning(t *testing.T) {
	const why = "tesseract not found"
	var sum, status strings.Builder
	if err := (RunReport{TextRecognition: why}).WriteSummary(&sum); err != nil {
		t.Fatal(err)
	}
	if err := (Status{TextRecognition: why}).Write(&status); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"summary": sum.String(), "status": status.String()} {
		if !strings.Contains(out, "text recognition is not installed ("+why+")") || !strings.Contains(out, "tesseract-ocr-fra") {
			t.Errorf("%s lacks the warning:\n%s", name, out)
		}
	}
	var quiet strings.Builder
	(RunReport{}).WriteSummary(&quiet)
	if strings.Contains(quiet.String(), "text recognition") {
		t.Errorf("warning without cause:\n%s", quiet.String())
	}
}
