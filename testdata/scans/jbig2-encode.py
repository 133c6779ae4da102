#!/usr/bin/env python3
"""Writes a PDF whose page images are JBIG2 (/JBIG2Decode), as copiers
write them: each page one generic region, arithmetic (MQ) coded with
template 0 and its default adaptive pixels (ITU-T T.88 6.2, Annex E).
Debian packages no JBIG2 encoder (jbig2enc), hence this small one; it is
slow (pure Python, a minute a page at 200 dpi), which is fine for fixtures.

usage: jbig2-encode.py OUT.pdf DPI PAGE.pbm...   (pdftoppm -mono gives PBM)
Used by make-scans.sh (issue 14).
"""
import struct
import sys

# Qe, next index after an MPS, after an LPS, and whether an LPS switches
# the MPS (T.88 Table E.1).
QE = [
    (0x5601, 1, 1, 1), (0x3401, 2, 6, 0), (0x1801, 3, 9, 0), (0x0AC1, 4, 12, 0), (0x0521, 5, 29, 0), (0x0221, 38, 33, 0),
    (0x5601, 7, 6, 1), (0x5401, 8, 14, 0), (0x4801, 9, 14, 0), (0x3801, 10, 14, 0), (0x3001, 11, 17, 0), (0x2401, 12, 18, 0),
    (0x1C01, 13, 20, 0), (0x1601, 29, 21, 0), (0x5601, 15, 14, 1), (0x5401, 16, 14, 0), (0x5101, 17, 15, 0), (0x4801, 18, 16, 0),
    (0x3801, 19, 17, 0), (0x3401, 20, 18, 0), (0x3001, 21, 19, 0), (0x2801, 22, 19, 0), (0x2401, 23, 20, 0), (0x2201, 24, 21, 0),
    (0x1C01, 25, 22, 0), (0x1801, 26, 23, 0), (0x1601, 27, 24, 0), (0x1401, 28, 25, 0), (0x1201, 29, 26, 0), (0x1101, 30, 27, 0),
    (0x0AC1, 31, 28, 0), (0x09C1, 32, 29, 0), (0x08A1, 33, 30, 0), (0x0521, 34, 31, 0), (0x0441, 35, 32, 0), (0x02A1, 36, 33, 0),
    (0x0221, 37, 34, 0), (0x0141, 38, 35, 0), (0x0111, 39, 36, 0), (0x0085, 40, 37, 0), (0x0049, 41, 38, 0), (0x0025, 42, 39, 0),
    (0x0015, 43, 40, 0), (0x0009, 44, 41, 0), (0x0005, 45, 42, 0), (0x0001, 45, 43, 0), (0x5601, 46, 46, 0),
]


class MQ:
    """The MQ arithmetic encoder of T.88 E.2."""

    def __init__(self):
        self.a, self.c, self.ct = 0x8000, 0, 12
        self.out = bytearray([0])  # out[-1] is B; out[0] stands for the byte before the data
        self.index = bytearray(65536)
        self.mps = bytearray(65536)

    def encode(self, cx, d):
        i = self.index[cx]
        qe, nmps, nlps, switch = QE[i]
        self.a -= qe
        if d == self.mps[cx]:
            if self.a & 0x8000:
                self.c += qe
                return
            if self.a < qe:
                self.a = qe
            else:
                self.c += qe
            self.index[cx] = nmps
        else:
            if self.a < qe:
                self.c += qe
            else:
                self.a = qe
            if switch:
                self.mps[cx] ^= 1
            self.index[cx] = nlps
        while True:  # RENORME
            self.a <<= 1
            self.c <<= 1
            self.ct -= 1
            if self.ct == 0:
                self.byteout()
            if self.a & 0x8000:
                break

    def byteout(self):
        if self.out[-1] == 0xFF:
            self.out.append(self.c >> 20)
            self.c &= 0xFFFFF
            self.ct = 7
        elif self.c < 0x8000000:
            self.out.append(self.c >> 19)
            self.c &= 0x7FFFF
            self.ct = 8
        else:
            self.out[-1] += 1
            if self.out[-1] == 0xFF:
                self.c &= 0x7FFFFFF
                self.out.append(self.c >> 20)
                self.c &= 0xFFFFF
                self.ct = 7
            else:
                self.out.append((self.c >> 19) & 0xFF)  # the carry went into the byte before
                self.c &= 0x7FFFF
                self.ct = 8

    def flush(self):
        temp = self.c + self.a
        self.c |= 0xFFFF
        if self.c >= temp:
            self.c -= 0x8000
        self.c <<= self.ct
        self.byteout()
        self.c <<= self.ct
        self.byteout()
        if self.out[-1] != 0xFF:
            self.out.append(0xFF)
        self.out.append(0xAC)
        return bytes(self.out[1:])


