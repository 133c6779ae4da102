package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"habilitations/jobs"
	"habilitations/model/modeltest"
	"habilitations/report/sample"
)

// workloadCommand is hidden: it builds load-test data directories (the
// national night of BENCHMARKS.md), not something a Caf runs.
func workloadCommand() command {
	return command{name: "workload", summary: "drop a generated workload of fictional partners into a data directory", run: runWorkloadCmd, hidden: true}
}

func runWorkloadCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("workload", "--data DIR [--partners N] [--seed S] [--no-bulletins] [--no-exports] | --reconcile DIR [--as-night] [--conventions N] [--rows N] [--dormant F] [--duplicates F]", e)
	var f dataFlags
	f.register(fs)
	n := fs.Int("partners", 10000, "number of fictional partners")
	seed := fs.Int64("seed", 42, "generator seed: the same seed and number give the same files")
	noBulletins := fs.Bool("no-bulletins", false, "drop the dossiers only, without the later bulletins")
	noExports := fs.Bool("no-exports", false, "drop no user exports")
	var r reconcileWorkload
	fs.StringVar(&r.dir, "reconcile", "", "instead, write a reconciliation workload to this `directory`: one record JSON per convention in records/, the rows in export.csv")
	fs.IntVar(&r.o.Conventions, "conventions", 5000, "conventions of the reconciliation workload")
	fs.IntVar(&r.o.Rows, "rows", 1_000_000, "export rows of the reconciliation workload")
	fs.Float64Var(&r.o.DormantRate, "dormant", 0, "share of dormant accounts of the reconciliation workload (0: the default 5 %)")
	fs.Float64Var(&r.o.DuplicateRate, "duplicates", 0, "share of accounts opened a second time for the same person (reconciliation workload)")
	fs.BoolVar(&r.night, "as-night", false, "with --reconcile: make the directory a data directory instead, its records stored and its rows dropped in exports/, for a whole nightly run")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if r.dir != "" {
		return r.write(ctx, e, uint64(*seed))
	}
	cfg, err := f.config(e)
	if err != nil {
		return err
	}
	dd, err := jobs.OpenDataDir(cfg.DataDir)
	if err != nil {
		return err
	}
	start := time.Now()
	w, err := jobs.WriteWorkload(ctx, dd, *seed, *n, jobs.WorkloadOptions{Bulletins: !*noBulletins, Exports: !*noExports})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Workload in %s: %d dossiers, %d bulletins, %d exports, %.1f MB, in %s\n",
		dd.Root, w.Dossiers, w.Bulletins, w.Exports, float64(w.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	return nil
}

// reconcileWorkload is a modeltest workload written as the files
// `habilitations reconcile --records … --export …` reads.
type reconcileWorkload struct {
	dir   string
	o     modeltest.Options
	night bool // a data directory (jobs.StoreRecordsWorkload)
}

func (r reconcileWorkload) write(ctx context.Context, e *env, seed uint64) error {
	start := time.Now()
	if r.night {
		dd, err := jobs.OpenDataDir(r.dir)
		if err != nil {
			return err
		}
		w := modeltest.Generate(seed, r.o)
		err = jobs.StoreRecordsWorkload(ctx, dd, w.Records, func(out io.Writer) error { return sample.WriteExportCSV(out, w.Rows) })
		if err != nil {
			return fmt.Errorf("workload: %w", err)
		}
		fmt.Fprintf(e.stdout, "Night workload in %s: %d records stored, %d rows in exports/, as of %s, in %s\n",
			r.dir, len(w.Records), len(w.Rows), w.AsOf, time.Since(start).Round(time.Millisecond))
		return nil
	}
	recDir := filepath.Join(r.dir, "records")
	if err := os.MkdirAll(recDir, 0o700); err != nil {
		return fmt.Errorf("workload: %w", err)
	}
	w := modeltest.Generate(seed, r.o)
	for i, rec := range w.Records {
		b, err := json.Marshal(rec)
		if err != nil {
			return fmt.Errorf("workload record %d: %w", i, err)
		}
		if err := os.WriteFile(filepath.Join(recDir, fmt.Sprintf("%05d.json", i)), b, jobs.FileMode); err != nil {
			return fmt.Errorf("workload: %w", err)
		}
	}
	f, err := os.OpenFile(filepath.Join(r.dir, "export.csv"), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, jobs.FileMode)
	if err != nil {
		return fmt.Errorf("workload: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = sample.WriteExportCSV(bw, w.Rows)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("workload: %w", err)
	}
	fmt.Fprintf(e.stdout, "Reconciliation workload in %s: %d records, %d rows, as of %s, in %s\n",
		r.dir, len(w.Records), len(w.Rows), w.AsOf, time.Since(start).Round(time.Millisecond))
	return nil
}
