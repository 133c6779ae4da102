package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"habilitations/jobs"
)

func reviewCommand() command {
	return command{name: "review", summary: "prepare the annual review workbooks; 'review import' reads them back", run: runReviewCmd}
}

func runReviewCmd(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "import" {
		return runReviewImportCmd(ctx, e, args[1:])
	}
	fs := newFlagSet("review", "[--data DIR] [--config FILE] [--convention N] [--as-of YYYY-MM-DD]\n       habilitations review import [--data DIR] FILE.xlsx...", e)
	var f runFlags
	f.register(fs)
	convention := fs.String("convention", "", "prepare only the convention numbered `N` (e.g. 06/2017)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	o, err := f.options(e)
	if err != nil {
		return err
	}
	res, err := jobs.PrepareReviewsOnce(ctx, o, *convention)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Review workbooks: %d written, %d unchanged, %d conventions without export\n", len(res.Workbooks), res.Skipped, res.NoExport)
	for _, p := range res.Workbooks {
		fmt.Fprintf(e.stdout, "  %s\n", p)
	}
	fmt.Fprintf(e.stdout, "Consolidated workbook: %s\n", res.Consolidated)
	if res.ActionChecks > 0 {
		fmt.Fprintf(e.stdout, "Actions of earlier reviews checked: %d (sheet « Suivi des actions »)\n", res.ActionChecks)
	}
	return nil
}

func runReviewImportCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("review import", "[--data DIR] [--config FILE] FILE.xlsx...", e)
	var f runFlags
	f.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{errors.New("no workbook given")}
	}
	o, err := f.options(e)
	if err != nil {
		return err
	}
	results, err := jobs.ImportReviewsOnce(ctx, o, fs.Args(), attestationWriter())
	for _, r := range results {
		switch {
		case len(r.Problems) > 0:
			// The reviewer's workbook is refused: the problems are for them, in French.
			fmt.Fprintf(e.stdout, "%s : classeur refusé, %d problème(s) à corriger avant un nouvel envoi :\n", r.File, len(r.Problems))
			for _, p := range r.Problems {
				fmt.Fprintf(e.stdout, "  - %s\n", p)
			}
		case r.SHA256 != "" && r.Convention != "" && !r.Imported:
			fmt.Fprintf(e.stdout, "%s: already imported (convention %s), nothing changed\n", r.File, r.Convention)
			printOutputs(e, r)
		case r.Imported:
			fmt.Fprintf(e.stdout, "%s: convention %s, %d decisions imported (%s)\n", r.File, r.Convention, r.Decisions, countsLine(r.Counts))
			printOutputs(e, r)
		}
	}
	return err
}

func printOutputs(e *env, r jobs.ImportResult) {
	for _, p := range []string{r.Attestation, r.ActionsCSV, r.ActionsXLSX} {
		if p != "" {
			fmt.Fprintf(e.stdout, "  %s\n", p)
		}
	}
}

func countsLine(m map[string]int) string {
	var parts []string
	for _, k := range []string{"Maintenir", "Supprimer", "Modifier le profil", "Ne sait pas"} {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}
