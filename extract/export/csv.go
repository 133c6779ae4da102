package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"

	"habilitations/model"
)

var (
	bomUTF8    = []byte("\xef\xbb\xbf")
	bomUTF16LE = []byte("\xff\xfe")
	bomUTF16BE = []byte("\xfe\xff")
)

// delimiters are tried in this order; a tie keeps the first (records.md: « ; »).
var delimiters = [...]rune{';', ',', '\t'}

// maxBadRecords stops a file that is not CSV at all from being reported line
// by line forever.
const maxBadRecords = 1000

// readCSV streams a CSV export. The encoding is chosen from the BOM or, without
// one, reported from whether the first bytes are valid UTF-8 (cells are then
// decoded one by one); the delimiter and header row are the ones under which
// the first rows hold the most known columns.
func readCSV(ctx context.Context, br *bufio.Reader, opts Options, sum *Summary, fn func(model.Habilitation) error) error {
	peek, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	var src io.Reader = br
	var enc encoding.Encoding // a transform for UTF-16 only
	switch {
	case bytes.HasPrefix(peek, bomUTF8):
		sum.Encoding = "utf-8 (BOM)"
		_, _ = br.Discard(len(bomUTF8))
		peek = peek[len(bomUTF8):]
	case bytes.HasPrefix(peek, bomUTF16LE):
		sum.Encoding, enc = "utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(peek, bomUTF16BE):
		sum.Encoding, enc = "utf-16be", unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case validUTF8Prefix(peek):
		sum.Encoding = "utf-8"
	default:
		// No transform: every cell that is not valid UTF-8 is decoded from
		// Windows-1252 on its own (fixUTF8), which also reads a UTF-8 file
		// with a few stray Windows-1252 bytes (or the reverse) right.
		sum.Encoding = "windows-1252"
	}
	sample := string(peek)
	if enc != nil { // two decoders: a transformer keeps state (the BOM seen)
		src = enc.NewDecoder().Reader(br)
		if sample, err = enc.NewDecoder().String(sample); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrUnreadable, sum.Encoding, err)
		}
	}
	delim, skip, h, cells := sniffHeader(sample)
	if err := checkHeader(h); err != nil {
		return err
	}
	sum.Delimiter = string(delim)
	sum.Columns = trimCells(cells)
	sum.Missing = h.missingOptional()

	guard := &recordGuard{r: src, max: opts.MaxRecordBytes}
	r := newCSVReader(guard, delim)
	r.ReuseRecord = true
	conv := newConverter(sum.File, h, false)
	conv.transient = opts.Transient
	em := &emitter{ctx: ctx, conv: conv, sum: sum, max: opts.MaxRowErrors, fn: fn}
	bad := 0
	recs := &recordSource{r: r, guard: guard}
	defer recs.close()
	for n := 0; ; n++ {
		it, rec, ok := recs.next()
		if !ok {
			return nil
		}
		if err := it.err; err != nil {
			if bad++; bad > maxBadRecords {
				return fmt.Errorf("%w: too many malformed lines (last: %w)", ErrUnreadable, err)
			}
			if err := malformed(err, sum, opts.MaxRowErrors); err != nil {
				return err
			}
			continue
		}
		line := it.line
		if err := swallowed(rec, delim, len(cells), line); err != nil {
			return err
		}
		switch {
		case n < skip:
		case n == skip:
			sum.HeaderLine = line
		default:
			if err := em.row(rec, line); err != nil {
				return err
			}
		}
	}
}

func newCSVReader(r io.Reader, delim rune) *csv.Reader {
	cr := csv.NewReader(r)
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	return cr
}

// sniffHeader tries each delimiter on the first rows of sample and returns the
// delimiter, the index of the header record and the header found.
func sniffHeader(sample string) (delim rune, skip int, best header, cells []string) {
	delim = delimiters[0]
	best = parseHeader(nil)
	for _, d := range delimiters {
		r := newCSVReader(strings.NewReader(sample), d)
		for i := 0; i < headerScanRows; i++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if h := parseHeader(rec); h.better(best) {
				delim, skip, best, cells = d, i, h, rec
				if best.found == int(numColumns) && len(best.missingRequired()) == 0 {
					// Every column found: nothing after can be better
					// (better is strict), and ten thousand exports a night
					// need not each be read three times more.
					return delim, skip, best, cells
				}
			}
		}
	}
	return delim, skip, best, cells
}

// validUTF8Prefix reports whether p is valid UTF-8, allowing a rune cut by the
// end of the sample.
func validUTF8Prefix(p []byte) bool {
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				p = p[:i]
			}
			break
		}
	}
	return utf8.Valid(p)
}

// ErrUnclosedQuote is a quoted field that runs over the following lines: read
// on, it would silently swallow rows (LazyQuotes accepts it up to the next
// quote or the end of the file), so the file is refused instead.
var ErrUnclosedQuote = errors.New("unclosed quote swallows the following lines")

// swallowed returns ErrUnclosedQuote when a field of a record spanning lines
// holds a line that looks like a row (half as many delimiters as the header
// has columns, at least 2): a multi-line address is fine, swallowed rows not.
func swallowed(rec []string, delim rune, columns, line int) error {
	need := max(2, columns/2)
	for _, f := range rec {
		if strings.IndexByte(f, '\n') < 0 {
			continue
		}
		for l := range strings.Lines(f) {
			if strings.Count(l, string(delim)) >= need {
				return fmt.Errorf("%w: %w (line %d)", ErrUnreadable, ErrUnclosedQuote, line)
			}
		}
	}
	return nil
}

// recordGuard fails the read when one CSV record grows past max bytes (an
// unclosed quote in a large file would otherwise be read whole into memory).
type recordGuard struct {
	r     io.Reader
	n     int64 // bytes handed to the CSV reader
	start int64 // input offset of the end of the last record read
	max   int64
}

func (g *recordGuard) Read(p []byte) (int, error) {
	if g.n-g.start > g.max {
		return 0, fmt.Errorf("%w: a CSV record is longer than %d bytes (unclosed quote?)", ErrTooLarge, g.max)
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}

// malformed reports a CSV parse error as a row error (the reader goes on with
// the next line); any other error, from the underlying reader, is returned.
func malformed(err error, sum *Summary, max int) error {
	var perr *csv.ParseError
	if !errors.As(err, &perr) {
		return fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	sum.addRowError(RowError{File: sum.File, Line: perr.StartLine, Field: "", Msg: perr.Err.Error(),
		FrenchMsg: "ligne CSV mal formée (guillemets non refermés ?)"}, max)
	return nil
}
