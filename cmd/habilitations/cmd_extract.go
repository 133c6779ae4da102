package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"habilitations/extract"
	"habilitations/extract/ocr"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

func extractCommand() command {
	return command{name: "extract", summary: "read signed dossier PDFs and print their records (or rejections)", run: runExtractCmd}
}

// extractOptions are the flags of the extract command.
type extractOptions struct {
	json    bool
	isolate bool
	jobs    int // files read at the same time
	limits  pdftext.Limits
	files   []string
}

func runExtractCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("extract", "[--json] [--isolate=false] FILE.pdf...", e)
	opts := extractOptions{limits: pdftext.DefaultLimits()}
	fs.BoolVar(&opts.json, "json", false, "print the record JSON of records.md §2 (or the rejection object); one compact object per line for several files")
	fs.BoolVar(&opts.isolate, "isolate", true, "read each PDF in a child process with hard memory and time limits (--isolate=false: in-process)")
	fs.IntVar(&opts.jobs, "jobs", runtime.GOMAXPROCS(0), "files read at the same time")
	fs.DurationVar(&opts.limits.Timeout, "timeout", opts.limits.Timeout, "time limit for one file")
	fs.Int64Var(&opts.limits.MaxBytes, "max-bytes", opts.limits.MaxBytes, "largest file accepted, in bytes")
	fs.IntVar(&opts.limits.MaxPages, "max-pages", opts.limits.MaxPages, "most pages read from one file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opts.files = fs.Args()
	if len(opts.files) == 0 {
		return usageError{errors.New("no file given")}
	}
	return runExtract(ctx, e, opts)
}

// runExtract reads the files (opts.jobs at a time) and prints each record or
// rejection in the order of the files. It returns errRejected when a file
// was rejected, and an error when a file could not be read at all (missing,
// unreadable: not a rejection of its content).
func runExtract(ctx context.Context, e *env, opts extractOptions) error {
	x := extract.Extractor{Limits: opts.limits}
	if opts.isolate {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("locate own executable for the extract-worker child (use --isolate=false): %w", err)
		}
		x = extract.NewPooled(opts.limits, []string{exe, "extract-worker"}, max(opts.jobs, 1))
		defer x.Close()
	}
	x.OCR, _ = ocr.Find(0) // nil without Tesseract: scans are rejected, saying so
	results := make([]extracted, len(opts.files))
	for i := range results {
		results[i].done = make(chan struct{})
	}
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range opts.files {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < max(opts.jobs, 1); w++ {
		go func() {
			for i := range next {
				extractOne(ctx, e, x, opts, opts.files[i], &results[i])
			}
		}()
	}
	var failed []string
	rejected := 0
	for i := range results {
		select {
		case <-results[i].done:
		case <-ctx.Done():
			return ctx.Err()
		}
		r := results[i]
		switch {
		case r.readErr != nil:
			fmt.Fprintf(e.stderr, "habilitations extract: %v\n", r.readErr)
			failed = append(failed, opts.files[i])
			continue
		case r.rejected:
			rejected++
		}
		if err := printExtracted(e.stdout, r.out, opts, i); err != nil {
			return err
		}
	}
	switch {
	case len(failed) > 0:
		return fmt.Errorf("%d file(s) could not be read: %s", len(failed), strings.Join(failed, ", "))
	case rejected > 0:
		return errRejected
	}
	return ctx.Err()
}

// extracted is the outcome of one file: a record or a rejection to print,
// or an error reading the file.
type extracted struct {
	out      any // model.Record or model.Rejection
	rejected bool
	readErr  error
	done     chan struct{}
}

// extractOne reads and extracts one file into r, then closes r.done (the
// printer reads r only after that).
func extractOne(ctx context.Context, e *env, x extract.Extractor, opts extractOptions, path string, r *extracted) {
	defer close(r.done)
	name := filepath.Base(path)
	data, err := readLimited(path, opts.limits.MaxBytes)
	if err != nil {
		r.readErr = err
		return
	}
	start := time.Now()
	rec, err := x.Extract(ctx, name, data)
	if err != nil {
		rej := model.NewRejection(name, err)
		r.out, r.rejected = rej, true
		e.log.Debug("file rejected", "file", name, "reason", rej.Reason, "elapsed", time.Since(start))
		return
	}
	r.out = rec
	e.log.Debug("file read", "file", name, "services", len(rec.Services), "elapsed", time.Since(start))
}

