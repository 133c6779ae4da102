package pdftext

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"testing"
)

// buildPDF writes a PDF whose objects 1..n are objs (object 1 is the
// catalog), with a correct cross-reference table.
func buildPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// stream is a PDF stream object holding data, with the given extra
// dictionary entries (e.g. "/Filter /FlateDecode").
func stream(data []byte, dict string) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data)
}

// onePage builds a one-page PDF showing content with Helvetica (WinAnsi)
// as /F1.
func onePage(content string) []byte {
	return buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream([]byte(content), ""),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
}

// bombPDF builds a one-page PDF whose content stream is about a megabyte of
// Flate data inflating to `gigs` GiB: one string literal of 'a' that the
// library's lexer would accumulate in memory. The repeated deflate block
// only refers back to 'a' bytes, so repeating it stays valid (the checksum at
// the end is wrong, and never reached).
func bombPDF(tb testing.TB, mib int) []byte {
	tb.Helper()
	var z bytes.Buffer
	z.Write([]byte{0x78, 0x9c}) // zlib header
	w, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		tb.Fatal(err)
	}
	mb := bytes.Repeat([]byte("a"), 1<<20)
	w.Write([]byte("BT /F1 12 Tf 72 700 Td ("))
	w.Write(mb)
	w.Flush()
	start := z.Len()
	w.Write(mb)
	w.Flush()
	block := append([]byte(nil), z.Bytes()[start:]...)
	for i := 2; i < mib; i++ {
		z.Write(block)
	}
	content := z.Bytes()
	return buildPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		stream(content, "/Filter /FlateDecode"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
}

// spinPDF builds a file whose page tree root sits in an object stream and
// ends inside an unterminated hex string: the library's lexer then spins
// forever on the end of the stream without reading anything. checkObjectStreams
// refuses it, except with predict (a PNG predictor, which that check does not
// decode), where only the watchdog (in process) or the kill (worker) stops it.
func spinPDF(predict bool) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off1 := b.Len()
	b.WriteString("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	objstm := []byte("2 0 << /Type /Pages /Kids [<0")
	dict := ""
	if predict {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(append([]byte{2}, objstm...)) // one PNG "up" row over a zero row: the bytes themselves
		zw.Close()
		dict = fmt.Sprintf("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns %d >>", len(objstm))
		objstm = z.Bytes()
	}
	off3 := b.Len()
	fmt.Fprintf(&b, "3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length %d %s >>\nstream\n%s\nendstream\nendobj\n", len(objstm), dict, objstm)
	entry := func(typ byte, f2 uint32, f3 uint16) []byte {
		return []byte{typ, byte(f2 >> 24), byte(f2 >> 16), byte(f2 >> 8), byte(f2), byte(f3 >> 8), byte(f3)}
	}
	off4 := b.Len()
	var x []byte
	x = append(x, entry(0, 0, 65535)...)
	x = append(x, entry(1, uint32(off1), 0)...)
	x = append(x, entry(2, 3, 0)...)
	x = append(x, entry(1, uint32(off3), 0)...)
	x = append(x, entry(1, uint32(off4), 0)...)
	fmt.Fprintf(&b, "4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n", len(x))
	b.Write(x)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", off4)
	return b.Bytes()
}
