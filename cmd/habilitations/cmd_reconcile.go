package main

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"habilitations/model"
	"habilitations/report/breach"
)

func reconcileCommand() command {
	return command{name: "reconcile", summary: "reconcile user exports with the conventions (findings, breach report)", run: runReconcileCmd}
}

// reconcileOptions are the options of runReconcile.
type reconcileOptions struct {
	records  []string // record JSON files (records.md §2): one record or an array
	exports  []string // user exports (CSV or XLSX)
	asOf     model.Date
	json     bool   // print the findings JSON of records.md §4
	out      string // write the quota-breach report in this directory
	settings model.ReconcileSettings
	// dataDir selects the store-based mode (records and current exports of
	// the data directory); it is wired by the jobs' reconcile step.
	dataDir string
	// sheetLimit: the most rows of a detail sheet of the workbook (0: the
	// report's default).
	sheetLimit int
}

// listFlag is a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runReconcileCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("reconcile", "(--records FILE... --export FILE... [--out DIR] | --data DIR) [--as-of DATE] [--json]", e)
	var o reconcileOptions
	var recs, exps listFlag
	fs.Var(&recs, "records", "record JSON file (records.md §2), one record or an array; repeatable, or several files after the flag")
	fs.Var(&exps, "export", "user export, CSV or XLSX (records.md §3); repeatable, or several files after the flag")
	asOf := fs.String("as-of", "", "reference date YYYY-MM-DD (default: today)")
	fs.BoolVar(&o.json, "json", false, "print the findings JSON (records.md §4)")
	fs.StringVar(&o.out, "out", "", "write the quota-breach report (XLSX, CSV, findings.json) in this directory")
	fs.IntVar(&o.sheetLimit, "sheet-limit", breach.DefaultSheetLimit, "with --out: the most rows of a detail sheet of the workbook; past it the sheet lists one row per convention and finding (the CSV files list them all)")
	def := model.DefaultReconcileSettings()
	fs.IntVar(&o.settings.DormantDays, "dormant-days", def.DormantDays, "an active account unused for more days than this is dormant")
	fs.IntVar(&o.settings.MailboxMinPart, "mailbox-min-part", def.MailboxMinPart, "shortest part of a last name the e-mail must contain")
	fs.StringVar(&o.dataDir, "data", "", "data directory: reconcile its conventions and current exports (store-based mode: findings kept, reports in reports/<date>/)")
	if err := parseFlags(fs, expandListArgs(args, "records", "export")); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	o.records, o.exports = recs, exps
	o.asOf = model.DateOf(time.Now())
	if *asOf != "" {
		d, err := model.ParseISODate(*asOf)
		if err != nil {
			return usageError{fmt.Errorf("--as-of: %w", err)}
		}
		o.asOf = d
	}
	return runReconcile(ctx, e, o)
}

// expandListArgs turns « --records a b --export c » into repeated flags, so
// that several files can follow one flag (as a shell glob gives them).
func expandListArgs(args []string, names ...string) []string {
	var out []string
	cur := ""
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			cur = ""
			n, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
			for _, name := range names {
				if n == name {
					cur = name
				}
			}
			out = append(out, a)
			continue
		}
		if cur != "" && strings.TrimLeft(out[len(out)-1], "-") != cur {
			out = append(out, "--"+cur)
		}
		out = append(out, a)
	}
	return out
}

// runReconcile reconciles o.records with o.exports (no store), prints the
// findings and writes the breach report when o.out is set.
func runReconcile(ctx context.Context, e *env, o reconcileOptions) error {
	if o.dataDir != "" && len(o.records) == 0 {
		return runReconcileStore(ctx, e, o)
	}
	if len(o.records) == 0 || len(o.exports) == 0 {
		return usageError{errors.New("give at least one --records file and one --export file")}
	}
	records, err := readRecordFiles(o.records)
	if err != nil {
		return err
	}
	// Rows are streamed into the reconciliation, never all kept: the
	// breach report's accounts behind each breach are spooled to disk
	// with their slot as they are read, and sorted out once the breaches
	// are known.
	// What is live is the reconciliation's compact rows, growing until the
	// last row is read: the collector's default headroom (GOGC=100) would
	// double it. Half of it keeps a million rows under 250 MB for about
	// 5 % more CPU. GOGC, when set, decides.
	if e.getenv == nil || e.getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(50))
	}
	rec := model.NewReconciler(records, o.asOf, o.settings)
	var holders *breach.SlotHolders
	if o.out != "" {
		if holders, err = breach.NewSlotHolders(rec, ""); err != nil {
			return err
		}
		defer holders.Close()
	}
	if err := addExports(ctx, e, o.exports, rec, holders); err != nil {
		return err
	}
	// Findings are produced, sorted and spooled convention by convention:
	// a partner whose accounts are mostly dormant gives as many findings as
	// rows, and they are never all in memory.
	// The spool keeps what will be written: the findings for the report's
	// tables, their JSON for findings.json or --json, or only their counts.
	var keep breach.Keep
	if o.out != "" {
		keep |= breach.KeepFindings | breach.KeepJSON
	}
	if o.json {
		keep |= breach.KeepJSON
	}
	spool, err := breach.NewSpoolKeeping("", keep)
	if err != nil {
		return err
	}
	defer spool.Close()
	for conv, fs := range rec.FindingsByConvention() {
		if err := spool.Add(conv, fs); err != nil {
			return err
		}
	}
	if o.out != "" {
		if err := writeBreachReport(ctx, e, o, records, spool, holders); err != nil {
			return err
		}
	}
	if o.json {
		return spool.WriteJSON(e.stdout, o.asOf)
	}
	counts := map[model.Code]int{}
	for _, c := range model.Codes {
		counts[c] = spool.Count(c)
	}
	return writeFindingSummary(e.stdout, o.asOf, spool.Len(), counts)
}
