#!/bin/sh
# make-ocr-fixtures.sh — regenerate the PDFs of testdata/producers/ocr/:
# producer fixtures printed, scanned (pdftoppm, 200 dpi, grey), given a text
# layer by Tesseract (French), then stripped of their page images by
# Ghostscript (-dFILTERIMAGE) to stay small: extraction reads the text layer
# only. The truths are the twins' but for what text recognition reads
# differently (the dash of the Caf's address): check them by hand after a
# Tesseract upgrade. Slow (a few minutes a dossier).
#
# Needs: poppler-utils, tesseract-ocr, tesseract-ocr-fra, ghostscript.
#   sh testdata/producers/make-ocr-fixtures.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

ocr() { # ocr SRC.pdf OUT.pdf
	rm -f "$work"/pg-*.png
	pdftoppm -r 200 -gray -png "$1" "$work/pg"
	ls "$work"/pg-*.png >"$work/list.txt"
	tesseract "$work/list.txt" "$work/scan" -l fra pdf >/dev/null 2>&1
	gs -q -sDEVICE=pdfwrite -dFILTERIMAGE -dNOPAUSE -dBATCH -o "$2" "$work/scan.pdf"
}

mkdir -p "$here/ocr"
ocr "$here/libreoffice.pdf" "$here/ocr/libreoffice-tesseract.pdf"
ocr "$here/chromium-dejavu-serif.pdf" "$here/ocr/chromium-dejavu-serif-tesseract.pdf"
ocr "$here/fpdf.pdf" "$here/ocr/fpdf-tesseract.pdf"
ocr "$here/bulletins/libreoffice.pdf" "$here/ocr/bulletin-libreoffice-tesseract.pdf"
ls -l "$here"/ocr/*.pdf
