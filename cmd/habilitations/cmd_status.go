package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"habilitations/extract/ocr"
	"habilitations/jobs"
)

func statusCommand() command {
	return command{name: "status", summary: "show the last run of each job, the next runs and the last error", run: runStatusCmd}
}

func runStatusCmd(ctx context.Context, e *env, args []string) error {
	cfg, _, err := parseConfigOnly(e, "status", "[--data DIR] [--config FILE]", args)
	if err != nil {
		return err
	}
	st, err := jobs.ReadStatus(ctx, cfg, time.Now())
	if _, ocrErr := ocr.Find(0); ocrErr != nil {
		st.TextRecognition = ocrErr.Error()
	}
	if errors.Is(err, jobs.ErrNoDataDir) {
		// Nothing ran yet: still show the schedules.
		fmt.Fprintf(e.stdout, "No run yet: %s holds no state database.\n\n", cfg.DataDir)
		return st.Write(e.stdout)
	}
	if err != nil {
		return err
	}
	return st.Write(e.stdout)
}