// readLimited reads at most max+1 bytes of path, so that an oversized file
// costs no more memory than the limit and is still refused by the extractor.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if max <= 0 {
		max = pdftext.DefaultLimits().MaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return data, nil
}

// printExtracted writes a record or rejection: JSON (indented for a single
// file, one compact line each for several), or the clerk's summary.
func printExtracted(w io.Writer, v any, opts extractOptions, i int) error {
	if !opts.json {
		if i > 0 {
			fmt.Fprintln(w)
		}
		return writeSummary(w, opts.files[i], v)
	}
	var b []byte
	var err error
	if len(opts.files) == 1 {
		b, err = json.MarshalIndent(v, "", "  ")
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// writeSummary prints what a Caf clerk checks on a dossier: convention,
// partner, signature, units and their quotas; or why the file was rejected.
func writeSummary(w io.Writer, path string, v any) error {
	var b strings.Builder
	name := filepath.Base(path)
	switch r := v.(type) {
	case model.Rejection:
		fmt.Fprintf(&b, "%s\n  Rejeté : %s\n", name, r.Message)
	case model.Record:
		c := r.Convention
		if r.IsDossier() {
			fmt.Fprintf(&b, "%s : convention n° %s\n", name, c.Number)
		} else {
			fmt.Fprintf(&b, "%s : bulletin d'adhésion seul (convention n° %s)\n", name, c.Number)
		}
		fmt.Fprintf(&b, "  Partenaire : %s", c.Partner.Name)
		if c.Partner.SIRET != "" {
			fmt.Fprintf(&b, " (SIRET %s)", c.Partner.SIRET)
		}
		b.WriteString("\n")
		if r.IsDossier() {
			fmt.Fprintf(&b, "  Caf : %s\n", c.Caf.Name)
			fmt.Fprintf(&b, "  Date de signature : %s, à %s\n", frenchDate(c.SignedOn), c.SignedAt)
			fmt.Fprintf(&b, "  Durée : %s%s ; gestion %s\n", frenchTerm(c.TermMonths),
				map[bool]string{true: ", tacite reconduction", false: ", sans tacite reconduction"}[c.TacitRenewal],
				map[string]string{model.ManagementDelegated: "déléguée", model.ManagementCaf: "par la Caf"}[c.Management])
			partner, caf := 0, 0
			for _, ct := range r.Contacts {
				if ct.Side == model.SidePartner {
					partner++
				} else {
					caf++
				}
			}
			fmt.Fprintf(&b, "  Interlocuteurs (annexe 1) : %d chez le partenaire, %d à la Caf\n", partner, caf)
		}
		fmt.Fprintf(&b, "  Structures et quotas :\n")
		for _, s := range r.Services {
			fmt.Fprintf(&b, "    Annexe %s – %s (%s, signé le %s) : ", s.Annex, s.Unit, s.Service, frenchDate(s.SignedOn))
			for i, p := range model.Profiles {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%s %d", p, s.Quotas.Get(p))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// frenchDate writes an ISO date as JJ/MM/AAAA ("non renseignée" when empty).
func frenchDate(iso string) string {
	d, err := model.ParseISODate(iso)
	if err != nil || d.IsZero() {
		return "date non renseignée"
	}
	return d.Time().Format("02/01/2006")
}

// frenchTerm writes a term in months as people say it (« 1 an », « 3 ans »,
// « 18 mois »).
func frenchTerm(months int) string {
	switch {
	case months == 0:
		return "non renseignée"
	case months%12 == 0 && months == 12:
		return "1 an"
	case months%12 == 0:
		return fmt.Sprintf("%d ans", months/12)
	}
	return fmt.Sprintf("%d mois", months)
}
