// Package extract turns one input file into a validated record: the PDF's
// text layer (package pdftext, in-process or in an isolated child process),
// then the dossier parser (package dossier), then validation. Callers turn
// an error into a rejection with model.NewRejection(name, err).
package extract

import (
	"context"
	"fmt"

	"habilitations/extract/dossier"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

// Extractor reads signed dossiers. The zero value reads in-process with
// pdftext's default limits.
type Extractor struct {
	// Limits bound the work spent on one file (zero fields take
	// pdftext.DefaultLimits).
	Limits pdftext.Limits
	// WorkerCommand, when set, runs the text layer in a child process
	// (e.g. {"/usr/bin/habilitations", "extract-worker"}) whose memory and
	// time are bounded by the operating system; nil reads in-process.
	WorkerCommand []string
}

// Extract reads the PDF data of the file called name into a validated record.
// Errors name the file and wrap the model's sentinels (ErrNotPDF,
// ErrEncrypted, ErrCorrupt, ErrNoText, ErrNotConvention) or a
// *model.IncompleteError; a done ctx returns an error wrapping ctx.Err().
func (x Extractor) Extract(ctx context.Context, name string, data []byte) (model.Record, error) {
	doc, err := x.text(ctx, data)
	if err != nil {
		return model.Record{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := ctx.Err(); err != nil {
		return model.Record{}, fmt.Errorf("%s: %w", name, err)
	}
	rec, err := parse(doc)
	if err != nil {
		return model.Record{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := dossier.Check(rec); err != nil {
		return model.Record{}, fmt.Errorf("%s: %w", name, err)
	}
	return rec, nil
}

// text runs the text layer in-process or in the worker.
func (x Extractor) text(ctx context.Context, data []byte) (pdftext.Document, error) {
	if len(x.WorkerCommand) > 0 {
		return pdftext.Isolated{Command: x.WorkerCommand, Limits: x.Limits}.Extract(ctx, data)
	}
	return pdftext.Extract(ctx, data, x.Limits)
}

// parse runs the dossier parser; a panic there is a bug, but it must cost
// one file, never the batch.
func parse(doc pdftext.Document) (rec model.Record, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("dossier parser failed (internal error): %v", r)
		}
	}()
	return dossier.Parse(doc)
}
