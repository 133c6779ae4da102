// Command lzw rewrites a PDF with every stream but images LZW-compressed,
// as Acrobat 2 and 3 and some scanners' PDF writers stored them: the
// producer fixture of a file the reading library cannot decode itself.
// make-fixtures.sh runs it: go run ./testdata/producers/lzw IN.pdf OUT.pdf
package main

import (
	"fmt"
	"os"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: lzw IN.pdf OUT.pdf")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "lzw:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	model.ConfigPath = "disable"
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	conf := model.NewDefaultConfiguration()
	conf.WriteObjectStream, conf.WriteXRefStream = false, false // as old writers did
	ctx, err := api.ReadContext(f, conf)
	if err != nil {
		return err
	}
	n := 0
	for nr, e := range ctx.XRefTable.Table {
		if e == nil || e.Free {
			continue
		}
		sd, ok := e.Object.(types.StreamDict)
		if !ok || sd.Subtype() != nil && *sd.Subtype() == "Image" {
			continue
		}
		if err := sd.Decode(); err != nil {
			return fmt.Errorf("object %d: %w", nr, err)
		}
		sd.FilterPipeline = []types.PDFFilter{{Name: filter.LZW}}
		sd.Update("Filter", types.Name(filter.LZW))
		sd.Delete("DecodeParms")
		if err := sd.Encode(); err != nil {
			return fmt.Errorf("object %d: %w", nr, err)
		}
		e.Object = sd
		n++
	}
	if n == 0 {
		return fmt.Errorf("%s: no stream to rewrite", in)
	}
	w, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := api.WriteContext(ctx, w); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
