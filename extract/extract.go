// Package extract turns one input file into a validated record: the PDF's
// text layer (package pdftext: in-process, in a child process per file, or
// in a pool of long-lived child processes), then the dossier parser
// (package dossier), then validation. Callers turn an error into a
// rejection with model.NewRejection(name, err).
package extract

import (
	"context"
	"errors"
	"fmt"

	"habilitations/extract/dossier"
	"habilitations/extract/ocr"
	"habilitations/extract/pdftext"
	"habilitations/model"
)

// Extractor reads signed dossiers. The zero value reads in-process with
// pdftext's default limits. An Extractor is safe for concurrent use by
// several goroutines (a Pool hands each call its own worker).
type Extractor struct {
	// Limits bound the work spent on one file (zero fields take
	// pdftext.DefaultLimits). A Pool has its own limits, given to
	// pdftext.NewPool; NewPooled gives it these.
	Limits pdftext.Limits
	// WorkerCommand, when set, runs the text layer in a child process per
	// file (e.g. {"/usr/bin/habilitations", "extract-worker"}) whose memory
	// and time are bounded by the operating system; nil reads in-process.
	WorkerCommand []string
	// Pool, when set, runs the text layer in the pool's long-lived worker
	// processes, with the isolation of WorkerCommand but without a process
	// start per file (about 20 ms of CPU each): the mode for batches. It
	// takes precedence over WorkerCommand. Whoever made the pool closes it
	// (Extractor.Close).
	Pool *pdftext.Pool
	// OCR, when set, reads by text recognition the pages without a usable
	// text layer and image files (JPEG, PNG, TIFF); nil rejects scans as
	// no_text, saying recognition is not installed (ocr.Find).
	OCR *ocr.Engine
}

// NewPooled returns an Extractor whose text layer runs in a pool of at most
// size worker processes running command (e.g. {exe, "extract-worker"}; the
// limit flags and pdftext.StreamFlag are appended), each file under lim.
// Size is best the number of files extracted at once (GOMAXPROCS for
// jobs.Ingest's default). Workers start on first use; Close stops them.
func NewPooled(lim pdftext.Limits, command []string, size int) Extractor {
	return Extractor{Limits: lim, Pool: pdftext.NewPool(command, lim, size)}
}

// Close stops the worker processes of x's Pool, after the extractions under
// way; without a Pool it does nothing. The pool stays usable: a later
// Extract starts a worker again.
func (x Extractor) Close() error {
	if x.Pool == nil {
		return nil
	}
	return x.Pool.Close()
}

// Extract reads the PDF data of the file called name into a validated record.
// Errors name the file and wrap the model's sentinels (ErrNotPDF,
// ErrEncrypted, ErrCorrupt, ErrNoText, ErrNotConvention) or a
// *model.IncompleteError; a done ctx returns an error wrapping ctx.Err().
func (x Extractor) Extract(ctx context.Context, name string, data []byte) (model.Record, error) {
	var ws *ocr.Workspace
	if x.OCR != nil {
		var err error
		if ws, err = ocr.NewWorkspace(); err != nil {
			return model.Record{}, fmt.Errorf("%s: text recognition: %w", name, err)
		}
		defer ws.Close()
	}
	doc, sc, err := x.textOf(ctx, ws, data)
	if err != nil {
		return model.Record{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := ctx.Err(); err != nil {
		return model.Record{}, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Pages) == 0 || sc.lowResolution() {
		err := model.ErrNoText
		if sc.lowResolution() {
			err = fmt.Errorf("%w: %w", model.ErrLowResolution, model.ErrNoText)
		}
		return model.Record{}, fmt.Errorf("%s: nothing read: %w", name, err)
	}
	rec, err := parse(doc)
	if errors.Is(err, model.ErrNotConvention) {
		rec, err = adminForm(doc, data) // a returned Annexe 3 form (adminchange.go)
		if err != nil && sc.recognisedWords() > 0 && len(sc.pages) <= maxFormPages {
			// A short scan read as neither: recognised again as one
			// block of text, since a form's filled fields, in boxes,
			// escape Tesseract's page layout analysis.
			if d, s, berr := x.asOneBlock().textOf(ctx, ws, data); berr == nil {
				if r, ferr := adminForm(d, data); ferr == nil {
					rec, err, doc, sc = r, nil, d, s
				}
			}
		}
		if err != nil {
			return model.Record{}, fmt.Errorf("%s: %w", name, err)
		}
		if sc.recognisedWords() > 0 {
			rec.Source, rec.ToVerify = sc.source(), sc.pictures(sc.toVerify(rec, doc))
		}
		return rec, nil
	}
	if err != nil {
		return model.Record{}, fmt.Errorf("%s: %w", name, err)
	}
	tv := withCellDoubts(sc.toVerify(rec, doc), x.cellDoubts(ctx, sc, doc, rec))
	rec.Source, rec.ToVerify = sc.source(), sc.pictures(tv)
	if err := dossier.Check(rec); err != nil {
		return model.Record{}, fmt.Errorf("%s: %w", name, err)
	}
	return rec, nil
}

// maxFormPages is the most pages a returned Annexe 3 form has.
const maxFormPages = 2

// asOneBlock is x with its recognition reading each page as one block of
// text (the engine's slots are shared).
func (x Extractor) asOneBlock() Extractor {
	e := *x.OCR
	e.PSM = 6
	x.OCR = &e
	return x
}

// text runs the text layer in the pool, a worker, or in-process.
func (x Extractor) text(ctx context.Context, data []byte) (pdftext.Document, error) {
	if x.Pool != nil {
		return x.Pool.Extract(ctx, data)
	}
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
