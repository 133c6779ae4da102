package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"habilitations/jobs"
)

// mustReadme returns the README of the repository.
func mustReadme(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// TestReadmeConfigurationIsTheDefaults keeps the README's configuration
// block true: read as a configuration file, it gives the defaults.
func TestReadmeConfigurationIsTheDefaults(t *testing.T) {
	readme := mustReadme(t)
	i := strings.Index(readme, "## Configuration")
	if i < 0 {
		t.Fatal("README has no Configuration section")
	}
	m := regexp.MustCompile("(?s)```toml\n(.*?)```").FindStringSubmatch(readme[i:])
	if m == nil {
		t.Fatal("README's Configuration section has no toml block")
	}
	p := filepath.Join(t.TempDir(), "readme.toml")
	if err := os.WriteFile(p, []byte(m[1]), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := jobs.LoadConfig(p)
	if err != nil {
		t.Fatalf("the README's configuration does not load: %v", err)
	}
	if want := jobs.DefaultConfig(); !reflect.DeepEqual(got, want) {
		t.Errorf("the README's configuration is not the defaults:\n got %+v\nwant %+v", got, want)
	}
}

// TestReadmeNamesEveryCommandAndExitCode keeps the command table and the
// exit codes of the README in step with the program.
func TestReadmeNamesEveryCommandAndExitCode(t *testing.T) {
	readme := mustReadme(t)
	for _, c := range commands() {
		if !c.hidden && !strings.Contains(readme, "`habilitations "+c.name) {
			t.Errorf("README does not document the command %q", c.name)
		}
	}
	for _, code := range []int{exitOK, exitFailure, exitRejected, exitLocked, exitConfig, exitInterrupted} {
		if !regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(strconv.Itoa(code)) + ` \|`).MatchString(readme) {
			t.Errorf("README's exit codes lack %d", code)
		}
	}
}
