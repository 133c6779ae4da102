#!/bin/sh
# side-nights.sh A B: five nights alternated twice, live heap traced: the findings-heavy
# national night with nothing new (5,000 conventions, base wbase), the heavy night, the night
# after it, nothing new, one new 100,000-row export.
cd /work/bench-national
for i in 1 2; do
  for b in "$@"; do
    for k in wide heavy after nothing 100k; do
      case $k in
        wide) GODEBUG=gctrace=1 BASE=wbase CONFIG=bench-big.toml sh bench-night.sh ./$b f2-$k-$b 2026-11-21 >/dev/null 2>&1 ;;
        heavy) GODEBUG=gctrace=1 EXTRA=export-lodeve-1m-dormant.csv CONFIG=bench-big.toml sh bench-night.sh ./$b f2-$k-$b 2026-12-02 >/dev/null 2>&1 ;;
        after) GODEBUG=gctrace=1 BASE=heavy1 CONFIG=bench-big.toml sh bench-night.sh ./$b f2-$k-$b 2026-12-03 >/dev/null 2>&1 ;;
        nothing) GODEBUG=gctrace=1 sh bench-night.sh ./$b f2-$k-$b 2026-12-02 >/dev/null 2>&1 ;;
        100k) GODEBUG=gctrace=1 EXTRA=export-lodeve-100k.csv sh bench-night.sh ./$b f2-$k-$b 2026-12-02 >/dev/null 2>&1 ;;
      esac
      f=f2-$k-$b.err
      echo "$k $b: $(grep '^TIME' $f) maxlive=$(grep '^gc ' $f | awk '{split($11,a,"->"); print a[3]+0}' | sort -n | tail -1)MB $(grep -o 'step=[a-z]* elapsed=[^ ]*' $f | sed 's/step=//; s/elapsed=//' | tr '\n' ' ')"
    done
  done
done
