package main

import (
	"context"
	"errors"
	"time"

	"habilitations/jobs"
)

func serveCommand() command {
	return command{name: "serve", summary: "run the jobs on their schedules until SIGTERM (daemon)", run: runServeCmd}
}

func runServeCmd(ctx context.Context, e *env, args []string) error {
	cfg, _, err := parseConfigOnly(e, "serve", "[--config FILE] [--data DIR]", args)
	if err != nil {
		return err
	}
	// One daemon per data directory; `status` tells whether it runs.
	dd, err := jobs.OpenDataDir(cfg.DataDir)
	if err != nil {
		return err
	}
	lock, err := dd.LockDaemon(time.Now())
	switch {
	case errors.Is(err, jobs.ErrDaemonRunning):
		return err
	case err != nil:
		// A file system without record locks (some network mounts): the
		// jobs' own lock still keeps runs apart; only status loses sight.
		e.log.Warn("daemon lock not taken: status will not show the daemon", "err", err)
	}
	defer lock.Unlock()
	for _, p := range dd.CheckPermissions() {
		e.log.Warn("data directory open to other users (personal data)", "path", p.Path, "mode", p.Mode, "entries", p.Count, "fix", p.Fix)
	}
	x, err := extractorFor(cfg)
	if err != nil {
		return err
	}
	defer closeExtractor(x)
	// The daemon never draws progress bars and always uses today's date.
	s, err := jobs.NewScheduler(cfg, e.log, jobs.ScheduledJobs(jobs.RunOptions{Config: cfg, Log: e.log, Extractor: x, Attestation: attestationWriter(),
		TextRecognition: textRecognition()}))
	if err != nil {
		return err
	}
	e.log.Info("serving", "data", cfg.DataDir, "time_zone", cfg.TimeZone)
	// Run returns nil once SIGTERM/SIGINT (ctx) stopped it cleanly: exit 0.
	return s.Run(ctx)
}