def read_pbm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 3:  # magic, width, height, comments skipped
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P4", "not a binary PBM"
    w, h = int(fields[1]), int(fields[2])
    pos += 1
    stride = (w + 7) // 8
    rows = []
    for y in range(h):
        packed = data[pos + y * stride: pos + (y + 1) * stride]
        bits = bytearray(w + 8)  # 4 pixels of white each side
        for x in range(w):
            if packed[x >> 3] & (0x80 >> (x & 7)):
                bits[x + 4] = 1
        rows.append(bits)
    return w, h, rows


def generic_region(w, h, rows):
    """Codes the bitmap with template 0, adaptive pixels at their defaults
    (3,-1), (-3,-1), (2,-2), (-2,-2): the context as T.88 Figure 3 orders it."""
    mq = MQ()
    white = bytearray(w + 8)
    for y in range(h):
        r0, r1, r2 = rows[y], rows[y - 1] if y >= 1 else white, rows[y - 2] if y >= 2 else white
        for x in range(4, w + 4):
            cx = (r0[x - 1] | r0[x - 2] << 1 | r0[x - 3] << 2 | r0[x - 4] << 3 | r1[x + 3] << 4 |
                  r1[x + 2] << 5 | r1[x + 1] << 6 | r1[x] << 7 | r1[x - 1] << 8 | r1[x - 2] << 9 |
                  r1[x - 3] << 10 | r2[x + 2] << 11 | r2[x + 1] << 12 | r2[x] << 13 | r2[x - 1] << 14 | r2[x - 2] << 15)
            mq.encode(cx, r0[x])
    return mq.flush()


def segment(number, kind, data):
    return struct.pack(">IBBBI", number, kind, 0, 1, len(data)) + data


def jbig2_page(w, h, rows):
    page = struct.pack(">IIIIBH", w, h, 0, 0, 1, 0)
    region = struct.pack(">IIIIB", w, h, 0, 0, 0) + bytes([0]) + struct.pack(">8b", 3, -1, -3, -1, 2, -2, -2, -2)
    # No end-of-page segment: PDF embedded streams leave it out (T.88 D.3; poppler warns on it).
    return segment(0, 48, page) + segment(1, 38, region + generic_region(w, h, rows))


def write_pdf(out, dpi, pages):
    objs = [None, None]
    kids = []
    for w, h, stream in pages:
        objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 "
                    b"/Filter /JBIG2Decode /Length %d >>\nstream\n" % (w, h, len(stream)) + stream + b"\nendstream")
        img = len(objs)
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> "
                    b"/Contents %d 0 R >>" % (pw, ph, img, img + 1))
        kids.append(len(objs))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (len(kids), b" ".join(b"%d 0 R" % k for k in kids))
    pdf = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        pdf += b"%010d 00000 n \n" % o
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(out, "wb").write(pdf)


if __name__ == "__main__":
    pages = []
    for p in sys.argv[3:]:
        w, h, rows = read_pbm(p)
        pages.append((w, h, jbig2_page(w, h, rows)))
    write_pdf(sys.argv[1], int(sys.argv[2]), pages)
