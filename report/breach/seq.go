package breach

// The sequences the report's writers read: findings held in a slice,
// sequences stopped by a context, and pulled one item at a time.

import (
	"context"
	"iter"

	"habilitations/model"
)

// seqOf yields the findings of fs that keep accepts (nil: all).
func seqOf(fs []model.Finding, keep func(model.Finding) bool) iter.Seq2[model.Finding, error] {
	return func(yield func(model.Finding, error) bool) {
		for _, f := range fs {
			if keep != nil && !keep(f) {
				continue
			}
			if !yield(f, nil) {
				return
			}
		}
	}
}

// checkEvery is how many rows a writer writes between two looks at its
// context.
const checkEvery = 4096

// untilDone is seq, ended by ctx's error once ctx is done (looked at every
// checkEvery items).
func untilDone[T any](ctx context.Context, seq iter.Seq2[T, error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		i := 0
		for v, err := range seq {
			if i%checkEvery == 0 && err == nil {
				if err = ctx.Err(); err != nil {
					var zero T
					yield(zero, err)
					return
				}
			}
			i++
			if !yield(v, err) {
				return
			}
		}
	}
}

// puller reads a sequence one item at a time, for the writers that ask
// for row i after row i-1; its error is the sequence's first.
type puller[T any] struct {
	next func() (T, error, bool)
	stop func()
	err  error
}

func pull[T any](seq iter.Seq2[T, error]) *puller[T] {
	next, stop := iter.Pull2(seq)
	return &puller[T]{next: next, stop: stop}
}

// get returns the next item (the zero value once the sequence ended or failed).
func (p *puller[T]) get() T {
	v, err, ok := p.next()
	if err != nil && p.err == nil {
		p.err = err
	}
	if !ok && p.err == nil {
		p.err = errShortSequence
	}
	return v
}

// done stops the sequence and returns its error.
func (p *puller[T]) done() error {
	p.stop()
	return p.err
}
