package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfcpu "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"habilitations/model"
)

func init() {
	// pdfcpu would otherwise create a configuration folder in the user's
	// home on first use: the pipeline needs none of it.
	pdfcpu.ConfigPath = "disable"
}

// decryptOpen decrypts a file protected by an owner password only (an empty
// user password: anyone may open it, but printing, copying or editing are
// restricted, as e-signature platforms and some scanners do), for the
// encryptions the reading library cannot undo itself: AES-256 (PDF 2.0,
// Acrobat X) and RC4 revision 2, which it decrypts wrongly. pdfcpu is made
// for that job; it runs under the same guards as the library (panics
// recovered, reads checked against the time and memory limits). A file
// that needs a user password stays model.ErrEncrypted.
func decryptOpen(ctx context.Context, data []byte, lim Limits) ([]byte, error) {
	out, err := withPdfcpu(ctx, data, lim, func(rs io.ReadSeeker, out io.Writer, conf *pdfcpu.Configuration, _ *guard) error {
		return api.Decrypt(rs, out, conf)
	})
	var refused pdfcpuError
	if errors.As(err, &refused) && strings.Contains(refused.err.Error(), "ciphertext too short") {
		if blanked, n := blankShortCiphertexts(data); n > 0 {
			return decryptOpen(ctx, blanked, lim)
		}
	}
	if errors.As(err, &refused) {
		return nil, fmt.Errorf("not decrypted with an empty user password: %v: %w", refused.err, model.ErrEncrypted)
	}
	return out, err
}

// minAESStream is the shortest AES-encrypted stream that holds any
// plaintext: a 16-byte initialisation vector and one block.
const minAESStream = 32

// blankShortCiphertexts returns a copy of data in which every stream
// shorter than minAESStream (some producers write an empty stream as its
// initialisation vector alone, without the padding block) is made empty,
// and how many were. pdfcpu refuses such a stream, and with it the file
// (« ciphertext too short »), where qpdf and poppler read it as empty, as
// it is. The stream's bytes become line feeds and its /Length 0, padded
// with spaces, so that every offset in the file stays valid; pdfcpu reads
// a stream of length 0 up to « endstream » and drops the line feeds.
// Cross-reference streams, never encrypted, are left alone.
func blankShortCiphertexts(data []byte) ([]byte, int) {
	out := bytes.Clone(data)
	n := 0
	for from := 0; ; {
		i := bytes.Index(out[from:], []byte("stream"))
		if i < 0 {
			return out, n
		}
		kw := from + i
		from = kw + len("stream")
		start := from
		if start < len(out) && out[start] == '\r' {
			start++
		}
		if start >= len(out) || out[start] != '\n' || kw >= 3 && string(out[kw-3:kw]) == "end" {
			continue
		}
		start++
		end := bytes.Index(out[start:], []byte("endstream"))
		if end < 0 {
			return out, n
		}
		body := bytes.TrimRight(out[start:start+end], "\r\n")
		if len(body) == 0 || len(body) >= minAESStream {
			continue
		}
		obj := bytes.LastIndex(out[:kw], []byte(" obj"))
		if obj < 0 || bytes.Contains(out[obj:kw], []byte("/XRef")) {
			continue
		}
		l := bytes.LastIndex(out[obj:kw], []byte("/Length"))
		if l < 0 {
			continue
		}
		digits := out[obj+l+len("/Length"):]
		j := 0
		for j < len(digits) && isWhite(digits[j]) {
			j++
		}
		k := j
		for k < len(digits) && digits[k] >= '0' && digits[k] <= '9' {
			k++
		}
		if k == j || refAfter(digits[k:]) {
			continue // an indirect /Length: left as it is
		}
		digits[j] = '0'
		for m := j + 1; m < k; m++ {
			digits[m] = ' '
		}
		for m := range body {
			body[m] = '\n'
		}
		n++
	}
}

// refAfter reports whether b starts with the « G R » of an indirect
// reference (after white space).
func refAfter(b []byte) bool {
	f := bytes.Fields(b[:min(len(b), 16)])
	return len(f) >= 2 && isDigits(f[0]) && bytes.HasPrefix(f[1], []byte("R"))
}

// pdfcpuError is pdfcpu's refusal of a file, as withPdfcpu returns it (the
// guards' own errors are returned as they are).
type pdfcpuError struct{ err error }

func (e pdfcpuError) Error() string { return e.err.Error() }

// withPdfcpu runs fn, a pdfcpu call that reads data from rs and writes a
// rewritten copy to out, under the guards of lim (panics recovered, reads
// checked against the time and memory limits) and pdfcpuConfig, and
// returns the copy. A refusal by pdfcpu (fn's error) comes back as a
// pdfcpuError; fn may call g.check between long steps of its own.
func withPdfcpu(ctx context.Context, data []byte, lim Limits,
	fn func(rs io.ReadSeeker, out io.Writer, conf *pdfcpu.Configuration, g *guard) error) ([]byte, error) {
	g := newGuard(ctx, lim)
	conf := pdfcpuConfig(lim)
	var out bytes.Buffer
	var ferr error
	if err := guarded(g, 0, func() {
		ferr = fn(&guardedSeeker{bytes.NewReader(data), g}, &out, conf, g)
	}); err != nil {
		return nil, err
	}
	if ferr != nil {
		return nil, pdfcpuError{ferr}
	}
	return out.Bytes(), nil
}

// pdfcpuConfig is pdfcpu's configuration for reading untrusted files
// within lim: relaxed validation (real files bend the rules), and its own
// resource limits lowered to ours, so that a decompression bomb in an
// object stream, which it inflates whole between two of our reads, is
// refused by its limits rather than by the memory running out.
func pdfcpuConfig(lim Limits) *pdfcpu.Configuration {
	conf := pdfcpu.NewDefaultConfiguration()
	conf.ValidationMode = pdfcpu.ValidationRelaxed
	l := &conf.Limits
	l.MaxStreamBytes = min(l.MaxStreamBytes, lim.MaxBytes)
	l.MaxDecodeBytes = min(l.MaxDecodeBytes, lim.MaxMemory/4)
	l.MaxImageBytes = min(l.MaxImageBytes, lim.MaxMemory/4)
	l.MaxObjectCount = min(l.MaxObjectCount, maxRepairObjects)
	l.MaxXRefEntries = min(l.MaxXRefEntries, maxRepairObjects)
	return conf
}

// guardedSeeker is guardedReader for pdfcpu, which reads and seeks.
type guardedSeeker struct {
	r *bytes.Reader
	g *guard
}

func (gs *guardedSeeker) Read(p []byte) (int, error) {
	gs.g.check()
	return gs.r.Read(p)
}

func (gs *guardedSeeker) Seek(off int64, whence int) (int64, error) {
	gs.g.check()
	return gs.r.Seek(off, whence)
}

var _ io.ReadSeeker = (*guardedSeeker)(nil)

// extractDecrypted is extract's second chance for an encrypted file: the
// text of its decrypted copy, or the first outcome when it cannot be
// decrypted without a password.
func extractDecrypted(ctx context.Context, data []byte, lim Limits, first error, chances int) (Document, error) {
	plain, err := decryptOpen(ctx, data, lim)
	if err != nil {
		if errors.Is(err, model.ErrEncrypted) {
			return Document{}, first
		}
		return Document{}, err
	}
	if hasEncrypt(plain) {
		return Document{}, first // never twice
	}
	return extract(ctx, plain, lim, chances)
}
