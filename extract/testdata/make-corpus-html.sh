#!/bin/sh
# Re-typesets corpus dossiers with other producers: the text of each PDF
# (pdftotext -layout; runs of two spaces or more become table cells) as HTML
# with bordered tables, printed by LibreOffice Writer/Web and by Chromium at
# narrow widths. Tables then lose or change columns, long labels, e-mails,
# phones and headings wrap, and cells may be centred vertically. Each output
# X.pdf gets X.pdf.truth.json, a copy of its source's truth. extract's
# TestCorpusRetypeset reads them. Needs pdftotext, soffice, chromium, qpdf.
# Run from the repository root.
set -eu
dst=extract/testdata/retypeset
mkdir -p "$dst"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
html() { # $1 text file, $2 body CSS, $3 vertical alignment, $4 output HTML
awk -v body="$2" -v valign="$3" 'BEGIN { print "<html><head><meta charset=\"utf-8\"><style>body{font-family:\"DejaVu Serif\";" body "} table{border-collapse:collapse} td{border:1px solid #000;padding:2px;vertical-align:" valign ";max-width:6cm}</style></head><body>" }
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
{ sub(/^[ \f]+/, ""); sub(/[ ]+$/, ""); gsub(/  +/, "\t") }
/\t/ { if (!t) { print "<table>"; t = 1 } n = split($0, c, "\t"); row = "<tr>"; for (i = 1; i <= n; i++) row = row "<td>" esc(c[i]) "</td>"; print row "</tr>"; next }
{ if (t) { print "</table>"; t = 0 } if ($0 ~ /[^ \t]/) print "<p>" esc($0) "</p>" }
END { if (t) print "</table>"; print "</body></html>" }' "$1" > "$4"
}
for src in testdata/corpus/cases/02-rhone-ccas-villeurbanne/convention-12-2021-ccas-villeurbanne.pdf \
	testdata/corpus/cases/05-herault-udaf34/convention-07-2020-udaf-herault.pdf \
	testdata/corpus/cases/03-gironde-cd33/convention-2019-014-departement-gironde.pdf; do
	n=$(basename "$src" .pdf)
	pdftotext -layout -enc UTF-8 "$src" "$out/$n.txt"
	html "$out/$n.txt" "font-size:12pt;width:15cm" top "$out/$n-libreoffice.html"
	soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$out" "$out/$n-libreoffice.html" >/dev/null 2>&1
	cp "$out/$n-libreoffice.pdf" "$dst/"
	html "$out/$n.txt" "font-size:10pt;width:12cm" middle "$out/$n-chromium.html"
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/$n-chromium.pdf" "$out/$n-chromium.html" >/dev/null 2>&1
	qpdf --object-streams=generate --recompress-flate --compression-level=9 "$out/$n-chromium.pdf" "$dst/$n-chromium.pdf"
	cp "$src.truth.json" "$dst/$n-libreoffice.pdf.truth.json"
	cp "$src.truth.json" "$dst/$n-chromium.pdf.truth.json"
done
