package pdftext

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"time"

	"habilitations/model"
)

// StreamFlag is the worker flag that selects the stream protocol of Pool:
// many PDFs on one stdin, each as an 8-byte big-endian length and its bytes,
// each answered by one JSON line.
const StreamFlag = "-stream"

// Pool keeps worker processes alive between files, so that a batch pays the
// start of a process (and of the Go runtime and package initialisation,
// about 20 ms of CPU) once per worker instead of once per file, with the
// same isolation as Isolated: a worker that dies or overruns its time on a
// file is killed and replaced, and only that file is refused. A Pool is safe
// for concurrent use; Close it when done.
type Pool struct {
	command []string
	lim     Limits
	slots   chan *poolWorker // an idle worker, or nil for a free slot
}

type poolWorker struct {
	stopped bool
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	stdout  *bufio.Reader
	stderr  *limitedBuffer
}

// NewPool returns a pool of at most size workers running command (with the
// limit flags and StreamFlag appended); workers start on first use.
func NewPool(command []string, lim Limits, size int) *Pool {
	if size < 1 {
		size = 1
	}
	p := &Pool{command: command, lim: lim.withDefaults(), slots: make(chan *poolWorker, size)}
	for i := 0; i < size; i++ {
		p.slots <- nil
	}
	return p
}

// Extract extracts data in one of the pool's workers; the result and errors
// are those of Isolated.Extract.
func (p *Pool) Extract(ctx context.Context, data []byte) (Document, error) {
	if err := ctx.Err(); err != nil {
		return Document{}, err
	}
	if int64(len(data)) > p.lim.MaxBytes {
		return Document{}, fmt.Errorf("file is %d bytes, more than the limit of %d: %w: %w", len(data), p.lim.MaxBytes, errLimit, model.ErrCorrupt)
	}
	var w *poolWorker
	select {
	case w = <-p.slots:
	case <-ctx.Done():
		return Document{}, ctx.Err()
	}
	if w == nil {
		var err error
		if w, err = p.start(); err != nil {
			p.slots <- nil
			return Document{}, err
		}
	}
	doc, err, healthy := p.ask(ctx, w, data)
	if !healthy {
		w.stop()
		w = nil
	}
	p.slots <- w
	return doc, err
}

func (p *Pool) start() (*poolWorker, error) {
	if len(p.command) == 0 {
		return nil, fmt.Errorf("no worker command: %w", ErrWorker)
	}
	args := append(append(append([]string(nil), p.command[1:]...), WorkerArgs(p.lim)...), StreamFlag)
	cmd := exec.Command(p.command[0], args...)
	w := &poolWorker{cmd: cmd, stderr: &limitedBuffer{max: maxStderrBytes}}
	cmd.Stderr = w.stderr
	var err error
	if w.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("%v: %w", err, ErrWorker)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, ErrWorker)
	}
	w.stdout = bufio.NewReader(out)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%v: %w", err, ErrWorker)
	}
	return w, nil
}

// ask sends data to w and waits for its reply, the time limit or ctx;
// healthy is false when the worker must be replaced.
func (p *Pool) ask(ctx context.Context, w *poolWorker, data []byte) (doc Document, err error, healthy bool) {
	type answer struct {
		line []byte
		err  error
	}
	ch := make(chan answer, 1)
	go func() {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(data)))
		if _, err := w.stdin.Write(append(n[:], data...)); err != nil {
			ch <- answer{nil, err}
			return
		}
		line, err := readLine(w.stdout, maxReplyBytes)
		ch <- answer{line, err}
	}()
	timer := time.NewTimer(p.lim.Timeout + killGrace)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return Document{}, ctx.Err(), false
	case <-timer.C:
		return Document{}, fmt.Errorf("worker killed after %v: time limit exceeded: %w: %w", p.lim.Timeout+killGrace, errLimit, model.ErrCorrupt), false
	case a := <-ch:
		if a.err != nil {
			w.stop() // the worker died on the file: collect its last words
			return Document{}, fmt.Errorf("worker died: %s: %w", lastLine(w.stderr.String()), diedOf(w.stderr.String())), false
		}
		var reply workerReply
		if err := json.Unmarshal(a.line, &reply); err != nil {
			return Document{}, fmt.Errorf("unreadable worker reply: %w", ErrWorker), false
		}
		if reply.Document != nil {
			return *reply.Document, nil, !reply.Exit
		}
		sentinel, ok := classes[reply.Class]
		if !ok {
			return Document{}, fmt.Errorf("worker: unknown class %q: %w", reply.Class, ErrWorker), false
		}
		return Document{}, fmt.Errorf("%s: %w", reply.Message, sentinel), !reply.Exit
	}
}

// readLine reads one line of at most max bytes.
func readLine(r *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		line = append(line, chunk...)
		switch {
		case err == nil:
			return line, nil
		case errors.Is(err, bufio.ErrBufferFull) && len(line) <= max:
			continue
		case err == nil || errors.Is(err, bufio.ErrBufferFull):
			return nil, fmt.Errorf("reply larger than %d bytes", max)
		default:
			return nil, err
		}
	}
}

func (w *poolWorker) stop() {
	if w.stopped {
		return
	}
	w.stopped = true
	if w.cmd.Process != nil {
		w.cmd.Process.Kill()
	}
	w.stdin.Close()
	w.cmd.Wait()
}

// Close stops the workers and waits for them, after the running Extract
// calls end. The pool stays usable: a later Extract starts a new worker.
func (p *Pool) Close() error {
	var ws []*poolWorker
	for i := 0; i < cap(p.slots); i++ {
		ws = append(ws, <-p.slots)
	}
	for _, w := range ws {
		if w != nil {
			w.stdin.Close() // end of input: the worker exits
			w.cmd.Wait()
		}
		p.slots <- nil
	}
	return nil
}
