package main

import (
	"context"
	"flag"
	"fmt"

	"habilitations/jobs"
	"habilitations/model"
)

func runCommand() command {
	return command{name: "run", summary: "run the whole pipeline once (for system cron)", run: runRunCmd}
}

// runFlags are the flags of run: the data directory, the configuration and
// the reference date.
type runFlags struct {
	configFlags
	asOf string
}

func (f *runFlags) register(fs *flag.FlagSet) {
	f.configFlags.register(fs)
	fs.StringVar(&f.asOf, "as-of", "", "reference `date` (YYYY-MM-DD) of the reconciliation and reports; default today")
}

// options builds the options of a job from the flags.
func (f *runFlags) options(e *env) (jobs.RunOptions, error) {
	cfg, err := f.load(e)
	if err != nil {
		return jobs.RunOptions{}, err
	}
	x, err := extractorFor(cfg)
	if err != nil {
		return jobs.RunOptions{}, err
	}
	o := jobs.RunOptions{Config: cfg, Log: jobLogger(e), Progress: progressFor(e), Extractor: x, Attestation: attestationWriter(),
		TextRecognition: textRecognition()}
	if f.asOf != "" {
		d, err := model.ParseISODate(f.asOf)
		if err != nil {
			return o, usageError{fmt.Errorf("--as-of: %w", err)}
		}
		o.AsOf = d
	}
	return o, nil
}

func runRunCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("run", "[--data DIR] [--config FILE] [--as-of YYYY-MM-DD]", e)
	var f runFlags
	f.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	o, err := f.options(e)
	if err != nil {
		return err
	}
	defer closeExtractor(o.Extractor)
	rep, err := jobs.RunPipeline(ctx, o)
	if rep.RunID != 0 {
		rep.WriteSummary(e.stdout)
	}
	return err
}
