package pdftext

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"habilitations/model"
)

// ErrWorker is returned by Isolated.Extract when the worker process could
// not be run or answered nothing readable for a reason other than the file
// (missing binary, broken pipe): an internal error, not a rejection.
var ErrWorker = errors.New("extraction worker failed")

// Isolated extracts in a child process, so that a PDF that defeats the
// in-process guards (a decompression bomb, a library bug that allocates
// without end) costs one killed process instead of the whole run. The child
// is Command (typically the habilitations binary with the hidden
// "extract-worker" command) followed by the limit flags; it runs ServeWorker.
type Isolated struct {
	Command []string
	Limits  Limits
}

// workerReply is what ServeWorker writes on stdout: a document, or the
// rejection class and message.
type workerReply struct {
	Document *Document `json:"document,omitempty"`
	Class    string    `json:"class,omitempty"`
	Message  string    `json:"message,omitempty"`
	// Exit: the worker stops after this reply (stream protocol), because
	// the watchdog abandoned a goroutine spinning in the PDF library.
	Exit bool `json:"exit,omitempty"`
}

// Error classes of the worker protocol, mapped to the model sentinels.
var classes = map[string]error{
	"not_pdf":   model.ErrNotPDF,
	"encrypted": model.ErrEncrypted,
	"corrupt":   model.ErrCorrupt,
	"no_text":   model.ErrNoText,
	// A corrupt rejection for a reading limit: the parent tells it apart
	// in its message (model.ErrTooComplex).
	"too_complex": fmt.Errorf("%w: %w", model.ErrTooComplex, model.ErrCorrupt),
	// A no_text rejection for a text layer that cannot be read.
	"garbled": fmt.Errorf("%w: %w", model.ErrGarbledText, model.ErrNoText),
}

// Output bounds of the worker, so that a broken child cannot fill the parent.
const (
	maxReplyBytes  = 256 << 20
	maxStderrBytes = 64 << 10
	killGrace      = 5 * time.Second
)

// WorkerArgs returns the flags that pass lim to the worker command.
func WorkerArgs(lim Limits) []string {
	return []string{
		"-max-bytes=" + strconv.FormatInt(lim.MaxBytes, 10),
		"-max-pages=" + strconv.Itoa(lim.MaxPages),
		"-timeout=" + lim.Timeout.String(),
		"-max-memory=" + strconv.FormatInt(lim.MaxMemory, 10),
	}
}

// Extract runs the worker on data and returns its document, or an error
// wrapping the same sentinels as the in-process Extract. The worker is
// killed when ctx is done or the time limit (plus a grace period) is spent.
func (x Isolated) Extract(ctx context.Context, data []byte) (Document, error) {
	if len(x.Command) == 0 {
		return Document{}, fmt.Errorf("no worker command: %w", ErrWorker)
	}
	lim := x.Limits.withDefaults()
	if int64(len(data)) > lim.MaxBytes { // refuse before copying it through a pipe
		return Document{}, fmt.Errorf("file is %d bytes, more than the limit of %d: %w: %w", len(data), lim.MaxBytes, errLimit, model.ErrCorrupt)
	}
	wctx, cancel := context.WithTimeout(ctx, lim.Timeout+killGrace)
	defer cancel()
	args := append(append([]string(nil), x.Command[1:]...), WorkerArgs(lim)...)
	cmd := exec.CommandContext(wctx, x.Command[0], args...)
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr limitedBuffer
	out.max, stderr.max = maxReplyBytes, maxStderrBytes
	cmd.Stdout, cmd.Stderr = &out, &stderr
	cmd.WaitDelay = time.Second
	runErr := cmd.Run()
	if err := ctx.Err(); err != nil {
		return Document{}, err
	}
	if out.truncated {
		return Document{}, fmt.Errorf("worker reply larger than %d bytes: %w: %w", maxReplyBytes, errLimit, model.ErrCorrupt)
	}
	var reply workerReply
	if err := json.Unmarshal(out.Bytes(), &reply); err != nil || (reply.Document == nil && reply.Class == "") {
		var ee *exec.ExitError
		switch {
		case wctx.Err() != nil:
			return Document{}, fmt.Errorf("worker killed after %v: time limit exceeded: %w: %w", lim.Timeout+killGrace, errLimit, model.ErrCorrupt)
		case errors.As(runErr, &ee):
			// The worker died on the file (out of memory under its rlimit, a
			// crash in the PDF library): the file cannot be read within bounds.
			return Document{}, fmt.Errorf("worker died (%v): %s: %w", ee, lastLine(stderr.String()), diedOf(stderr.String()))
		case runErr != nil:
			return Document{}, fmt.Errorf("%v: %w", runErr, ErrWorker)
		}
		return Document{}, fmt.Errorf("unreadable worker reply: %w", ErrWorker)
	}
	if reply.Document != nil {
		return *reply.Document, nil
	}
	sentinel, ok := classes[reply.Class]
	if !ok {
		return Document{}, fmt.Errorf("worker: unknown class %q: %s: %w", reply.Class, reply.Message, ErrWorker)
	}
	return Document{}, fmt.Errorf("%s: %w", reply.Message, sentinel)
}

