package pdftext

import (
	"context"
	"runtime"
	"sync"
)

// Result is the outcome of one file of ExtractAll.
type Result struct {
	Doc Document
	Err error
}

// ExtractAll extracts files in process with a pool of workers (GOMAXPROCS
// when workers <= 0), each file under lim, and returns the results in the
// order of files. Cancelling ctx stops the files not yet started (their
// Err is ctx.Err()).
func ExtractAll(ctx context.Context, files [][]byte, lim Limits, workers int) []Result {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]Result, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := ctx.Err(); err != nil {
					out[i].Err = err
					continue
				}
				out[i].Doc, out[i].Err = Extract(ctx, files[i], lim)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
