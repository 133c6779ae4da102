package main

import (
	"io"
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
