#!/bin/sh
# Regenerates the fixtures of issue #11 (make.py: one small PDF per class of
# file the text layer refused though pdftotext reads it) and the text
# pdftotext reads from each (NAME.txt), which the tests use where poppler is
# not installed. Needs python3-fonttools, fonts-urw-base35,
# fonts-dejavu-core, qpdf and poppler-utils.
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 make.py
for f in *.pdf; do
	pdftotext -enc UTF-8 "$f" "${f%.pdf}.txt"
done
