package main

import (
	"context"

	"habilitations/jobs"
)

func purgeCommand() command {
	return command{name: "purge", summary: "apply the retention settings once (the weekly job of serve, for system cron)", run: runPurgeCmd}
}

func runPurgeCmd(ctx context.Context, e *env, args []string) error {
	cfg, _, err := parseConfigOnly(e, "purge", "[--data DIR] [--config FILE]", args)
	if err != nil {
		return err
	}
	rep, err := jobs.RetentionOnce(ctx, jobs.RunOptions{Config: cfg, Log: e.log})
	if rep.RunID != 0 {
		rep.WriteSummary(e.stdout)
	}
	return err
}
