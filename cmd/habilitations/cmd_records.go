package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"habilitations/jobs"
	"habilitations/jobs/store"
	"habilitations/model"
)

func recordsCommand() command {
	return command{name: "records", summary: "list the conventions in force (effective view)", run: runRecordsCmd}
}

// recordsOptions are the options of runRecords.
type recordsOptions struct {
	dataDir string
	json    bool
}

func runRecordsCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("records", "[--data DIR] [--config FILE] [--json]", e)
	var f dataFlags
	f.register(fs)
	asJSON := fs.Bool("json", false, "print the records as a JSON array (records.md §2)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := f.config(e)
	if err != nil {
		return err
	}
	return runRecords(ctx, e, recordsOptions{dataDir: cfg.DataDir, json: *asJSON})
}

func runRecords(ctx context.Context, e *env, o recordsOptions) error {
	st, err := openStoreRead(ctx, o.dataDir)
	if err != nil {
		return err
	}
	defer st.Close()
	recs, err := st.EffectiveRecords(ctx)
	if err != nil {
		return err
	}
	if !o.json {
		return jobs.WriteRecordsTable(e.stdout, recs)
	}
	if recs == nil {
		recs = []model.Record{}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(recs)
}

// openStoreRead opens the store of an existing data directory, without the
// lock: reading is safe during a run (WAL).
func openStoreRead(ctx context.Context, dir string) (*store.Store, error) {
	dd := &jobs.DataDir{Root: dir}
	if _, err := os.Stat(dd.StatePath()); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", dir, jobs.ErrNoDataDir)
	}
	return store.Open(ctx, dd.StatePath())
}
