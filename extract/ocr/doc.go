// Package ocr reads scanned pages by text recognition: Tesseract 5 with
// its French model, driven through its command line (no cgo), each page in
// its own process under an address-space and CPU-time limit (prlimit), as
// the text layer's workers are. Pages of a PDF are rasterised by poppler's
// pdftoppm at their scan's own resolution (200 dpi at most), as PGM, and
// straightened in Go before their one recognition; image files (JPEG, PNG,
// TIFF, multi-page TIFF) go to Tesseract as they are.
//
// Tesseract writes, in one pass, a text-only PDF (its words placed where
// they are on the page) and a TSV of the words with their boxes and
// confidences. The PDF goes through the same text layer (package pdftext)
// as a born-digital file, so the dossier parser is the same code; the
// words tell how sure the recognition was of each value (records.md §2b).
package ocr
