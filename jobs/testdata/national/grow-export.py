# Grows a partner's export of the national workload (the night "with one new
# export"): its own rows, then copies of its ordinary users in its common
# units under new identifiers, names and e-mails, up to ROWS rows (100,000 by
# default). With DORMANT (a share, 0 by default), that share of the copies
# last logged in on 02/01/2025: a findings-heavy export (jobs/BENCHMARKS.md,
# "A findings-heavy night": 1000000 0.65).
# usage: grow-export.py SRC DST [ROWS [DORMANT]]
import sys
from collections import Counter
src, dst = sys.argv[1], sys.argv[2]
total = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
dormant = round(float(sys.argv[4]) * 20) if len(sys.argv) > 4 else 0  # in twentieths
lines = open(src, encoding='utf-8-sig').read().splitlines()
head, rows = lines[0], lines[1:]
cnt = Counter(r.split(';')[6] for r in rows)
clean = [r for r in rows if r.split(';')[9] == 'Utilisateur' and cnt[r.split(';')[6]] >= 5]
def tag(k):
    s = ''
    while True:
        s = chr(65 + k % 26) + s
        k //= 26
        if k == 0:
            return s
out = [head] + rows
while len(out) - 1 < total:
    for r in clean:
        c = r.split(';')
        k = len(out)
        c[0] = f"u-9{k:07d}"
        c[1] = c[1] + ' ' + tag(k)
        c[3] = c[3].replace('@', f".{tag(k).lower()}@", 1)
        if k % 20 < dormant:
            c[12] = '02/01/2025'
        out.append(';'.join(c))
        if len(out) - 1 >= total:
            break
open(dst, 'w', encoding='utf-8-sig', newline='').write('\r\n'.join(out) + '\r\n')
