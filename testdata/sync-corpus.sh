#!/usr/bin/env bash
# Copies ../shared/corpus (the steering repo's test corpus) into testdata/corpus so
# that the tests stand alone on any machine. Run it when the corpus grows;
# TestCorpusCopyInStep fails until the copy matches.
set -euo pipefail
cd "$(dirname "$0")"
src=../../shared/corpus
[ -d "$src" ] || { echo "no $src here" >&2; exit 1; }
rm -rf corpus
cp -r "$src" corpus
chmod -R u+w corpus
echo "testdata/corpus now matches $src"
