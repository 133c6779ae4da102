package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"habilitations/jobs"
)

func ingestCommand() command {
	return command{name: "ingest", summary: "take the PDFs of the inbox and the exports of the exports folder", run: runIngestCmd}
}

// dataFlags are the flags of the commands working on a data directory.
type dataFlags struct {
	configFlags
}

// config loads the configuration and resolves the data directory (--data,
// else $HABILITATIONS_DATA, else data_dir of the configuration, else
// ./habilitations-data): the same as every command.
func (f *dataFlags) config(e *env) (jobs.Config, error) { return f.load(e) }

// ingestOptions are the options of runIngest.
type ingestOptions struct {
	cfg jobs.Config
}

func runIngestCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("ingest", "[--data DIR] [--config FILE] [--settle DURATION]", e)
	var f dataFlags
	f.register(fs)
	settle := fs.Duration("settle", -1, "how long a file must stay unchanged before it is taken (default: inbox.settle of the configuration)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := f.config(e)
	if err != nil {
		return err
	}
	if *settle >= 0 {
		cfg.Inbox.Settle.Duration = *settle
	}
	return runIngest(ctx, e, ingestOptions{cfg: cfg})
}

// runIngest takes the drop folders once (under the data directory lock) and
// prints the counts.
func runIngest(ctx context.Context, e *env, o ingestOptions) error {
	x, err := extractorFor(o.cfg)
	if err != nil {
		return err
	}
	defer closeExtractor(x)
	start := time.Now()
	rep, err := jobs.IngestOnce(ctx, jobs.RunOptions{Config: o.cfg, Log: e.log, Progress: progressFor(e), Extractor: x,
		Attestation: attestationWriter(), TextRecognition: textRecognition()})
	if rep.Ingest != nil {
		writeIngestSummary(e.stdout, rep.DataDir, *rep.Ingest, time.Since(start))
	}
	return err
}

// writeIngestSummary prints counts and folders only: never a file name, which
// may name a person.
func writeIngestSummary(w io.Writer, dir string, s jobs.IngestSummary, d time.Duration) {
	fmt.Fprintf(w, "Ingest of %s in %s\n", dir, d.Round(time.Millisecond))
	fmt.Fprintf(w, "  taken:      %d\n", s.Taken)
	fmt.Fprintf(w, "  archived:   %d PDF(s) with a record, %d export(s)   -> %s/\n", s.Archived, s.Exports, jobs.DirArchive)
	fmt.Fprintf(w, "  rejected:   %d PDF(s), %d export(s)   -> %s/ (see *.motif.txt)\n", s.Rejected, s.ExportsRejected, jobs.DirRejected)
	fmt.Fprintf(w, "  duplicates: %d   -> %s/\n", s.Duplicates, jobs.DirDuplicates)
	if s.Finished > 0 {
		fmt.Fprintf(w, "  finished:   %d (recorded by an interrupted run, now removed from the drop folder)\n", s.Finished)
	}
	if s.Waiting > 0 {
		fmt.Fprintf(w, "  waiting:    %d (still being written; taken by a later run)\n", s.Waiting)
	}
	if s.Errors > 0 {
		fmt.Fprintf(w, "  errors:     %d (left in place; see the log)\n", s.Errors)
	}
	if s.Ignored > 0 {
		fmt.Fprintf(w, "  ignored:    %d (temporary or system files, links)\n", s.Ignored)
	}
}
