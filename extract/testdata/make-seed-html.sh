#!/bin/sh
# Renders the seed dossier (testdata/seed) as HTML — tab-separated lines become
# bordered table rows — and prints it with other producers. extract's
# TestSeedRendered reads each PDF back to the seed's golden record.
#   seed-html-chromium.pdf         Chromium, 11 pt on 16 cm: a long e-mail broken
#                                  mid-word inside its cell
#   seed-html-chromium-narrow.pdf  Chromium, 13 pt on 14 cm: a phone, an e-mail
#                                  and a function wrapped over three lines
#   seed-html-chromium-centred.pdf Chromium, 13 pt on 13 cm, cells centred
#                                  vertically; the partner's name wraps over
#                                  three lines on the title page
#   seed-html-libreoffice.pdf      LibreOffice Writer/Web, 10 pt on 12 cm: cells
#                                  centred vertically (wrapped e-mails and unit
#                                  labels straddle their row)
#   seed-html-libreoffice-sans.pdf LibreOffice, DejaVu Sans 12 pt: wrapped phone
#                                  numbers straddle their row
# Chromium output is recompressed by qpdf to keep the fixtures small. Needs
# chromium, qpdf and soffice. Run from the repository root.
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
html() { # $1 body CSS, $2 output HTML, $3 vertical alignment of cells (default top)
awk -v body="$1" -v valign="${3:-top}" 'BEGIN { print "<html><head><meta charset=\"utf-8\"><style>body{font-family:\"DejaVu Serif\";" body "} table{border-collapse:collapse} td{border:1px solid #000;padding:2px;vertical-align:" valign ";max-width:6cm}</style></head><body>" }
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
/\t/ { if (!t) { print "<table>"; t = 1 } n = split($0, c, "\t"); row = "<tr>"; for (i = 1; i <= n; i++) row = row "<td>" esc(c[i]) "</td>"; print row "</tr>"; next }
{ if (t) { print "</table>"; t = 0 } if ($0 ~ /[^ \t]/) print "<p>" esc($0) "</p>" }
END { if (t) print "</table>"; print "</body></html>" }' testdata/seed/convention-06-2017-ccas-dijon.txt > "$2"
}
chromium_pdf() { # $1 body CSS, $2 output PDF, $3 vertical alignment of cells
	html "$1" "$out/seed.html" "${3:-top}"
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/seed.pdf" "$out/seed.html" >/dev/null 2>&1
	qpdf --object-streams=generate --recompress-flate --compression-level=9 "$out/seed.pdf" "$2"
}
libreoffice_pdf() { # $1 body CSS, $2 output PDF
	html "$1" "$out/lo.html"
	soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$out" "$out/lo.html" >/dev/null 2>&1
	cp "$out/lo.pdf" "$2"
}
chromium_pdf "font-size:11pt;width:16cm" extract/testdata/seed-html-chromium.pdf
chromium_pdf "font-size:13pt;width:14cm" extract/testdata/seed-html-chromium-narrow.pdf
chromium_pdf "font-size:13pt;width:13cm" extract/testdata/seed-html-chromium-centred.pdf middle
libreoffice_pdf "font-size:10pt;width:12cm" extract/testdata/seed-html-libreoffice.pdf
libreoffice_pdf "font-size:12pt;width:18cm;font-family:DejaVu Sans" extract/testdata/seed-html-libreoffice-sans.pdf