// ServeWorker is the child side of Isolated: it bounds its own process
// (address space and GC memory limit, so call it only in a process of its
// own), reads a PDF from r, extracts it with lim and writes the reply as JSON
// on w. A rejection is a reply, not an error; the error is an I/O failure.
func ServeWorker(ctx context.Context, r io.Reader, w io.Writer, lim Limits) error {
	lim = lim.withDefaults()
	debug.SetMemoryLimit(lim.MaxMemory)
	limitAddressSpace(lim.MaxMemory)
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return fmt.Errorf("reading the pdf: %w", err)
	}
	reply, err := extractReply(ctx, data, lim)
	if err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(reply)
}

// extractReply reads one PDF into the worker's answer: the document, or the
// rejection class and message. Only a cancellation is returned as an error.
func extractReply(ctx context.Context, data []byte, lim Limits) (workerReply, error) {
	var reply workerReply
	doc, err := Extract(ctx, data, lim)
	switch {
	case err == nil:
		reply.Document = &doc
	case ctx.Err() != nil:
		return reply, ctx.Err()
	default:
		reply.Class = string(model.ReasonOf(err))
		switch {
		case errors.Is(err, model.ErrTooComplex):
			reply.Class = "too_complex"
		case errors.Is(err, model.ErrGarbledText) && errors.Is(err, model.ErrNoText):
			reply.Class = "garbled"
		}
		reply.Message = err.Error()
	}
	return reply, nil
}

// ServeWorkerStream is the child side of Pool: like ServeWorker, but it
// reads PDFs one after the other, each as an 8-byte big-endian length and its
// bytes, and answers each with one JSON line, until the end of r.
func ServeWorkerStream(ctx context.Context, r io.Reader, w io.Writer, lim Limits) error {
	lim = lim.withDefaults()
	debug.SetMemoryLimit(lim.MaxMemory)
	limitAddressSpace(lim.MaxMemory)
	br := bufio.NewReader(r)
	enc := json.NewEncoder(w)
	for {
		var n [8]byte
		if _, err := io.ReadFull(br, n[:]); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("reading the length of a pdf: %w", err)
		}
		size := binary.BigEndian.Uint64(n[:])
		if size > uint64(lim.MaxBytes) {
			return fmt.Errorf("pdf of %d bytes announced, more than the limit of %d", size, lim.MaxBytes)
		}
		data := make([]byte, size)
		if _, err := io.ReadFull(br, data); err != nil {
			return fmt.Errorf("reading a pdf: %w", err)
		}
		before := abandoned.Load()
		reply, err := extractReply(ctx, data, lim)
		if err != nil {
			return err
		}
		reply.Exit = abandoned.Load() != before
		if err := enc.Encode(reply); err != nil {
			return err
		}
		if reply.Exit {
			return nil // the process ends, and the spinning goroutine with it
		}
	}
}

// diedOf is the error of a worker that died on a file: a reading limit when
// the Go runtime ran out of memory under the worker's address-space limit
// (its last words), a damaged file otherwise (a crash in the PDF library).
func diedOf(stderr string) error {
	if strings.Contains(stderr, "out of memory") {
		return fmt.Errorf("%w: %w", errLimit, model.ErrCorrupt)
	}
	return model.ErrCorrupt
}

// limitedBuffer keeps at most max bytes and drops the rest.
type limitedBuffer struct {
	bytes.Buffer
	max       int
	truncated bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room < len(p) {
		if room > 0 {
			b.Buffer.Write(p[:room])
		}
		b.truncated = true
		return len(p), nil
	}
	return b.Buffer.Write(p)
}

// lastLine picks the telling line of the worker's stderr: the runtime's
// fatal error or panic, else the last line.
func lastLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "panic:") {
			return l
		}
	}
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}
