package main

import (
	"context"
	"errors"
	"fmt"

	"habilitations/jobs"
)

func verifyCommand() command {
	return command{name: "verify", summary: "'verify import' applies the values checked in verification workbooks of scans", run: runVerifyCmd}
}

func runVerifyCmd(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		fs := newFlagSet("verify", "import [--data DIR] [--config FILE] FILE.xlsx...", e)
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		return usageError{errors.New("the only subcommand is 'import'")}
	}
	fs := newFlagSet("verify import", "[--data DIR] [--config FILE] FILE.xlsx...", e)
	var f runFlags
	f.register(fs)
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{errors.New("no workbook given")}
	}
	o, err := f.options(e)
	if err != nil {
		return err
	}
	results, err := jobs.ImportVerificationsOnce(ctx, o, fs.Args())
	for _, r := range results {
		switch {
		case len(r.Problems) > 0:
			// The clerk's workbook is refused: the problems are for them, in French.
			fmt.Fprintf(e.stdout, "%s : classeur refusé, %d problème(s) à corriger :\n", r.File, len(r.Problems))
			for _, p := range r.Problems {
				fmt.Fprintf(e.stdout, "  - %s\n", p)
			}
		case r.SHA256 != "" && r.WorkbookID != "" && !r.Imported:
			fmt.Fprintf(e.stdout, "%s: already imported (convention %s), nothing changed; %d values still to verify\n",
				r.File, r.Convention, r.Remaining)
		case r.Imported:
			fmt.Fprintf(e.stdout, "%s: convention %s, document %.12s: %d values checked and applied, %d left blank, %d checked earlier; %d still to verify\n",
				r.File, r.Convention, r.DocumentSHA, r.Applied, r.Unchecked, r.Already, r.Remaining)
		}
	}
	return err
}
