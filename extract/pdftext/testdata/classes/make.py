#!/usr/bin/python3
"""Writes one small PDF per class of file that public PDF test suites showed
the text layer refusing though pdftotext reads it (issue #11), and the text
pdftotext reads from each (NAME.txt, for machines without poppler).

Needs Debian's python3-fonttools (font programs are cut from the URW and
DejaVu fonts of fonts-urw-base35 and fonts-dejavu-core), qpdf and
poppler-utils. Run through make.sh. The PDF objects are written here, the
encryption by qpdf.
"""

import io
import os
import subprocess
import zlib

from fontTools import subset
from fontTools.ttLib import TTFont

URW = "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

# Enough text per page for the quality gate (40 letters), French with
# accents, and no convention number: a dossier parser refuses it as
# not_convention.
PARAS = [
    "Bulletin d'information de la caisse : les démarches à effectuer.",
    "Les agents habilités reçoivent un accès après la formation prévue.",
    "Le service social général traite les dossiers reçus chaque semaine.",
]
# A second page's text: lines repeated at the same place on every page
# would be taken for headers and footers.
PARAS2 = [
    "Chaque trimestre, le responsable vérifie la liste des accès ouverts.",
    "Un accès inutilisé pendant six mois est fermé sans autre préavis.",
]


def want(name, lines):
    """Writes the expected text of a fixture that pdftotext misreads."""
    with open(name + ".want.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def pdf_string(s):
    return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def hexs(b):
    return "<" + b.hex().upper() + ">"


class PDF:
    """A list of objects written with a cross-reference table."""

    def __init__(self):
        self.objs = []

    def add(self, body):
        self.objs.append(body)
        return len(self.objs)

    def reserve(self):
        return self.add(None)

    def set(self, n, body):
        self.objs[n - 1] = body

    def stream(self, data, extra="", compress=True):
        if isinstance(data, str):
            data = data.encode("latin-1")
        if compress:
            data = zlib.compress(data)
            extra = "/Filter /FlateDecode " + extra
        return self.add(b"<< /Length %d %s >>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream")

    def write(self, path, root):
        out = io.BytesIO()
        out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        offs = []
        for i, o in enumerate(self.objs):
            offs.append(out.tell())
            if isinstance(o, str):
                o = o.encode("latin-1")
            out.write(b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n")
        x = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objs) + 1))
        for off in offs:
            out.write(b"%010d 00000 n \n" % off)
        out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(self.objs) + 1, root, x))
        with open(path, "wb") as f:
            f.write(out.getvalue())


def helvetica(pdf):
    return pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")


def text_ops(lines, font="/F1", size=11, y=760):
    ops = ["BT %s %d Tf 72 %d Td 14 TL" % (font, size, y)]
    for ln in lines:
        if isinstance(ln, bytes):
            ops.append(hexs(ln) + " Tj T*")
        else:
            ops.append(pdf_string(ln) + " Tj T*")
    ops.append("ET")
    return "\n".join(ops)


def winansi(s):
    return s.encode("cp1252")


def simple_doc(path, pages, fonts, kids_wrap=None, content_extra=""):
    """pages: list of content strings; fonts: resource dictionary text."""
    pdf = PDF()
    cat = pdf.reserve()
    root = pdf.reserve()
    kids = []
    for c in pages:
        s = pdf.stream(c, content_extra)
        kids.append(pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                            "/Resources << /Font << %s >> >> >>" % (root, s, fonts(pdf))))
    pdf.set(root, "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids)))
    pdf.set(cat, "<< /Type /Catalog /Pages %d 0 R >>" % root)
    pdf.write(path, cat)


def figure_bad_tounicode():
    """A figure (form XObject) whose font's ToUnicode maps every glyph to the
    private use area, on page 2 of 3: the other pages must still be read."""
    pdf = PDF()
    cat, root = pdf.reserve(), pdf.reserve()
    f1 = helvetica(pdf)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bad def "
            "1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <E020> endbfrange "
            "endcmap CMapName currentdict /CMap defineresource pop end end")
    tu = pdf.stream(cmap)
    f9 = pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode %d 0 R >>" % tu)
    labels = ["Effectifs par service et par trimestre", "Accueil 12 14 15 Instruction 22 25 27",
              "Contentieux 4 5 5 Direction 3 3 3", "Source : tableau de bord interne de la caisse"]
    fig_ops = "0 0 400 200 re S\n" + text_ops(labels, "/F9", 9, 180)
    fig = pdf.stream(fig_ops, "/Type /XObject /Subtype /Form /BBox [0 0 400 200] /Resources << /Font << /F9 %d 0 R >> >>" % f9)
    kids = []
    contents = [text_ops(PARAS), "q 1 0 0 1 72 400 cm /Fig Do Q\n" + text_ops(["Figure 1."], y=380),
                text_ops(PARAS2)]
    for c in contents:
        s = pdf.stream(c)
        kids.append(pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                            "/Resources << /Font << /F1 %d 0 R >> /XObject << /Fig %d 0 R >> >> >>" % (root, s, f1, fig)))
    pdf.set(root, "<< /Type /Pages /Kids [%s] /Count 3 >>" % " ".join("%d 0 R" % k for k in kids))
    pdf.set(cat, "<< /Type /Catalog /Pages %d 0 R >>" % root)
    pdf.write("figure-bad-tounicode.pdf", cat)


