#!/bin/sh
# Measures the text layer against pdftotext (poppler) in one session, for
# BENCHMARKS.md: the 12-page dossier one file at a time, and the corpus files
# with a text layer as a batch (ours: GOMAXPROCS at a time, in process, with
# one child process per file, and with a Pool of long-lived child processes;
# pdftotext: one file after the other); and the fpdf dossier of
# testdata/producers against its LibreOffice twin (font cache, CMap ranges).
# Needs hyperfine (apt-get install hyperfine).
set -eu
cd "$(dirname "$0")"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
uptime
go test -run '^$' -bench 'Extract12|ExtractAll|IsolatedAll|PoolAll|ExtractFpdf|ExtractLibreOffice' -benchtime 3s -count 3 .
uptime
files=$(go run ./testdata/textfiles.go ../../testdata/corpus/cases)
hyperfine -N --warmup 3 --runs 30 'pdftotext testdata/dossier-12p.pdf /dev/null'
hyperfine --warmup 1 --runs 10 "for f in $files; do pdftotext \$f /dev/null; done"
uptime
