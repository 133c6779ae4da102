package jobs

import (
	"os"
	"path"
	"strings"
)

// DemoFile is one file the demo invites to open.
type DemoFile struct {
	What string
	Path string // relative to the data directory
}

// DemoFilesToOpen picks, from a demo run, one file of each kind a Caf agent
// would look at: the breach report, the findings, the review workbooks, the
// verification workbook of the scanned dossier, a form, a rejection motif
// and the run report.
func DemoFilesToOpen(d Demo, rep RunReport) []DemoFile {
	var out []DemoFile
	add := func(what, p string) {
		if p != "" && fileExists(d.Config.DataDir, p) {
			out = append(out, DemoFile{what, p})
		}
	}
	if r := rep.Reconcile; r != nil {
		for _, p := range r.Reports {
			switch path.Ext(p) {
			case ".xlsx":
				add("Quota-breach report (XLSX)", p)
			case ".csv":
				if strings.HasPrefix(path.Base(p), "comptes") {
					add("Accounts beyond quota (CSV)", p)
				} else {
					add("Findings for spreadsheets (CSV)", p)
				}
			case ".json":
				add("Findings (JSON)", p)
			}
		}
	}
	if r := rep.Reviews; r != nil {
		perConvention := ""
		for _, p := range r.Files {
			if strings.HasPrefix(path.Base(p), "revues-caf") {
				add("Review overview for the Caf", p)
			} else if perConvention == "" {
				perConvention = p
			}
		}
		add("Review workbook of one convention", perConvention)
	}
	if r := rep.Verification; r != nil && len(r.Files) > 0 {
		add("Verification workbook of a scan", r.Files[0])
	}
	if d.Scan != "" {
		// Without text recognition on this machine, the scan is rejected
		// with a motif saying so.
		add("The scan's rejection motif", DirRejected+"/"+path.Base(d.Scan)+".motif.txt")
	}
	if r := rep.Forms; r != nil && len(r.Files) > 0 {
		add("Administrator-change form (PDF)", r.Files[0])
	}
	add("A rejected file's motif", DirRejected+"/numerisation-illisible.pdf.motif.txt")
	add("Run report (JSON)", rep.Report)
	return out
}

// fileExists reports whether rel exists in the data directory root.
func fileExists(root, rel string) bool {
	_, err := os.Stat((&DataDir{Root: root}).Path(rel))
	return err == nil
}