def glyph_names(text):
    from fontTools.agl import UV2AGL
    return [UV2AGL.get(ord(c), "uni%04X" % ord(c)) if c != " " else "space" for c in text]


def type3_zero_tounicode():
    """A Type 3 font (as Chrome's Skia backend writes) whose ToUnicode maps
    every glyph to <0000>; the glyph names in /Differences say the text."""
    text = "\n".join(PARAS)
    chars = sorted(set(text) - {"\n"})
    code = {c: i + 1 for i, c in enumerate(chars)}
    names = glyph_names("".join(chars))
    pdf = PDF()
    cat, root = pdf.reserve(), pdf.reserve()
    procs = []
    for n in names:
        s = pdf.stream("500 0 0 0 400 600 d1 0 0 400 600 re f" if n != "space" else "500 0 d0", compress=False)
        procs.append("/%s %d 0 R" % (n, s))
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Skia def "
            "1 begincodespacerange <00> <FF> endcodespacerange %d beginbfchar %s endbfchar "
            "endcmap CMapName currentdict /CMap defineresource pop end end" % (
                len(chars), " ".join("<%02X> <0000>" % code[c] for c in chars)))
    tu = pdf.stream(cmap)
    f3 = pdf.add("<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 500 600] "
                 "/Resources << >> /CharProcs << %s >> /Encoding << /Type /Encoding /Differences [1 %s] >> "
                 "/FirstChar 1 /LastChar %d /Widths [%s] /ToUnicode %d 0 R >>" % (
                     " ".join(procs), " ".join("/" + n for n in names), len(chars),
                     " ".join("500" for _ in chars), tu))
    lines = [bytes(code[c] for c in p) for p in PARAS]
    s = pdf.stream(text_ops(lines, "/F3", 11))
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                   "/Resources << /Font << /F3 %d 0 R >> >> >>" % (root, s, f3))
    pdf.set(root, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    pdf.set(cat, "<< /Type /Catalog /Pages %d 0 R >>" % root)
    pdf.write("type3-zero-tounicode.pdf", cat)
    # This poppler keeps the <0000> mappings and prints nothing.
    want("type3-zero-tounicode", PARAS)


def cff_font(chars, encoding):
    """A bare CFF (Type1C) program cut from Nimbus Sans with the glyphs of
    chars and a built-in encoding {code: glyph name}; returns it and the
    advance widths by glyph name."""
    f = TTFont(URW)
    opts = subset.Options()
    opts.glyph_names = True
    opts.notdef_outline = True
    opts.desubroutinize = True
    sub = subset.Subsetter(opts)
    sub.populate(glyphs=sorted(set(encoding.values())))
    sub.subset(f)
    cff = f["CFF "].cff
    top = cff.topDictIndex[0]
    enc = [".notdef"] * 256
    for c, n in encoding.items():
        enc[c] = n
    top.Encoding = enc
    b = io.BytesIO()
    cff.compile(b, f)
    widths = {n: f["hmtx"][n][0] for n in f.getGlyphOrder()}
    return b.getvalue(), widths


def type1c_font(pdf, program, widths, encoding, extra, flags):
    ff = pdf.stream(program, "/Subtype /Type1C")
    desc = pdf.add("<< /Type /FontDescriptor /FontName /ABCDEF+NimbusSans-Regular /Flags %d /FontBBox [-200 -300 1100 1000] "
                   "/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 /FontFile3 %d 0 R >>" % (flags, ff))
    first, last = min(encoding), max(encoding)
    w = " ".join(str(widths.get(encoding.get(c, ".notdef"), 0)) for c in range(first, last + 1))
    return pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+NimbusSans-Regular /FirstChar %d /LastChar %d "
                   "/Widths [%s] /FontDescriptor %d 0 R %s >>" % (first, last, w, desc, extra))


