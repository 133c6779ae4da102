package main

import (
	"context"
	"errors"
	"fmt"

	"habilitations/jobs"
)

// Exit codes, mapped from errors in exitCode and nowhere else. They are
// documented in the README ("Exit codes").
const (
	exitOK          = 0   // the command did its work (rejections and findings are results, not failures)
	exitFailure     = 1   // an internal error or an invalid command line
	exitRejected    = 2   // extract: at least one file was rejected
	exitLocked      = 3   // another run holds the data directory
	exitConfig      = 4   // the configuration file or a setting is invalid
	exitInterrupted = 130 // SIGINT or SIGTERM stopped the command
	exitUsage       = exitFailure
)

var errHelp = errors.New("help requested")

// usageError is a bad command line.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// errRejected is returned by extract when a file yields a rejection rather
// than a record; the rejection itself was already printed.
var errRejected = errors.New("file rejected")

// exitCode maps the error of a command to the exit code and prints it once.
func exitCode(e *env, name string, err error) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.Is(err, errRejected):
		return exitRejected
	case errors.Is(err, context.Canceled):
		e.log.Warn("interrupted", "command", name)
		return exitInterrupted
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "habilitations %s: %v\n", name, err)
		return exitUsage
	}
	if code, ok := jobsExitCode(err); ok {
		fmt.Fprintf(e.stderr, "habilitations %s: %v\n", name, err)
		return code
	}
	fmt.Fprintf(e.stderr, "habilitations %s: %v\n", name, err)
	return exitFailure
}

// jobsExitCode maps the errors of package jobs that have their own exit code.
func jobsExitCode(err error) (int, bool) {
	var ce *jobs.ConfigError
	switch {
	case errors.As(err, &ce):
		return exitConfig, true
	case errors.Is(err, jobs.ErrLocked), errors.Is(err, jobs.ErrDaemonRunning):
		return exitLocked, true
	}
	return 0, false
}
