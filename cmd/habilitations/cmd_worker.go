package main

import (
	"context"
	"os"
	"strings"

	"habilitations/extract/pdftext"
)

// workerCommand is the hidden child process of pdftext.Isolated: it reads one
// PDF on stdin and writes its text document (or rejection class) as JSON on
// stdout, under the limits given as flags. It bounds its own address space,
// so it must run in a process of its own. With -stream it serves a
// pdftext.Pool: many PDFs, one after the other.
func workerCommand() command {
	return command{name: "extract-worker", hidden: true, summary: "internal: extract the text of one PDF read on stdin (child of extract and run)",
		run: func(ctx context.Context, e *env, args []string) error {
			lim := pdftext.DefaultLimits()
			fs := newFlagSet("extract-worker", "[flags] < file.pdf", e)
			fs.Int64Var(&lim.MaxBytes, "max-bytes", lim.MaxBytes, "largest accepted file, in bytes")
			fs.IntVar(&lim.MaxPages, "max-pages", lim.MaxPages, "most pages read")
			fs.DurationVar(&lim.Timeout, "timeout", lim.Timeout, "time limit")
			fs.Int64Var(&lim.MaxMemory, "max-memory", lim.MaxMemory, "memory bound, in bytes")
			stream := fs.Bool(strings.TrimPrefix(pdftext.StreamFlag, "-"), false, "serve many PDFs (pdftext.Pool protocol) instead of one")
			if err := parseFlags(fs, args); err != nil {
				return err
			}
			if *stream {
				return pdftext.ServeWorkerStream(ctx, os.Stdin, e.stdout, lim)
			}
			return pdftext.ServeWorker(ctx, os.Stdin, e.stdout, lim)
		}}
}
