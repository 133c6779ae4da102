package main

import (
	"io"
	"log/slog"
	"time"

	"github.com/schollz/progressbar/v3"

	"habilitations/jobs"
)

// barProgress draws a progress bar per step on a terminal (jobs.Progress).
// It is only used when stdout is a terminal; under cron nothing is drawn.
type barProgress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

// progressFor returns the progress of a command: bars on a terminal, none
// otherwise.
func progressFor(e *env) jobs.Progress {
	if !e.interactive {
		return nil
	}
	return &barProgress{w: e.stdout}
}

func (p *barProgress) Start(step string, total int) {
	p.Finish()
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(step),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) Add(n int) {
	if p.bar != nil {
		p.bar.Add(n)
	}
}

func (p *barProgress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar = nil
	}
}

// jobLogger is the logger of a job command: on a terminal the progress bar
// and the summary say what happened, and per-file log lines would break the
// bar, so only warnings and errors are logged there (HABILITATIONS_DEBUG
// keeps everything); under cron every line goes to the log.
func jobLogger(e *env) *slog.Logger {
	if !e.interactive || (e.getenv != nil && e.getenv("HABILITATIONS_DEBUG") != "") {
		return e.log
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
