package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"habilitations/jobs"
)

func demoCommand() command {
	return command{name: "demo", summary: "create a data directory from built-in sample data, run the pipeline, list the files to open", run: runDemoCmd}
}

func runDemoCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("demo", "[DIR]", e)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Errorf("at most one directory, got %d", fs.NArg())}
	}
	dir := filepath.Join(os.TempDir(), "habilitations-demo")
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	d, err := jobs.PrepareDemo(dir)
	if err != nil {
		return err
	}
	scan := ""
	if d.Scan != "" {
		scan = ", 1 scanned dossier"
	}
	fmt.Fprintf(e.stdout, "Demo data directory %s: %d fictional partners, %d PDFs in inbox/%s, %d exports in exports/, %d broken file.\n\n",
		d.Config.DataDir, d.Partners, d.Dossiers, scan, d.Exports, d.Broken)
	x, err := extractorFor(d.Config)
	if err != nil {
		return err
	}
	defer closeExtractor(x)
	// The demo's reader wants the summary, not one log line per file.
	log := e.log
	if e.getenv == nil || e.getenv("HABILITATIONS_DEBUG") == "" {
		log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	rep, err := jobs.RunPipeline(ctx, jobs.RunOptions{Config: d.Config, AsOf: d.AsOf, Log: log, Progress: progressFor(e), Extractor: x,
		Attestation: attestationWriter(), TextRecognition: textRecognition()})
	if rep.RunID != 0 {
		rep.WriteSummary(e.stdout)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nOpen these files:")
	for _, f := range jobs.DemoFilesToOpen(d, rep) {
		fmt.Fprintf(e.stdout, "  %-34s %s\n", f.What, filepath.Join(d.Config.DataDir, filepath.FromSlash(f.Path)))
	}
	fmt.Fprintf(e.stdout, "\nRun it again (nothing changes):  habilitations run --config %s --as-of %s\n", d.ConfigPath, d.AsOf)
	fmt.Fprintf(e.stdout, "See the state:                   habilitations status --config %s\n", d.ConfigPath)
	return nil
}
