package jobs

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the scheduler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func secondsConfig(specs ScheduleConfig) Config {
	cfg := DefaultConfig()
	cfg.Schedule = specs
	return cfg
}

// TestSchedulerRecoversPanicsAndNeverOverlaps runs two jobs every second: one
// panics on its first activation, one is slower than its period. The daemon
// must log the panic and run the job again, never run two jobs at once, and
// return from Run only after the running job finished.
func TestSchedulerRecoversPanicsAndNeverOverlaps(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var running, maxRunning, panicky, slow atomic.Int32
	var slowDone atomic.Bool
	enter := func() {
		n := running.Add(1)
		for {
			m := maxRunning.Load()
			if n <= m || maxRunning.CompareAndSwap(m, n) {
				break
			}
		}
	}
	jobs := map[string]JobFunc{
		JobIngest: func(ctx context.Context) error {
			enter()
			defer running.Add(-1)
			if panicky.Add(1) == 1 {
				panic("boom")
			}
			return nil
		},
		JobRun: func(ctx context.Context) error {
			enter()
			defer running.Add(-1)
			slow.Add(1)
			select { // slower than the period; a stop lets it finish its "document"
			case <-time.After(1500 * time.Millisecond):
			case <-ctx.Done():
				time.Sleep(200 * time.Millisecond)
			}
			slowDone.Store(true)
			return nil
		},
	}
	s, err := NewScheduler(secondsConfig(ScheduleConfig{Ingest: "*/1 * * * * *", Run: "*/1 * * * * *"}), log, jobs)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	deadline := time.Now().Add(20 * time.Second)
	for panicky.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v, want nil after a clean stop", err)
	}
	if got := panicky.Load(); got < 3 {
		t.Fatalf("panicking job ran %d times; the daemon must go on after a panic", got)
	}
	if m := maxRunning.Load(); m != 1 {
		t.Errorf("at most %d jobs ran at once, want 1", m)
	}
	if slow.Load() > 0 && !slowDone.Load() {
		t.Error("Run returned before the running job finished")
	}
	out := logs.String()
	for _, want := range []string{"cron: panic", "boom", "stopped"} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %q:\n%s", want, out)
		}
	}
}

func TestNewSchedulerRejectsBadSpec(t *testing.T) {
	_, err := NewScheduler(secondsConfig(ScheduleConfig{Ingest: "every now and then"}), slog.New(slog.DiscardHandler),
		map[string]JobFunc{JobIngest: func(context.Context) error { return nil }})
	if err == nil || !strings.Contains(err.Error(), "schedule.ingest") {
		t.Fatalf("err = %v, want an error naming schedule.ingest", err)
	}
}

func TestNewSchedulerRefusesNothingToDo(t *testing.T) {
	_, err := NewScheduler(secondsConfig(ScheduleConfig{}), slog.New(slog.DiscardHandler), map[string]JobFunc{})
	var ce *ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a ConfigError", err)
	}
}
