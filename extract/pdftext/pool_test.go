package pdftext

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"habilitations/model"
)

func testPool(t *testing.T, lim Limits, size int) *Pool {
	t.Helper()
	x := testWorker(t, lim)
	p := NewPool(x.Command, lim, size)
	t.Cleanup(func() { p.Close() })
	return p
}

// TestPool: the pool's long-lived workers give the in-process results for
// every corpus file, concurrently, and a worker killed by a bomb is replaced
// without losing the files after it.
func TestPool(t *testing.T) {
	p := testPool(t, DefaultLimits(), 2)
	cases := corpusCases(t)
	var wg sync.WaitGroup
	for _, c := range cases {
		data, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		want, wantErr := Extract(context.Background(), data, DefaultLimits())
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := p.Extract(context.Background(), data)
			switch {
			case wantErr != nil && (model.ReasonOf(err) != model.ReasonOf(wantErr) || errors.Is(err, ErrWorker)):
				t.Errorf("%s: pool err = %v, in-process err = %v", c.name, err, wantErr)
			case wantErr == nil && err != nil:
				t.Errorf("%s: pool: %v", c.name, err)
			case wantErr == nil && got.String() != want.String():
				t.Errorf("%s: pool text differs from in-process text", c.name)
			}
		}()
	}
	wg.Wait()
}

func TestPoolBomb(t *testing.T) {
	p := testPool(t, Limits{MaxMemory: 128 << 20, Timeout: 20 * time.Second}, 1)
	good := onePage(helloPage)
	if _, err := p.Extract(context.Background(), good); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Extract(context.Background(), bombPDF(t, 1024)); !errors.Is(err, model.ErrCorrupt) || !errors.Is(err, model.ErrTooComplex) {
		t.Fatalf("bomb: err = %v, want ErrCorrupt and ErrTooComplex (a reading limit, said so in its message)", err)
	}
	if _, err := p.Extract(context.Background(), good); err != nil {
		t.Fatalf("after the bomb: %v", err)
	}
}

func TestPoolCancel(t *testing.T) {
	p := testPool(t, DefaultLimits(), 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Extract(ctx, onePage(helloPage)); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
