package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// JobFunc is one scheduled job. It receives the daemon's context: when the
// daemon is told to stop, the context is cancelled and the job finishes the
// document it is on, then returns.
type JobFunc func(ctx context.Context) error

// Scheduler runs named jobs on the cron specifications of the configuration
// (`habilitations serve`).
//
// Jobs never overlap: each entry is wrapped in cron.SkipIfStillRunning (a tick
// that comes while the same job still runs is dropped), and a process-wide
// mutex queues different jobs behind each other, so that the 02:00 run is not
// lost because an inbox pass started at 02:00 too. Across processes the data
// directory lock (taken by the jobs themselves) keeps a one-shot run and the
// daemon apart; a job that finds it taken fails with ErrLocked, which is
// logged and is not fatal to the daemon.
type Scheduler struct {
	cron    *cron.Cron
	log     *slog.Logger
	mu      sync.Mutex // one job at a time in this process
	ctx     context.Context
	entries map[string]cron.EntryID
}

// NewScheduler builds a scheduler for jobs (keyed by JobIngest, JobRun, …)
// on the schedules of cfg. A job whose spec is empty is not scheduled; a job
// with a spec but no function is a programming error.
func NewScheduler(cfg Config, log *slog.Logger, jobs map[string]JobFunc) (*Scheduler, error) {
	cl := cronLogger{log}
	s := &Scheduler{
		log: log,
		cron: cron.New(
			cron.WithLocation(cfg.Location()),
			cron.WithParser(scheduleParser),
			cron.WithLogger(cl),
			// Recover inside SkipIfStillRunning: a panic that went through
			// the skip wrapper would leave the job marked running forever.
			cron.WithChain(cron.SkipIfStillRunning(cl), cron.Recover(cl)),
		),
		entries: map[string]cron.EntryID{},
	}
	for _, sj := range cfg.Schedule.specs() {
		if sj.spec == "" {
			continue
		}
		fn, ok := jobs[sj.job]
		if !ok {
			return nil, fmt.Errorf("schedule.%s: no such job", sj.job)
		}
		name, fn := sj.job, fn
		id, err := s.cron.AddFunc(sj.spec, func() { s.runJob(name, fn) })
		if err != nil {
			return nil, &ConfigError{Err: fmt.Errorf("schedule.%s %q: %w", name, sj.spec, err)}
		}
		s.entries[name] = id
	}
	if len(s.entries) == 0 {
		return nil, &ConfigError{Err: errors.New("every [schedule] entry is empty: the daemon would have nothing to do")}
	}
	return s, nil
}

// Next returns the next activation of each scheduled job (after Run started).
func (s *Scheduler) Next() map[string]time.Time {
	out := map[string]time.Time{}
	for name, id := range s.entries {
		out[name] = s.cron.Entry(id).Next
	}
	return out
}

// Run starts the schedules and blocks until ctx is cancelled; it then stops
// the cron, lets the running job (whose context is ctx) finish its current
// document, and returns nil once it has.
func (s *Scheduler) Run(ctx context.Context) error {
	s.ctx = ctx
	s.cron.Start()
	for name, t := range s.Next() {
		s.log.Info("scheduled", "job", name, "next", t.Format(time.RFC3339))
	}
	<-ctx.Done()
	s.log.Info("stopping: waiting for the running job to finish")
	<-s.cron.Stop().Done()
	s.log.Info("stopped")
	return nil
}

// runJob runs one activation: queued behind any other job of this process,
// skipped once the daemon is stopping, its outcome logged. A panic goes on up
// to cron.Recover, which logs it with its stack; the daemon keeps running.
func (s *Scheduler) runJob(name string, fn JobFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ctx.Err() != nil {
		return
	}
	start := time.Now()
	s.log.Info("job start", "job", name)
	err := fn(s.ctx)
	switch {
	case err == nil:
		s.log.Info("job done", "job", name, "elapsed", time.Since(start).Round(time.Millisecond))
	case errors.Is(err, ErrLocked):
		s.log.Warn("job skipped: data directory locked by another process", "job", name)
	case errors.Is(err, context.Canceled):
		s.log.Warn("job interrupted", "job", name)
	default:
		s.log.Error("job failed", "job", name, "err", err)
	}
}

// cronLogger sends cron's own messages to slog. Its routine chatter (start,
// wake, run) is debug; a skipped tick is worth an info line; errors and
// recovered panics are errors.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) {
	level := slog.LevelDebug
	if msg == "skip" {
		level = slog.LevelInfo
		msg = "tick skipped: previous activation still running"
	}
	l.log.Log(context.Background(), level, "cron: "+msg, kv...)
}

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append([]any{"err", err}, kv...)...)
}
