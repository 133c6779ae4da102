package jobs

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func writeFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestLoadConfigDefaultsRoundTrip(t *testing.T) {
	def, err := LoadConfig("")
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	if !reflect.DeepEqual(def, DefaultConfig()) {
		t.Fatalf("LoadConfig(\"\") = %+v, want defaults", def)
	}
	var buf bytes.Buffer
	if err := def.WriteTOML(&buf); err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, t.TempDir(), "c.toml", buf.String())
	back, err := LoadConfig(p)
	if err != nil {
		t.Fatalf("reading printed config back: %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(back, def) {
		t.Fatalf("round trip changed the configuration:\n got %+v\nwant %+v", back, def)
	}
}

func TestLoadConfig(t *testing.T) {
	tests := []struct {
		name    string
		toml    string
		check   func(t *testing.T, c Config)
		wantErr string
	}{
		{name: "partial file keeps other defaults", toml: "data_dir = \"/srv/h\"\n[reconcile]\ndormant_days = 90\n",
			check: func(t *testing.T, c Config) {
				if c.DataDir != "/srv/h" || c.Reconcile.DormantDays != 90 {
					t.Errorf("values not read: %+v", c)
				}
				if c.Reconcile.MailboxMinPart != 3 || c.Schedule.Run != "0 2 * * *" || c.TimeZone != "Europe/Paris" {
					t.Errorf("defaults lost: %+v", c)
				}
			}},
		{name: "durations as strings", toml: "[inbox]\nsettle = \"2m30s\"\n",
			check: func(t *testing.T, c Config) {
				if c.Inbox.Settle.Duration != 150*time.Second {
					t.Errorf("settle = %v", c.Inbox.Settle)
				}
			}},
		{name: "seconds schedule accepted", toml: "[schedule]\ningest = \"*/1 * * * * *\"\nrun = \"\"\n",
			check: func(t *testing.T, c Config) {
				if c.Schedule.Ingest != "*/1 * * * * *" || c.Schedule.Run != "" {
					t.Errorf("schedule = %+v", c.Schedule)
				}
			}},
		{name: "unknown key", toml: "[reconcile]\ndormant_dayz = 3\n", wantErr: "unknown keys: reconcile.dormant_dayz"},
		{name: "bad zone", toml: "time_zone = \"Mars/Olympus\"\n", wantErr: "time_zone \"Mars/Olympus\""},
		{name: "bad schedule", toml: "[schedule]\nrun = \"0 25 * * *\"\n", wantErr: "schedule.run"},
		{name: "bad duration", toml: "[inbox]\nsettle = \"soon\"\n", wantErr: "invalid duration"},
		{name: "negative retention", toml: "[retention]\nreports_days = -1\n", wantErr: "retention.reports_days must not be negative"},
		{name: "zero dormancy", toml: "[reconcile]\ndormant_days = 0\n", wantErr: "reconcile.dormant_days must be positive"},
		{name: "sheet limit", toml: "[report]\nsheet_limit = 2000000\n",
			check: func(t *testing.T, c Config) {
				if c.Report.SheetLimit != 2_000_000 {
					t.Errorf("report.sheet_limit = %d", c.Report.SheetLimit)
				}
			}},
		{name: "zero sheet limit", toml: "[report]\nsheet_limit = 0\n", wantErr: "report.sheet_limit must be positive"},
		{name: "not toml", toml: "data_dir = \n", wantErr: "c.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "c.toml", tt.toml)
			c, err := LoadConfig(p)
			if tt.wantErr != "" {
				var ce *ConfigError
				if err == nil || !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want a ConfigError containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func TestNextRunsInZone(t *testing.T) {
	cfg := DefaultConfig()
	paris, _ := time.LoadLocation("Europe/Paris")
	now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC) // 02:00 in Paris
	next := NextRuns(cfg, now)
	// 02:00 Paris has just started: the next run is tomorrow at 02:00 Paris.
	if want := time.Date(2026, 11, 26, 2, 0, 0, 0, paris); !next[JobRun].Equal(want) {
		t.Errorf("next run = %v, want %v", next[JobRun], want)
	}
	if want := time.Date(2026, 11, 25, 2, 5, 0, 0, paris); !next[JobIngest].Equal(want) {
		t.Errorf("next ingest = %v, want %v", next[JobIngest], want)
	}
	cfg.Schedule.Review = ""
	if _, ok := NextRuns(cfg, now)[JobReview]; ok {
		t.Error("an empty spec must not be scheduled")
	}
}
