package main

import (
	"fmt"
	"io"
	"os"
	"runtime"

	"habilitations/extract"
	"habilitations/extract/ocr"
	"habilitations/jobs"
)

// extractorFor builds the PDF extractor of the configuration: when
// extraction.isolate is set, a pool of child processes of this same
// executable (`habilitations extract-worker -stream`), so that the operating
// system bounds the memory and time of one hostile PDF while the workers are
// reused across files (a process per file costs more than the text layer
// itself); in-process otherwise. Callers release it with closeExtractor.
//
// Scans are read by text recognition when Tesseract and its French model
// are installed (ocr.Find); otherwise they are rejected, saying so, and
// ocrMissing tells the run summary and status why.
func extractorFor(cfg jobs.Config) (jobs.Extractor, error) {
	engine, _ := ocr.Find(0)
	if !cfg.Extraction.Isolate {
		return extract.Extractor{Limits: cfg.Extraction.Limits(), OCR: engine}, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("extraction.isolate: cannot find this executable: %w", err)
	}
	x := extract.NewPooled(cfg.Extraction.Limits(), []string{exe, "extract-worker"}, runtime.GOMAXPROCS(0))
	x.OCR = engine
	return x, nil
}

// closeExtractor stops the worker processes of an extractor, if it has any.
func closeExtractor(x jobs.Extractor) {
	if c, ok := x.(io.Closer); ok {
		c.Close()
	}
}

// textRecognition says why scans cannot be read on this machine (nil when
// they can): the run summary and status warn with it.
func textRecognition() error {
	_, err := ocr.Find(0)
	return err
}
