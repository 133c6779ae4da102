package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"
	"time"

	"habilitations/jobs"
	"habilitations/model"
	"habilitations/report/sample"
)

var (
	e2eBuildOnce sync.Once
	e2eBin       string
	e2eBuildErr  error
)

// e2eBinary builds the habilitations binary once per test process: the
// end-to-end tests run it as cron or systemd would, and its
// extract-worker child needs a real executable.
func e2eBinary(tb testing.TB) string {
	tb.Helper()
	e2eBuildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "habilitations-e2e-bin-")
		if err != nil {
			e2eBuildErr = err
			return
		}
		e2eBin = filepath.Join(dir, "habilitations")
		out, err := exec.Command("go", "build", "-o", e2eBin, ".").CombinedOutput()
		if err != nil {
			e2eBuildErr = err
			tb.Logf("go build: %s", out)
		}
	})
	if e2eBuildErr != nil {
		tb.Fatalf("building the binary: %v", e2eBuildErr)
	}
	return e2eBin
}

// e2eResult is one run of the binary.
type e2eResult struct {
	stdout, stderr string
	code           int
}

// mustRunBinary runs the binary with args and fails unless it exits with want.
func mustRunBinary(tb testing.TB, want int, args ...string) e2eResult {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, e2eBinary(tb), args...)
	cmd.Env = append(os.Environ(), "HABILITATIONS_CONFIG=", "HABILITATIONS_DATA=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := e2eResult{stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		tb.Fatalf("habilitations %v: %v", args, err)
	}
	if r.code != want {
		tb.Fatalf("habilitations %v exited %d, want %d\nstdout:\n%s\nstderr:\n%s", args, r.code, want, r.stdout, r.stderr)
	}
	return r
}

// treeHashes maps every regular file under root (relative, slash-separated)
// to the SHA-256 of its content.
func treeHashes(tb testing.TB, root string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		sum := sha256.Sum256(b)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkScanned checks the record read from the demo's scanned dossier
// against the sample it was printed from: its identity and every quota
// exact, or listed in to_verify (records.md §2b).
func checkScanned(t *testing.T, got model.Record) {
	t.Helper()
	want := sample.Generate(jobs.DemoSeed, jobs.DemoScanIndex+1, sample.Options{AsOf: jobs.DemoAsOf})[jobs.DemoScanIndex].Record
	listed := map[string]bool{}
	for _, v := range got.ToVerify {
		listed[v.Field] = true
	}
	check := func(field string, g, w any) {
		if !reflect.DeepEqual(g, w) && !listed[field] {
			t.Errorf("scanned dossier: %s = %v, want %v, and not listed to verify", field, g, w)
		}
	}
	check("convention.number", got.Convention.Number, want.Convention.Number)
	check("convention.partner.siret", got.Convention.Partner.SIRET, want.Convention.Partner.SIRET)
	check("convention.partner.name", got.Convention.Partner.Name, want.Convention.Partner.Name)
	if len(got.Services) != len(want.Services) || len(got.Contacts) != len(want.Contacts) {
		t.Fatalf("scanned dossier: %d units and %d contacts, want %d and %d", len(got.Services), len(got.Contacts), len(want.Services), len(want.Contacts))
	}
	for i, sv := range got.Services {
		for _, p := range model.Profiles {
			check(fmt.Sprintf("services[%d].quotas.%s", i, p), sv.Quotas.Get(p), want.Services[i].Quotas.Get(p))
		}
	}
}
