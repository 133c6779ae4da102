import sys, os, zipfile, hashlib
a, b = sys.argv[1], sys.argv[2]
def files(root):
    out = {}
    for d, _, fs in os.walk(root):
        for f in fs:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = p
    return out
fa, fb = files(a), files(b)
print("only in", a, sorted(set(fa) - set(fb))[:5], len(set(fa)-set(fb)))
print("only in", b, sorted(set(fb) - set(fa))[:5], len(set(fb)-set(fa)))
same = diff = 0
for k in sorted(set(fa) & set(fb)):
    x, y = open(fa[k], 'rb').read(), open(fb[k], 'rb').read()
    if x == y:
        same += 1; continue
    if k.endswith('.xlsx'):
        za, zb = zipfile.ZipFile(fa[k]), zipfile.ZipFile(fb[k])
        pa = {n: za.read(n) for n in za.namelist()}
        pb = {n: zb.read(n) for n in zb.namelist()}
        import re
        def norm(n, v):
            if v is not None and n == '[Content_Types].xml':  # excelize writes its overrides in map order
                return sorted(re.findall(rb'<[^>]+>', v))
            return v
        bad = [n for n in set(pa) | set(pb) if norm(n, pa.get(n)) != norm(n, pb.get(n))]
        if not bad:
            same += 1; continue
        print("DIFF", k, bad[:4]); diff += 1; continue
    if k.endswith('.eml'):  # dated when written, random MIME boundary
        import re
        def norm(v):
            m = re.search(rb'boundary=([0-9a-f]+)', v)
            if m: v = v.replace(m.group(1), b'B')
            return re.sub(rb'(?m)^Date: .*$', b'Date: -', v)
        if norm(x) == norm(y):
            same += 1; continue
    print("DIFF", k); diff += 1
print("same", same, "diff", diff)
