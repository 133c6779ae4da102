package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"golang.org/x/term"
)

// env is what every command receives: its output streams and the logger.
// It is built once in main and passed down; nothing is global.
type env struct {
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	// getenv reads the process environment (tests pass their own).
	getenv func(string) string
	// interactive is true when stdout is a terminal: progress bars are shown
	// then, and never under cron or in a pipe.
	interactive bool
}

func newEnv(stdout, stderr io.Writer) *env {
	level := slog.LevelInfo
	if os.Getenv("HABILITATIONS_DEBUG") != "" {
		level = slog.LevelDebug
	}
	interactive := false
	if f, ok := stdout.(*os.File); ok {
		interactive = term.IsTerminal(int(f.Fd()))
	}
	return &env{
		stdout: stdout, stderr: stderr,
		log:         slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})),
		getenv:      os.Getenv,
		interactive: interactive,
	}
}

// command is one subcommand: its flags are parsed by run itself so that each
// cmd_*.go file owns its options.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
	hidden  bool // internal commands (extract-worker) are left out of the usage
}

// commands lists the subcommands; each is defined in its own cmd_*.go file.
func commands() []command {
	return []command{
		versionCommand(),
		ingestCommand(),
		recordsCommand(),
		historyCommand(),
		extractCommand(),
		configCommand(),
		statusCommand(),
		runCommand(),
		serveCommand(),
		demoCommand(),
		purgeCommand(),
		workerCommand(),
		reviewCommand(),
		verifyCommand(),
		campaignCommand(),
		formsCommand(),
		reconcileCommand(),
		workloadCommand(),
	}
}

// Main runs the command named by args[0] and returns the process exit code.
func Main(ctx context.Context, args []string, e *env) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr, cmds)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range cmds {
		if c.name == args[0] {
			err := c.run(ctx, e, args[1:])
			return exitCode(e, c.name, err)
		}
	}
	fmt.Fprintf(e.stderr, "habilitations: unknown command %q\n\n", args[0])
	usage(e.stderr, cmds)
	return exitUsage
}

func usage(w io.Writer, cmds []command) {
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	var b strings.Builder
	b.WriteString("Usage: habilitations <command> [flags]\n\nCommands:\n")
	for _, c := range cmds {
		if c.hidden {
			continue
		}
		fmt.Fprintf(&b, "  %-12s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'habilitations <command> -h' for the flags of a command.\n")
	io.WriteString(w, b.String())
}

// newFlagSet returns a flag set that reports errors instead of exiting, so
// that usage errors map to exit codes in one place.
func newFlagSet(name, synopsis string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: habilitations %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns -h and bad flags into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageError{err}
	}
	return nil
}
