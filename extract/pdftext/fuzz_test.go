package pdftext

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/filter"

	"habilitations/model"
)

// maxSeedBytes leaves the big corpus files (the 2 MB scan) out of the seeds:
// mutating them is slow and finds nothing the small ones do not.
const maxSeedBytes = 200 << 10

// FuzzExtract: no input makes Extract panic, hang past its limits, return an
// error that is not one of the rejection sentinels, or produce cells that
// would break the tab/newline text form.
func FuzzExtract(f *testing.F) {
	for _, m := range malformed() {
		f.Add(m.data)
	}
	for _, dir := range corpusDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "*.pdf"))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) <= maxSeedBytes {
				f.Add(data)
			}
		}
	}
	// Foreign filters, which pdfcpu re-encodes.
	f.Add(filteredPage(f, "/Filter /LZWDecode", []string{filter.LZW}, nil))
	f.Add(filteredPage(f, "/Filter [/ASCIIHexDecode /RunLengthDecode]", []string{filter.ASCIIHex, filter.RunLength}, nil))
	// Encrypted files: the owner-password-only ones go through pdfcpu.
	encrypted, _ := filepath.Glob(filepath.Join("testdata", "encrypted", "*.pdf"))
	// The classes of issue #11: fonts read through glyph names and font
	// programs (CFF, TrueType cmap), a deep page tree, a predictor, AES.
	classes, _ := filepath.Glob(filepath.Join("testdata", "classes", "*.pdf"))
	for _, file := range append(encrypted, classes...) {
		if data, err := os.ReadFile(file); err == nil && len(data) <= maxSeedBytes {
			f.Add(data)
		}
	}
	lim := Limits{MaxBytes: 4 << 20, MaxPages: 50, Timeout: 2 * time.Second, MaxMemory: 2 << 30}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := abandoned.Load()
		doc, err := Extract(context.Background(), data, lim)
		if abandoned.Load() != before {
			t.Fatalf("the pdf library did not return within the time limit: %v", err)
		}
		if err != nil {
			if !errors.Is(err, model.ErrNotPDF) && !errors.Is(err, model.ErrCorrupt) &&
				!errors.Is(err, model.ErrEncrypted) && !errors.Is(err, model.ErrNoText) {
				t.Fatalf("error wraps no rejection sentinel: %v", err)
			}
			return
		}
		for _, l := range doc.Lines() {
			for _, c := range l.Cells {
				if strings.ContainsAny(c, "\t\n\f\r") {
					t.Fatalf("cell %q holds a separator", c)
				}
			}
		}
	})
}

// FuzzContent fuzzes below the file structure, where FuzzExtract's byte
// mutations rarely get: a well-formed one-page PDF whose content stream and
// composite font's /ToUnicode CMap are the fuzz input, so the lexer, the
// interpreter, the CMap reader and the layout see every mutation.
func FuzzContent(f *testing.F) {
	f.Add([]byte(helloPage), []byte(""))
	f.Add([]byte("BT /F2 12 Tf 72 700 Td <00010002> Tj [<0003> -300 <0001>] TJ ET 0 0 m 100 0 l S 50 0 m 50 100 l S"),
		[]byte("/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange "+
			"2 beginbfchar <0001> <0041> <0002> <00E9> endbfchar 1 beginbfrange <0003> <0005> <0061> endbfrange end"))
	f.Add([]byte("q 0 1 -1 0 595 0 cm BT /F1 9 Tf 3 Ts (1) Tj 0 Ts (x) ' BI /W 1 /H 1 ID \x00\xff EI Q Q Q"), []byte("1 beginbfrange <00> <ff> [<0041> <0042>] endbfrange"))
	lim := Limits{MaxBytes: 4 << 20, MaxPages: 10, Timeout: 2 * time.Second, MaxMemory: 2 << 30}
	f.Fuzz(func(t *testing.T, content, cmap []byte) {
		data := buildPDF(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
			stream(content, ""),
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
			"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /ToUnicode 7 0 R /DescendantFonts [8 0 R] >>",
			stream(cmap, ""),
			"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /DW 500 /W [1 [600 700] 3 5 400] >>",
		)
		before := abandoned.Load()
		doc, err := Extract(context.Background(), data, lim)
		if abandoned.Load() != before {
			t.Fatalf("extraction did not return within the time limit: %v", err)
		}
		if err != nil {
			if !errors.Is(err, model.ErrCorrupt) && !errors.Is(err, model.ErrNoText) {
				t.Fatalf("unexpected error class: %v", err)
			}
			return
		}
		for _, l := range doc.Lines() {
			for _, c := range l.Cells {
				if strings.ContainsAny(c, "\t\n\f\r") {
					t.Fatalf("cell %q holds a separator", c)
				}
			}
		}
	})
}
