package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"habilitations/model"
)

// foreign are the stream filters the reading library lacks (it panics on
// them), which older producers used for page contents: LZW (Acrobat 2 and
// 3, some scanners' PDF writers), RunLength, and hexadecimal text.
var foreign = map[string]bool{filter.LZW: true, filter.RunLength: true, filter.ASCIIHex: true}

// foreignFilters reports whether data names one of the foreign filters.
func foreignFilters(data []byte) bool {
	for f := range foreign {
		if bytes.Contains(data, []byte("/"+f)) {
			return true
		}
	}
	return false
}

// refilter rewrites data with pdfcpu, made for the job: every stream but
// images whose filters include a foreign one is decoded and stored
// Flate-compressed instead, which the library reads. It runs under the
// same guards as the library and pdfcpu's own resource limits.
func refilter(ctx context.Context, data []byte, lim Limits) ([]byte, error) {
	g := newGuard(ctx, lim)
	conf := pdfcpuConfig(lim)
	var out bytes.Buffer
	var rerr error
	err := guarded(g, 0, func() {
		pctx, err := api.ReadContext(&guardedSeeker{bytes.NewReader(data), g}, conf)
		if err != nil {
			rerr = err
			return
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
				rerr = fmt.Errorf("object %d: %w", nr, err)
				return
			}
			sd.FilterPipeline = []types.PDFFilter{{Name: filter.Flate}}
			sd.Update("Filter", types.Name(filter.Flate))
			sd.Delete("DecodeParms")
			if err := sd.Encode(); err != nil {
				rerr = fmt.Errorf("object %d: %w", nr, err)
				return
			}
			e.Object = sd
			n++
		}
		if n == 0 {
			rerr = errors.New("no stream to rewrite")
			return
		}
		rerr = api.WriteContext(pctx, &out)
	})
	if err != nil {
		return nil, err
	}
	if rerr != nil {
		return nil, fmt.Errorf("streams not re-encoded: %v: %w", rerr, model.ErrCorrupt)
	}
	return out.Bytes(), nil
}

// usesForeign reports whether a stream's filters include a foreign one.
func usesForeign(sd types.StreamDict) bool {
	for _, f := range sd.FilterPipeline {
		if foreign[f.Name] {
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
