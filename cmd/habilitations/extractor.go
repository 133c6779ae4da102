package main

import (
	"fmt"
	"os"

	"habilitations/extract"
	"habilitations/jobs"
)

// extractorFor builds the PDF extractor of the configuration: in a child
// process of this same executable (`habilitations extract-worker`) when
// extraction.isolate is set, so that the operating system bounds the memory
// and time of one hostile PDF; in-process otherwise.
func extractorFor(cfg jobs.Config) (jobs.Extractor, error) {
	x := extract.Extractor{Limits: cfg.Extraction.Limits()}
	if cfg.Extraction.Isolate {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("extraction.isolate: cannot find this executable: %w", err)
		}
		x.WorkerCommand = []string{exe, "extract-worker"}
	}
	return x, nil
}
