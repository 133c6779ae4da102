#!/bin/sh
# Renders the seed dossier's plain text (testdata/seed) as a PDF with
# LibreOffice: its tables are tab stops, not table cells, and long rows wrap
# (an e-mail address is cut at its hyphen). extract's TestSeedRendered reads it
# back to the seed's golden record. Run from the repository root.
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
soffice --headless --convert-to pdf --outdir "$out" testdata/seed/convention-06-2017-ccas-dijon.txt >/dev/null
cp "$out/convention-06-2017-ccas-dijon.pdf" extract/testdata/seed-text-libreoffice.pdf
