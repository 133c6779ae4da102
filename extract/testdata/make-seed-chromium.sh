#!/bin/sh
# Renders the seed dossier (testdata/seed) as HTML — tab-separated lines become
# bordered table rows — printed by headless Chromium in DejaVu Serif, then
# recompressed by qpdf to keep the fixture small: seed-html-chromium.pdf at
# 11 pt on 16 cm (a long e-mail address broken mid-word inside its cell) and
# seed-html-chromium-narrow.pdf at 13 pt on 14 cm (a phone number, an e-mail and
# a function label wrapped over three lines). extract's TestSeedRendered reads
# them back to the seed's golden record. Run from the repository root.
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
render() { # $1 font size and width CSS, $2 output PDF
awk -v body="$1" 'BEGIN { print "<html><head><meta charset=\"utf-8\"><style>body{font-family:\"DejaVu Serif\";" body "} table{border-collapse:collapse} td{border:1px solid #000;padding:2px;vertical-align:top;max-width:6cm}</style></head><body>" }
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
/\t/ { if (!t) { print "<table>"; t = 1 } n = split($0, c, "\t"); row = "<tr>"; for (i = 1; i <= n; i++) row = row "<td>" esc(c[i]) "</td>"; print row "</tr>"; next }
{ if (t) { print "</table>"; t = 0 } if ($0 ~ /[^ \t]/) print "<p>" esc($0) "</p>" }
END { if (t) print "</table>"; print "</body></html>" }' testdata/seed/convention-06-2017-ccas-dijon.txt > "$out/seed.html"
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/seed.pdf" "$out/seed.html" >/dev/null 2>&1
qpdf --object-streams=generate --recompress-flate --compression-level=9 "$out/seed.pdf" "$2"
}
render "font-size:11pt;width:16cm" extract/testdata/seed-html-chromium.pdf
render "font-size:13pt;width:14cm" extract/testdata/seed-html-chromium-narrow.pdf
