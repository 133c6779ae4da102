package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/filter"
	pdfcpu "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"habilitations/model"
)

// foreign are the stream filters the reading library lacks (it panics on
// them), which older producers used for page contents: LZW (Acrobat 2 and
// 3, some scanners' PDF writers), RunLength, and hexadecimal text.
var foreign = map[string]bool{filter.LZW: true, filter.RunLength: true, filter.ASCIIHex: true}

// libraryPredictor is the only predictor the reading library undoes (PNG
// « up », which cross-reference streams use); it panics on every other one,
// even on /Predictor 1, which means no prediction at all.
const libraryPredictor = 12

// foreignFilters reports whether data names one of the foreign filters or
// a predictor the library lacks.
func foreignFilters(data []byte) bool {
	for f := range foreign {
		if bytes.Contains(data, []byte("/"+f)) {
			return true
		}
	}
	for _, rest := range after(data, "/Predictor") {
		if n, ok := leadingUint(rest); ok && n != libraryPredictor {
			return true
		}
	}
	return false
}

// refilter rewrites data with pdfcpu, made for the job: every stream but
// images whose filters include a foreign one (or a predictor the library
// lacks) is decoded and stored Flate-compressed without prediction instead, which the library reads. It runs under the
// same guards as the library and pdfcpu's own resource limits.
func refilter(ctx context.Context, data []byte, lim Limits) ([]byte, error) {
	out, err := withPdfcpu(ctx, data, lim, func(rs io.ReadSeeker, out io.Writer, conf *pdfcpu.Configuration, g *guard) error {
		pctx, err := api.ReadContext(rs, conf)
		if err != nil {
			return err
		}
		n := 0
		for nr, e := range pctx.XRefTable.Table {
			if e == nil || e.Free {
				continue
			}
			sd, ok := e.Object.(types.StreamDict)
			if !ok || !usesForeign(sd) || sd.Subtype() != nil && *sd.Subtype() == "Image" {
				continue
			}
			g.check()
			if err := sd.DecodeWithLimit(conf.Limits.MaxDecodeBytes); err != nil {
				return fmt.Errorf("object %d: %w", nr, err)
			}
			sd.FilterPipeline = []types.PDFFilter{{Name: filter.Flate}}
			sd.Update("Filter", types.Name(filter.Flate))
			sd.Delete("DecodeParms")
			if err := sd.Encode(); err != nil {
				return fmt.Errorf("object %d: %w", nr, err)
			}
			e.Object = sd
			n++
		}
		if n == 0 {
			return errors.New("no stream to rewrite")
		}
		return api.WriteContext(pctx, out)
	})
	var refused pdfcpuError
	if errors.As(err, &refused) {
		return nil, fmt.Errorf("streams not re-encoded: %v: %w", refused.err, model.ErrCorrupt)
	}
	return out, err
}

// usesForeign reports whether a stream's filters include a foreign one, or
// a predictor the library lacks.
func usesForeign(sd types.StreamDict) bool {
	for _, f := range sd.FilterPipeline {
		if foreign[f.Name] {
			return true
		}
		if p := f.DecodeParms.IntEntry("Predictor"); p != nil && *p != libraryPredictor {
			return true
		}
	}
	return false
}

// extractRefiltered is extract's second chance for a file the library
// could not read because of a foreign filter: the text of its re-filtered
// copy, or the first outcome when it cannot be rewritten.
func extractRefiltered(ctx context.Context, data []byte, lim Limits, first error, chances int) (Document, error) {
	plain, err := refilter(ctx, data, lim)
	if err != nil {
		if ctx.Err() != nil {
			return Document{}, ctx.Err()
		}
		return Document{}, first
	}
	return extract(ctx, plain, lim, chances)
}
