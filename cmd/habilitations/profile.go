package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// startProfiles writes a CPU profile to $HABILITATIONS_CPUPROFILE, an
// execution trace to $HABILITATIONS_TRACE (`go tool trace`: where the cores
// wait) and, at the end, a heap profile to $HABILITATIONS_MEMPROFILE (for
// `go tool pprof`: how the national night of jobs/BENCHMARKS.md was
// profiled). The returned function ends them; with no variable set it does
// nothing.
func startProfiles(getenv func(string) string) (stop func(), err error) {
	cpu, mem := getenv("HABILITATIONS_CPUPROFILE"), getenv("HABILITATIONS_MEMPROFILE")
	tr, err := startTrace(getenv("HABILITATIONS_TRACE"))
	if err != nil {
		return func() {}, err
	}
	var f *os.File
	if cpu != "" {
		if f, err = os.OpenFile(cpu, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); err != nil {
			tr()
			return func() {}, fmt.Errorf("cpu profile: %w", err)
		}
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
			tr()
			return func() {}, fmt.Errorf("cpu profile: %w", err)
		}
	}
	return func() {
		tr()
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
		}
		if mem == "" {
			return
		}
		m, err := os.OpenFile(mem, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			fmt.Fprintf(os.Stderr, "habilitations: heap profile: %v\n", err)
			return
		}
		defer m.Close()
		runtime.GC()
		if err := pprof.Lookup("allocs").WriteTo(m, 0); err != nil {
			fmt.Fprintf(os.Stderr, "habilitations: heap profile: %v\n", err)
		}
	}, nil
}

// startTrace writes an execution trace to path ("": none); the returned
// function ends it.
func startTrace(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("execution trace: %w", err)
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("execution trace: %w", err)
	}
	return func() {
		trace.Stop()
		f.Close()
	}, nil
}
