package store

import (
	"context"
	"testing"
	"time"

	"habilitations/model"
)

// TestReviewStatuses: per convention and cycle, nothing issued, a workbook
// sent, decisions imported, an attestation written; a workbook of another
// cycle counts for nothing.
func TestReviewStatuses(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	wb := func(id, conv, due string) {
		t.Helper()
		if err := s.SaveReviewWorkbook(ctx, ReviewWorkbook{WorkbookID: id, Convention: conv, AsOf: "2026-11-01", DueOn: due,
			Path: "reports/" + id + ".xlsx", Rows: 3, GeneratedAt: now, Format: model.ReviewFormat}); err != nil {
			t.Fatal(err)
		}
	}
	imp := func(sha, id, conv string) {
		t.Helper()
		if _, err := s.ImportReview(ctx, ReviewImport{SHA256: sha, Name: sha + ".xlsx", WorkbookID: id, Convention: conv,
			Reviewer: "Aline Fictive", ReviewedOn: "2026-11-15", AsOf: "2026-11-01", ImportedAt: now}, nil); err != nil {
			t.Fatal(err)
		}
	}
	wb("w-sent", "01/2020", "2026-12-31")
	wb("w-old", "02/2020", "2025-12-31") // another cycle
	wb("w-dec", "03/2020", "2026-12-31")
	imp("sha-dec", "w-dec", "03/2020")
	wb("w-att", "04/2020", "2026-12-31")
	imp("sha-att", "w-att", "04/2020")
	if err := s.SetReviewOutputs(ctx, "sha-att", "reports/att.pdf", "reports/a.csv", "reports/a.xlsx"); err != nil {
		t.Fatal(err)
	}
	due := map[string]string{"01/2020": "2026-12-31", "02/2020": "2026-12-31", "03/2020": "2026-12-31", "04/2020": "2026-12-31", "05/2020": "2026-12-31"}
	got, err := s.ReviewStatuses(ctx, due)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]model.ReviewStatus{"01/2020": model.ReviewSent, "02/2020": model.ReviewToPrepare,
		"03/2020": model.ReviewDecisions, "04/2020": model.ReviewAttestation, "05/2020": model.ReviewToPrepare}
	for conv, w := range want {
		if got[conv] != w {
			t.Errorf("%s: %q, want %q", conv, got[conv], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d statuses, want %d", len(got), len(want))
	}
}
