package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"habilitations/extract/export"
	"habilitations/model"
)

// readRecordFiles reads record JSON files: each holds one record or an array
// of records (as « habilitations records --json » prints them). Files are
// read by as many workers as there are processors (five thousand one-record
// files take a noticeable part of a large reconciliation), the records kept
// in the order of paths; the first error in that order is returned.
func readRecordFiles(paths []string) ([]model.Record, error) {
	recs := make([][]model.Record, len(paths))
	errs := make([]error, len(paths))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(paths); i = int(next.Add(1) - 1) {
				recs[i], errs[i] = readRecordFile(paths[i])
			}
		})
	}
	wg.Wait()
	var out []model.Record
	for i := range paths {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, recs[i]...)
	}
	return out, nil
}

func readRecordFile(p string) ([]model.Record, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	var recs []model.Record
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		err = json.Unmarshal(t, &recs)
	} else {
		var r model.Record
		err = r.UnmarshalJSON(t) // not through json.Unmarshal: it would scan the bytes once more first
		recs = []model.Record{r}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a record JSON (records.md §2): %w", p, err)
	}
	for i, r := range recs {
		if err := model.Validate(r); err != nil {
			return nil, fmt.Errorf("%s: record %d: %w", p, i+1, err)
		}
	}
	return recs, nil
}

// readExportFile gives each row of export p to take, as it is read (take
// copies what it keeps: the rows are read transient); bad rows are
// skipped, and reported on stderr with file and line (never their
// content).
func readExportFile(ctx context.Context, e *env, p string, take func(model.Habilitation)) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("read export: %w", err)
	}
	defer f.Close()
	sum, err := export.Read(ctx, filepath.Base(p), f, export.Options{Transient: true}, func(h model.Habilitation) error {
		take(h)
		return nil
	})
	if err != nil {
		return fmt.Errorf("export %s: %w", p, err)
	}
	for _, re := range sum.RowErrors {
		fmt.Fprintf(e.stderr, "habilitations reconcile: %s: skipped: %s\n", p, re.Error())
	}
	if more := sum.RowErrorCount - len(sum.RowErrors); more > 0 {
		fmt.Fprintf(e.stderr, "habilitations reconcile: %s: %d more rows skipped\n", p, more)
	}
	e.log.Debug("export read", "file", p, "rows", sum.Rows, "skipped", sum.RowErrorCount)
	return nil
}

// writeFindingSummary prints the number of findings per code, in French
// (the people who run it are Caf staff).
func writeFindingSummary(w io.Writer, asOf model.Date, total int, counts map[model.Code]int) error {
	b := &bytes.Buffer{}
	fmt.Fprintf(b, "Constats au %s : %d\n", asOf.Time().Format("02/01/2006"), total)
	for _, c := range model.Codes {
		if counts[c] > 0 {
			t := model.Finding{Code: c}.Title()
			fmt.Fprintf(b, "  %s%s %5d\n", t, strings.Repeat(" ", max(0, 42-utf8.RuneCountInString(t))), counts[c])
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}
