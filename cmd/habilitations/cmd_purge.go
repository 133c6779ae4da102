package main

import (
	"context"

	"habilitations/jobs"
)

func purgeCommand() command {
	return command{name: "purge", summary: "apply the retention settings once (the weekly job of serve, for system cron)", run: runPurgeCmd}
}

func runPurgeCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("purge", "[--data DIR] [--config FILE]", e)
	var cf configFlags
	cf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := cf.load(e)
	if err != nil {
		return err
	}
	rep, err := jobs.RetentionOnce(ctx, jobs.RunOptions{Config: cfg, Log: e.log})
	if rep.RunID != 0 {
		rep.WriteSummary(e.stdout)
	}
	return err
}
