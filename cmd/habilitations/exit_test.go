package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"habilitations/jobs"
)

// TestRunExitCodes checks the exit codes of run that cron and systemd act
// on (README "Exit codes").
func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	badCfg := filepath.Join(dir, "bad.toml")
	os.WriteFile(badCfg, []byte("[reconcile]\ndormant_days = -3\n"), 0o600)
	tests := []struct {
		name   string
		args   []string
		setup  func(t *testing.T)
		code   int
		stderr string
	}{
		{name: "empty data directory", args: []string{"run", "--data", data, "--as-of", "2026-11-25"}, code: exitOK},
		{name: "locked by another run", args: []string{"run", "--data", data}, code: exitLocked, stderr: "another run holds the data directory",
			setup: func(t *testing.T) {
				dd, err := jobs.OpenDataDir(data)
				if err != nil {
					t.Fatal(err)
				}
				l, err := dd.Lock()
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { l.Unlock() })
			}},
		{name: "invalid configuration", args: []string{"run", "--config", badCfg, "--data", data}, code: exitConfig, stderr: "reconcile.dormant_days"},
		{name: "bad date", args: []string{"run", "--data", data, "--as-of", "25/11/2026"}, code: exitUsage, stderr: "--as-of"},
		{name: "unknown flag", args: []string{"run", "--dta", data}, code: exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != nil {
				tt.setup(t)
			}
			r := mustRunBinary(t, tt.code, tt.args...)
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, r.stderr)
			}
		})
	}
}
