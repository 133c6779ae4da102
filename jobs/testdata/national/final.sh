#!/bin/sh
# Side by side: the base revision (h-old, 4843227) and the current one (h-new), same machine, same inputs, alternating.
cd "${BENCH_DIR:-/work/bench-national}"
R="${BENCH_DIR:-/work/bench-national}/final.txt"
: > $R
log() { echo "$@" >> $R; }
recon() { # bin label args...
  bin=$1; label=$2; shift 2
  /usr/bin/time -f "%e %U %S %M" -o /tmp/t.$$ nice -n 10 ./$bin reconcile --records recon/records/*.json --export recon/export.csv --as-of 2026-11-20 "$@" > /tmp/recon-$bin.out 2>/dev/null
  log "reconcile $label $bin $(cat /tmp/t.$$) $(uptime | sed 's/.*average: //')"
}
night() { # bin name extra
  bin=$1; name=$2
  EXTRA=$3 ./bench-night.sh ./$bin $name 2026-11-26 > /tmp/night.$$ 2>&1
  log "night $name $bin $(grep -o 'step=[a-z]* elapsed=[^ ]*' $name.err | tr '\n' ' ') $(grep '^TIME' $name.err) | $(uptime | sed 's/.*average: //')"
}
for i in 1 2; do
  night h-old n2-old; night h-new n2-new
done
night h-new n2-new
python3 cmpdir.py n2-old/reports/2026-11-26 n2-new/reports/2026-11-26 | tail -1 >> $R
for i in 1 2; do
  recon h-old json --json; cp /tmp/recon-h-old.out /tmp/json-old; recon h-new json --json; cp /tmp/recon-h-new.out /tmp/json-new
done
recon h-new json --json
cmp /tmp/json-old /tmp/json-new && log "reconcile --json: same bytes" || log "reconcile --json: DIFFERENT"
recon h-old summary; recon h-new summary
night h-old n3-old "${BENCH_DIR:-/work/bench-national}/export-lodeve-100k.csv"
night h-new n3-new "${BENCH_DIR:-/work/bench-national}/export-lodeve-100k.csv"
night h-new n3-new "${BENCH_DIR:-/work/bench-national}/export-lodeve-100k.csv"
python3 cmpdir.py n3-old/reports/2026-11-26 n3-new/reports/2026-11-26 | tail -1 >> $R
rm -rf out-old out-new
recon h-old out --out out-old; recon h-new out --out out-new
# The new report summarises detail sheets past --sheet-limit rows (100,000
# by default): compared with the old one at a limit above the report's size.
rm -rf out-full; recon h-new out-full --out out-full --sheet-limit 2000000
python3 cmpdir.py out-old out-full | tail -1 >> $R
log done
