#!/bin/sh
# usage: bench-night.sh BIN NAME AS_OF  — copies BASE (night1) to NAME and runs BIN's next night on it
# BASE: the data directory copied (night1); EXTRA: an export dropped in exports/ first;
# CONFIG: the configuration (bench.toml); CPUPROF: a CPU profile to write.
set -e
cd "${BENCH_DIR:-/work/bench-national}"
bin=$1 name=$2 asof=$3
rm -rf "$name"
cp -al "${BASE:-night1}" "$name"
for f in "${BASE:-night1}"/state.db* "${BASE:-night1}"/lock; do [ -e "$f" ] && rm -f "$name/$(basename $f)" && cp -p "$f" "$name/"; done
[ -n "$EXTRA" ] && cp -p "$EXTRA" "$name/exports/"
HABILITATIONS_CPUPROFILE=${CPUPROF:-} HABILITATIONS_DEBUG=1 nice -n 10 /usr/bin/time -f "TIME %e s wall, %U s user, %S s sys, %M KB peak" "$bin" run --data "$name" --config ${CONFIG:-bench.toml} --as-of "$asof" > "$name.out" 2> "$name.err" || echo "exit $?"
grep -o 'step=[a-z]* elapsed=[^ ]*' "$name.err" | tr '\n' ' '; echo
grep '^TIME' "$name.err"; uptime
