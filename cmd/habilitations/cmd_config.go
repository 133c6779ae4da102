package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"

	"habilitations/jobs"
)

func configCommand() command {
	return command{name: "config", summary: "print the effective configuration (TOML, defaults included)", run: runConfigCmd}
}

func runConfigCmd(ctx context.Context, e *env, args []string) error {
	cfg, cf, err := parseConfigOnly(e, "config", "[--config FILE] [--data DIR]", args)
	if err != nil {
		return err
	}
	if cf.path(e) == "" {
		fmt.Fprintln(e.stdout, "# No configuration file: these are the defaults.")
	} else {
		fmt.Fprintf(e.stdout, "# Effective configuration: %s over the defaults.\n", cf.path(e))
	}
	return cfg.WriteTOML(e.stdout)
}

// configFlags are the --config and --data flags that every command working on
// a data directory shares.
type configFlags struct {
	file string
	data string
}

func (c *configFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.file, "config", "", "configuration `file` (TOML); default $HABILITATIONS_CONFIG, else built-in defaults")
	fs.StringVar(&c.data, "data", "", "data `directory`; default $HABILITATIONS_DATA, else data_dir of the configuration")
}

// parseConfigOnly parses args for a command whose only flags are --config
// and --data, and loads the configuration.
func parseConfigOnly(e *env, name, synopsis string, args []string) (jobs.Config, configFlags, error) {
	fs := newFlagSet(name, synopsis, e)
	var cf configFlags
	cf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return jobs.Config{}, cf, err
	}
	cfg, err := cf.load(e)
	return cfg, cf, err
}

// path is the configuration file in use: the flag, else $HABILITATIONS_CONFIG.
func (c *configFlags) path(e *env) string { return jobs.ConfigFromEnv(c.file, e.getenv) }

// load reads the configuration and resolves the data directory: --data,
// else $HABILITATIONS_DATA, else data_dir of the configuration (whose default
// is ./habilitations-data). It applies memory_limit to the process.
func (c *configFlags) load(e *env) (jobs.Config, error) {
	cfg, err := jobs.LoadConfig(c.path(e))
	if err != nil {
		return jobs.Config{}, err
	}
	switch {
	case c.data != "":
		cfg.DataDir = c.data
	case e.getenv != nil && e.getenv("HABILITATIONS_DATA") != "":
		cfg.DataDir = e.getenv("HABILITATIONS_DATA")
	}
	if cfg.MemoryLimit > 0 {
		debug.SetMemoryLimit(cfg.MemoryLimit)
	}
	return cfg, nil
}
