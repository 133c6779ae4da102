package jobs

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"habilitations/model"
)

// WriteSummary prints the run report as one screen of text: counts and
// report paths only (never names, e-mails or phones), then where the JSON
// report is.
func (r RunReport) WriteSummary(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	dur := r.FinishedAt.Sub(r.StartedAt).Round(1e6)
	fmt.Fprintf(tw, "%s #%d as of %s in %s (%s)\n", r.Kind, r.RunID, r.AsOf, r.DataDir, dur)
	if c := r.Ingest; c != nil {
		fmt.Fprintf(tw, "Inbox:\t%d files taken: %d archived, %d rejected, %d duplicates\n",
			c.Archived+c.Reviews+c.Verifications+c.Rejected+c.Duplicates, c.Archived+c.Reviews+c.Verifications, c.Rejected, c.Duplicates)
		if c.Scanned > 0 || len(c.ToVerify) > 0 {
			fmt.Fprintf(tw, "Scans:\t%d records read by text recognition, %d with values to verify (« à vérifier »)%s\n",
				c.Scanned, len(c.ToVerify), conventionList(c.ToVerify))
		}
		if c.Reviews+c.ReviewsRefused > 0 {
			fmt.Fprintf(tw, "Review workbooks:\t%d imported from the inbox, %d refused (in rejected/, with the problems to send back)\n",
				c.Reviews, c.ReviewsRefused)
		}
		if c.Verifications > 0 {
			fmt.Fprintf(tw, "Verification workbooks:\t%d imported from the inbox, %d values checked and applied\n", c.Verifications, c.Verified)
		}
		fmt.Fprintf(tw, "Exports:\t%d archived, %d rejected\n", c.Exports, c.ExportsRejected)
		if c.Waiting+c.Errors > 0 {
			fmt.Fprintf(tw, "Left in place:\t%d still being written, %d after an I/O error (taken by a later run)\n", c.Waiting, c.Errors)
		}
	}
	if v := r.Verification; v != nil {
		fmt.Fprintf(tw, "To verify:\t%d documents read from scans hold %d values to check (« à vérifier »)%s; %d workbooks written (%d already issued)\n",
			v.Documents, v.Values, conventionList(v.Conventions), v.Written, v.Skipped)
		writePaths(tw, "", v.Files)
	}
	if c := r.Reconcile; c != nil {
		fmt.Fprintf(tw, "Reconcile:\t%d conventions, %d current exports, %d rows (%d bad rows skipped)\n",
			c.Records, c.Exports, c.Rows, c.RowErrors)
		if c.Previous == 0 {
			fmt.Fprintf(tw, "Findings:\t%d (no earlier day to compare with)\n", c.Findings)
		} else {
			fmt.Fprintf(tw, "Findings:\t%d (%d new, %d resolved since the previous day)\n", c.Findings, c.New, c.Resolved)
		}
		if len(c.ByCode) > 0 {
			fmt.Fprintf(tw, "\t%s\n", byCodeLine(c.ByCode))
		}
		writePaths(tw, "Breach reports", c.Reports)
	}
	if f := r.Forms; f != nil {
		fmt.Fprintf(tw, "Forms:\t%d administrator-change forms written (%d already prepared)\n", f.Written, f.Skipped)
		writePaths(tw, "", f.Files)
	}
	if f := r.Reviews; f != nil {
		fmt.Fprintf(tw, "Reviews:\t%d workbooks written (%d already prepared)\n", f.Written, f.Skipped)
		writePaths(tw, "", f.Files)
	}
	if c := r.Campaign; c != nil {
		fmt.Fprintf(tw, "Campaign:\t%d reminders, %d formal notices, %d messages written (%d not addressed); %d sent, %d failed, %d not sent yet\n",
			c.Reminders, c.Letters, c.Mails, c.NoAddress, c.Sent, c.Failed, c.Unsent)
		if n := c.ByStage; len(n) > 0 {
			fmt.Fprintf(tw, "\t%d late, %d formal notices to send, %d running, %d « résiliation de plein droit à constater »\n",
				n[string(model.StageLate)], n[string(model.StageNoticeToSend)], n[string(model.StageNoticeSent)], n[string(model.StageTermination)])
		}
		writePaths(tw, "", c.Files)
	}
	if p := r.Retention; p != nil {
		fmt.Fprintf(tw, "Retention:\tpurged %d exports, %d findings, %d decisions, %d report folders, %d rejected files, %d archived documents\n",
			p.Exports, p.Findings, p.Decisions, p.ReportDirs, p.Rejected, p.Archived)
	}
	writePermissions(tw, r.Permissions)
	writeTextRecognition(tw, r.TextRecognition)
	fmt.Fprintf(tw, "Run report:\t%s\n", r.Report)
	return tw.Flush()
}

// conventionList names the conventions, a few at most: « : 07/2020, 04/2018 ».
func conventionList(nums []string) string {
	if len(nums) == 0 {
		return ""
	}
	if len(nums) > maxListed {
		return fmt.Sprintf(": %s and %d more", strings.Join(nums[:maxListed], ", "), len(nums)-maxListed)
	}
	return ": " + strings.Join(nums, ", ")
}

// writePermissions prints the permission warnings with their fix.
func writePermissions(w io.Writer, ps []PermissionWarning) {
	for i, p := range ps {
		title := ""
		if i == 0 {
			title = "Warning:"
		}
		fmt.Fprintf(w, "%s\tdata directory open to other users (personal data): %s\n", title, p)
	}
}

// maxListed bounds the paths listed per line group so the summary stays one screen.
const maxListed = 4

func writePaths(w io.Writer, title string, paths []string) {
	for i, p := range paths {
		if i == maxListed {
			fmt.Fprintf(w, "\t… and %d more (see the run report)\n", len(paths)-maxListed)
			return
		}
		label := ""
		if i == 0 && title != "" {
			label = title + ":"
		}
		fmt.Fprintf(w, "%s\t%s\n", label, p)
	}
}

func byCodeLine(m map[string]int) string {
	var parts []string
	for _, c := range codeOrder {
		if n := m[c]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c, n))
		}
	}
	return strings.Join(parts, ", ")
}

// codeOrder lists the finding codes in report order.
var codeOrder = func() []string {
	var out []string
	for _, c := range model.Codes {
		out = append(out, string(c))
	}
	return out
}()

// writeTextRecognition warns that scans are rejected because text
// recognition is missing, and says what to install.
func writeTextRecognition(w io.Writer, why string) {
	if why != "" {
		fmt.Fprintf(w, "Warning:\ttext recognition is not installed (%s): scanned documents are rejected; "+
			"install tesseract-ocr and tesseract-ocr-fra (Debian), then drop them again\n", why)
	}
}
