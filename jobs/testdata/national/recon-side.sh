#!/bin/sh
# reconcile of the findings-heavy load (1,000,000 rows, 5,000 record files,
# 914,872 findings) by several binaries, alternating, N rounds: wall, CPU and
# peak RSS from /usr/bin/time, and whether each --json prints (each --out
# writes) the first binary's bytes. MODES picks among json, summary and out
# (default: json summary); out's workbook is a zip dated when written, so
# only its CSV and JSON files are compared here.
# usage: [MODES="json out"] recon-side.sh ROUNDS BIN... (binaries in $BENCH_DIR)
cd "${BENCH_DIR:-/work/bench-national}"
rounds=$1; shift
for i in $(seq "$rounds"); do
  for bin in "$@"; do
    for mode in ${MODES:-json summary}; do
      flag=""; [ $mode = json ] && flag=--json
      [ $mode = out ] && { rm -rf /tmp/rs-$bin-out.d; flag="--out /tmp/rs-$bin-out.d"; }
      /usr/bin/time -f "%e %U %S %M" -o /tmp/rs.$$ nice -n 10 ./$bin reconcile --records recon/records/*.json \
        --export recon/export.csv --as-of 2026-11-20 $flag > /tmp/rs-$bin-$mode.out 2>/dev/null
      same=""
      [ $mode = json ] && { cmp -s /tmp/rs-$1-json.out /tmp/rs-$bin-json.out && same=same || same=DIFFERENT; }
      [ $mode = out ] && { same=same; for f in /tmp/rs-$1-out.d/*.csv /tmp/rs-$1-out.d/*.json; do
        cmp -s "$f" /tmp/rs-$bin-out.d/$(basename "$f") || same=DIFFERENT; done; }
      echo "$mode $bin $(cat /tmp/rs.$$) $same steal=$(awk '/^cpu /{print $9}' /proc/stat)"
    done
  done
done
