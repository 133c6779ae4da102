package jobs

import (
	"encoding/json"
	"fmt"
	"time"
)

// RunReport is the JSON run report written to reports/<date>/run-<time>.json
// and the source of the one-screen summary. It holds counts and paths
// relative to the data directory, never names, e-mails or phones.
type RunReport struct {
	RunID      int64     `json:"run_id"`
	Kind       string    `json:"kind"`
	AsOf       string    `json:"as_of"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	DataDir    string    `json:"data_dir"`

	Ingest *IngestSummary `json:"ingest,omitempty"`
	// Verification: documents read from scans with values still to check.
	Verification *VerificationSummary `json:"verification,omitempty"`
	Reconcile    *ReconcileSummary    `json:"reconcile,omitempty"`
	Forms        *FilesSummary        `json:"forms,omitempty"`
	Reviews      *FilesSummary        `json:"reviews,omitempty"`
	Campaign     *CampaignSummary     `json:"campaign,omitempty"`
	Retention    *RetentionResult     `json:"retention,omitempty"`

	// TextRecognition, when not empty, says why scans are rejected on this
	// machine (Tesseract or its French model is missing).
	TextRecognition string `json:"text_recognition_unavailable,omitempty"`
	// Permissions lists the parts of the data directory open to other users.
	Permissions []PermissionWarning `json:"permissions,omitempty"`

	// Report is the path of this JSON report, relative to the data directory.
	Report string `json:"report"`
}

// FilesSummary counts the documents a step wrote and lists them.
type FilesSummary struct {
	Written int      `json:"written"`
	Skipped int      `json:"skipped,omitempty"` // already written by an earlier run
	Files   []string `json:"files"`
}

// writeRunReport writes r as reports/<as-of>/run-<HHMMSS>.json (time of the
// end of the run in loc) and sets r.Report.
func writeRunReport(dd *DataDir, r *RunReport, loc *time.Location) error {
	rel := fmt.Sprintf("%s/%s/run-%s.json", DirReports, r.AsOf, r.FinishedAt.In(loc).Format("150405"))
	r.Report = rel
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("run report: %w", err)
	}
	return writeFileAtomic(dd.Path(rel), append(b, '\n'))
}

// writeFileAtomic writes data to path atomically (createAtomic), with
// owner-only permissions.
func writeFileAtomic(path string, data []byte) error {
	if err := createAtomic(path, writeBytes(data)); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
