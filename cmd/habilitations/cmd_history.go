package main

import (
	"context"
	"errors"
	"fmt"

	"habilitations/jobs"
	"habilitations/jobs/store"
	"habilitations/model"
)

func historyCommand() command {
	return command{name: "history", summary: "show what each document changed in a convention", run: runHistoryCmd}
}

// historyOptions are the options of runHistory.
type historyOptions struct {
	dataDir    string
	convention string
}

func runHistoryCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("history", "--convention NUMBER [--data DIR] [--config FILE]", e)
	var f dataFlags
	f.register(fs)
	number := fs.String("convention", "", "convention `number` as printed (e.g. 06/2017)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *number == "" {
		return usageError{errors.New("--convention is required")}
	}
	cfg, err := f.config(e)
	if err != nil {
		return err
	}
	return runHistory(ctx, e, historyOptions{dataDir: cfg.DataDir, convention: model.NormalizeNumber(*number)})
}

func runHistory(ctx context.Context, e *env, o historyOptions) error {
	st, err := openStoreRead(ctx, o.dataDir)
	if err != nil {
		return err
	}
	defer st.Close()
	eff, changes, err := st.ConventionHistory(ctx, o.convention)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no document for convention %s in %s", o.convention, o.dataDir)
	}
	if err != nil {
		return err
	}
	var shas []string
	for _, c := range changes {
		shas = append(shas, c.Record.DocumentSHA)
	}
	checked, err := st.Verifications(ctx, shas)
	if err != nil {
		return err
	}
	return jobs.WriteHistory(e.stdout, eff, changes, checked)
}
