#!/bin/sh
# make.sh — regenerate postscript-roundtrip.pdf: the LibreOffice producer
# fixture printed to PostScript (pdftops) and distilled back (ps2pdf), the
# path of a virtual printer such as CUPS-PDF. Its TrueType fonts come back
# re-encoded without their Unicode map: pdftotext reads « ! " # $ … » too.
# Needs poppler-utils and ghostscript. Run from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
pdftops "$here/../../../../testdata/producers/libreoffice.pdf" "$work/dossier.ps"
ps2pdf "$work/dossier.ps" "$here/postscript-roundtrip.pdf"