def type1c_builtin_encoding():
    """A compact Type 1 font (CFF) with its own encoding, shuffled so that no
    standard encoding reads it, and neither /Encoding nor /ToUnicode."""
    text = "".join(PARAS)
    chars = sorted(set(text))
    names = glyph_names("".join(chars))
    code = {c: 0x21 + (i * 7) % 200 for i, c in enumerate(chars)}  # a shuffle of 0x21..0xE8
    encoding = {code[c]: n for c, n in zip(chars, names)}
    program, widths = cff_font(chars, encoding)
    pdf = PDF()
    cat, root = pdf.reserve(), pdf.reserve()
    f = type1c_font(pdf, program, widths, encoding, "", 4)  # symbolic: the built-in encoding rules
    lines = [bytes(code[c] for c in p) for p in PARAS]
    s = pdf.stream(text_ops(lines, "/F1", 11))
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                   "/Resources << /Font << /F1 %d 0 R >> >> >>" % (root, s, f))
    pdf.set(root, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    pdf.set(cat, "<< /Type /Catalog /Pages %d 0 R >>" % root)
    pdf.write("type1c-builtin-encoding.pdf", cat)


def winansi_undefined():
    """A compact Type 1 font with /Encoding /WinAnsiEncoding drawing the codes
    WinAnsi leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), which its own
    encoding names: the ligatures fi and fl, œ, Œ and an en dash."""
    extra = {0x81: "fi", 0x8D: "fl", 0x8F: "oe", 0x90: "OE", 0x9D: "endash"}
    text = "".join(PARAS) + "Bureau d'accueil des usagers"
    chars = sorted(set(text))
    encoding = {ord(c.encode("cp1252").decode("latin-1")): n for c, n in zip(chars, glyph_names("".join(chars)))}
    encoding.update(extra)
    program, widths = cff_font(chars, encoding)
    pdf = PDF()
    cat, root = pdf.reserve(), pdf.reserve()
    f = type1c_font(pdf, program, widths, encoding, "/Encoding /WinAnsiEncoding", 32)
    lines = [winansi(p) for p in PARAS] + [
        b"Les " + b"\x81" + b"ches d'accueil " + b"\x9d" + b" un " + b"\x8d" + b"ux de v" + b"\x8f" + b"ux",
        b"\x90" + b"uvre sociale : bureau d'accueil des usagers"]
    s = pdf.stream(text_ops(lines, "/F1", 11))
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                   "/Resources << /Font << /F1 %d 0 R >> >> >>" % (root, s, f))
    pdf.set(root, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    pdf.set(cat, "<< /Type /Catalog /Pages %d 0 R >>" % root)
    pdf.write("winansi-undefined.pdf", cat)
    # poppler prints the PDF specification's default for these codes, a
    # bullet; the glyphs drawn are the ligatures, œ, Œ and the dash.
    want("winansi-undefined", PARAS + ["Les fiches d'accueil \u2013 un flux de vœux", "Œuvre sociale : bureau d'accueil des usagers"])


def suffixed_differences():
    """/Differences naming glyphs with suffixes (zero.os, one.sc), uniXXXX
    and uXXXXX forms and ligatures joined by underscores (f_i)."""
    diffs = ("/Differences [48 /zero.os /one.os /two.os /three.os /four.os /five.os /six.os /seven.os /eight.os /nine.os "
             "97 /a.sc 128 /uniFB01 /f_i /uni00E9 /u00E0 /e.alt /c.sc /f_f_l]")
    lines = [winansi(p) for p in PARAS] + [
        b"Annexe 2024-017 : liste des \x80ches, ef\x81cacit\x82 et d\x82lai \x83 respecter",
        b"Les pi\xe8ces et ann\x84x\x84s, chiffres 0123456789, sans s'essou\x86er, pour la \x85aisse."]
    simple_doc("suffixed-differences.pdf", [text_ops(lines)],
               lambda pdf: "/F1 %d 0 R" % pdf.add(
                   "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 255 /Widths [%s] "
                   "/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding %s >> >>" % (" ".join(["556"] * 224), diffs)))


def cid_truetype_no_tounicode():
    """A composite TrueType font (Identity-H, CIDToGIDMap /Identity)
    without /ToUnicode: the embedded font's cmap table says the text."""
    text = "".join(PARAS)
    f = TTFont(DEJAVU)
    opts = subset.Options()
    opts.notdef_outline = True
    opts.name_IDs = []
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
    sub = subset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(f)
    b = io.BytesIO()
    f.save(b)
    program = b.getvalue()
    cmap = f.getBestCmap()
    order = f.getGlyphOrder()
    gid = {c: order.index(cmap[ord(c)]) for c in set(text)}
    upm = f["head"].unitsPerEm
    w = " ".join("%d [%d]" % (g, round(f["hmtx"][order[g]][0] * 1000 / upm)) for g in sorted(set(gid.values())))
    pdf = PDF()
    cat, root = pdf.reserve(), pdf.reserve()
    ff = pdf.stream(program, "/Length1 %d" % len(program))
    desc = pdf.add("<< /Type /FontDescriptor /FontName /ABCDEF+DejaVuSans /Flags 32 /FontBBox [-1021 -463 1793 1232] "
                   "/ItalicAngle 0 /Ascent 928 /Descent -236 /CapHeight 700 /StemV 80 /FontFile2 %d 0 R >>" % ff)
    cid = pdf.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+DejaVuSans "
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                  "/FontDescriptor %d 0 R /DW 600 /W [%s] /CIDToGIDMap /Identity >>" % (desc, w))
    f0 = pdf.add("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+DejaVuSans /Encoding /Identity-H "
                 "/DescendantFonts [%d 0 R] >>" % cid)
    lines = [b"".join(gid[c].to_bytes(2, "big") for c in p) for p in PARAS]
    s = pdf.stream(text_ops(lines, "/F1", 11))
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                   "/Resources << /Font << /F1 %d 0 R >> >> >>" % (root, s, f0))
    pdf.set(root, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    pdf.set(cat, "<< /Type /Catalog /Pages %d 0 R >>" % root)
    pdf.write("cid-truetype-no-tounicode.pdf", cat)
    # poppler reads the CIDs as Unicode (Identity ordering) and prints
    # control characters: the expected text is the text drawn.
    want("cid-truetype-no-tounicode", PARAS)


def deep_page_tree(depth=39):
    """A page tree that is a chain of 39 /Pages nodes above two pages, as a
    PDF merge tool wrote it; resources are inherited from the root."""
    pdf = PDF()
    cat = pdf.reserve()
    nodes = [pdf.reserve() for _ in range(depth)]
    f1 = helvetica(pdf)
    pages = []
    for c in [text_ops(PARAS), text_ops(PARAS2)]:
        s = pdf.stream(c)
        pages.append(pdf.add("<< /Type /Page /Parent %d 0 R /Contents %d 0 R >>" % (nodes[-1], s)))
    for i, n in enumerate(nodes):
        kids = "%d 0 R" % nodes[i + 1] if i + 1 < depth else " ".join("%d 0 R" % p for p in pages)
        parent = "/Parent %d 0 R" % nodes[i - 1] if i > 0 else "/MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>" % f1
        pdf.set(n, "<< /Type /Pages /Kids [%s] /Count 2 %s >>" % (kids, parent))
    pdf.set(cat, "<< /Type /Catalog /Pages %d 0 R >>" % nodes[0])
    pdf.write("deep-page-tree.pdf", cat)


def predictor_one():
    """Content streams with /DecodeParms << /Predictor 1 >>: no prediction."""
    simple_doc("predictor-1.pdf", [text_ops(PARAS)], lambda pdf: "/F1 %d 0 R" % helvetica(pdf),
               content_extra="/DecodeParms << /Predictor 1 >>")


def aes256_iv_only(tmp="aes256-base.pdf"):
    """AES-256 with an empty user password, whose empty content stream is
    written as its 16-byte initialisation vector alone (no padding block):
    qpdf and poppler read it as empty, pdfcpu refuses it (« ciphertext too
    short »)."""
    pdf = PDF()
    cat, root = pdf.reserve(), pdf.reserve()
    f1 = helvetica(pdf)
    s1 = pdf.stream(text_ops(PARAS))
    s2 = pdf.stream(b"", compress=False)
    page = pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents [%d 0 R %d 0 R] "
                   "/Resources << /Font << /F1 %d 0 R >> >> >>" % (root, s1, s2, f1))
    pdf.set(root, "<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    pdf.set(cat, "<< /Type /Catalog /Pages %d 0 R >>" % root)
    pdf.write(tmp, cat)
    subprocess.run(["qpdf", "--object-streams=disable", "--stream-data=preserve", "--encrypt", "", "owner", "256", "--", tmp, "aes256-iv-only.pdf"], check=True)
    os.remove(tmp)
    data = bytearray(open("aes256-iv-only.pdf", "rb").read())
    # The empty stream is the only one of 32 bytes (IV + one padding block);
    # keep its IV and blank the padding block, so offsets stay valid.
    key = b"<< /Length 32 >>\nstream\n"
    i = data.find(key)
    assert i >= 0 and data.find(key, i + 1) < 0, "expected one 32-byte stream"
    data[i:i + len(key)] = key.replace(b"32", b"16")
    j = data.index(b"stream\n", i) + len(b"stream\n")
    data[j + 16:j + 32] = b"\n" * 16
    open("aes256-iv-only.pdf", "wb").write(bytes(data))


if __name__ == "__main__":
    figure_bad_tounicode()
    type3_zero_tounicode()
    type1c_builtin_encoding()
    suffixed_differences()
    winansi_undefined()
    cid_truetype_no_tounicode()
    deep_page_tree()
    predictor_one()
    aes256_iv_only()
