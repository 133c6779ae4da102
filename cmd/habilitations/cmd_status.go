package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"habilitations/jobs"
)

func statusCommand() command {
	return command{name: "status", summary: "show the last run of each job, the next runs and the last error", run: runStatusCmd}
}

func runStatusCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("status", "[--data DIR] [--config FILE]", e)
	var cf configFlags
	cf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := cf.load(e)
	if err != nil {
		return err
	}
	st, err := jobs.ReadStatus(ctx, cfg, time.Now())
	if errors.Is(err, jobs.ErrNoDataDir) {
		// Nothing ran yet: still show the schedules.
		fmt.Fprintf(e.stdout, "No run yet: %s holds no state database.\n\n", cfg.DataDir)
		return st.Write(e.stdout)
	}
	if err != nil {
		return err
	}
	return st.Write(e.stdout)
}
