#!/bin/sh
# make-fixtures.sh — regenerate the producer fixtures of testdata/producers/.
#
# One fictional dossier (report/sample, fixed seed; see gen/main.go) is
# printed by several PDF producers; every X.pdf gets X.pdf.truth.json, the
# record JSON (records.md §2) it must parse to — the same for all twins.
#
#   libreoffice.pdf               LibreOffice Writer/Web from HTML (the twin)
#   libreoffice-dejavu-serif.pdf  the same, body in DejaVu Serif
#   libreoffice-email-wrapped.pdf DejaVu Serif, narrow e-mail columns: e-mails wrap in their cells
#   libreoffice-norules.pdf       the same, tables drawn without any rule (a hidden Word grid)
#   libreoffice-docx.pdf          the HTML saved as a Word document (.docx), then printed by LibreOffice Writer
#   libreoffice-docx-serif.pdf    the same from the DejaVu Serif HTML: « Administrateur » breaks in its cell
#   libreoffice-docx-norules.pdf  the same from the HTML without table rules: labels broken across lines
#   chromium.pdf                  headless Chromium print-to-PDF (Skia)
#   chromium-dejavu-serif.pdf     the same, body in DejaVu Serif
#   chromium-quota-split.pdf      Chromium, every quota table split over two pages
#   chromium-header-footer.pdf    Chromium, running header and « Page N / M » footer
#   chromium-norules.pdf          Chromium, DejaVu Serif, narrow e-mail columns, no table rules
#   ghostscript.pdf               libreoffice.pdf re-distilled by Ghostscript pdfwrite
#   ghostscript-dejavu-serif.pdf  libreoffice-dejavu-serif.pdf re-distilled: ligatures' Unicode byte-swapped
#   qpdf-object-streams.pdf       libreoffice.pdf rewritten by qpdf with object streams
#   qpdf-aes256-owner.pdf         libreoffice.pdf encrypted by qpdf, AES-256, owner password only
#   pdfcpu-lzw.pdf                libreoffice.pdf with every stream LZW-compressed (lzw/main.go), as Acrobat 3 wrote them
#   fpdf.pdf                      report/sample's own writer (go-pdf/fpdf, DejaVu Sans)
#   bulletins/                    one standalone bulletin by LibreOffice (the twin), Chromium,
#                                 Word through Writer (no rules) and Ghostscript; its own truth
#
# Needs: go, soffice (LibreOffice), chromium, gs, qpdf. Run from anywhere:
#   sh testdata/producers/make-fixtures.sh
# Chromium runs with --disable-pdf-tagging: the tagged output is twice as
# large (structure tree) with the same text layer, and fixtures stay < 200 KB.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

(cd "$root" && go run ./testdata/producers/gen -out "$work")

lo() { # lo SRC.html OUT.pdf
	mkdir -p "$work/lo"
	soffice -env:UserInstallation="file://$work/lo-profile" --headless \
		--convert-to pdf --outdir "$work/lo" "$1" >/dev/null 2>&1
	mv "$work/lo/$(basename "$1" .html).pdf" "$2"
}

chrome() { # chrome SRC.html OUT.pdf
	chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-pdf-tagging --user-data-dir="$work/chrome-profile" \
		--no-pdf-header-footer --print-to-pdf="$2" "file://$1" >/dev/null 2>&1
	test -s "$2"
}

out="$work/out"
mkdir -p "$out"
lo "$work/dossier.html" "$out/libreoffice.pdf"
lo "$work/dossier-serif.html" "$out/libreoffice-dejavu-serif.pdf"
lo "$work/dossier-wrap.html" "$out/libreoffice-email-wrapped.pdf"
lo "$work/dossier-norules.html" "$out/libreoffice-norules.pdf"
# Through a Word document: Writer lays the .docx out with its own (narrower)
# table columns: an e-mail breaks in the middle of its domain, and in the
# serif variant « Administrateur » in the middle of the word.
docx() { # docx SRC.html OUT.pdf
	name=$(basename "$1" .html)
	soffice -env:UserInstallation="file://$work/lo-profile" --headless \
		--convert-to 'docx:MS Word 2007 XML' --outdir "$work/docx" "$1" >/dev/null 2>&1
	soffice -env:UserInstallation="file://$work/lo-profile" --headless \
		--convert-to pdf --outdir "$work/docx" "$work/docx/$name.docx" >/dev/null 2>&1
	mv "$work/docx/$name.pdf" "$2"
}
docx "$work/dossier.html" "$out/libreoffice-docx.pdf"
docx "$work/dossier-serif.html" "$out/libreoffice-docx-serif.pdf"
docx "$work/dossier-norules.html" "$out/libreoffice-docx-norules.pdf"
chrome "$work/dossier.html" "$out/chromium.pdf"
chrome "$work/dossier-serif.html" "$out/chromium-dejavu-serif.pdf"
chrome "$work/dossier-split.html" "$out/chromium-quota-split.pdf"
chrome "$work/dossier-hf.html" "$out/chromium-header-footer.pdf"
chrome "$work/dossier-norules.html" "$out/chromium-norules.pdf"
gs -q -sDEVICE=pdfwrite -dNOPAUSE -dBATCH -o "$out/ghostscript.pdf" "$out/libreoffice.pdf"
gs -q -sDEVICE=pdfwrite -dNOPAUSE -dBATCH -o "$out/ghostscript-dejavu-serif.pdf" "$out/libreoffice-dejavu-serif.pdf"
qpdf --object-streams=generate "$out/libreoffice.pdf" "$out/qpdf-object-streams.pdf"
# Anyone may open it (empty user password); printing, changes and copying
# are restricted, as e-signature platforms do.
qpdf --encrypt "" "proprietaire-fictif" 256 --print=low --modify=none --extract=n -- \
	"$out/libreoffice.pdf" "$out/qpdf-aes256-owner.pdf"
(cd "$root" && go run ./testdata/producers/lzw "$out/libreoffice.pdf" "$out/pdfcpu-lzw.pdf")
cp "$work/fpdf.pdf" "$out/fpdf.pdf"

# One standalone bulletin, in testdata/producers/bulletins/ with its own truth.
mkdir -p "$out/bulletins"
lo "$work/bulletin.html" "$out/bulletins/libreoffice.pdf"
chrome "$work/bulletin-serif.html" "$out/bulletins/chromium-dejavu-serif.pdf"
docx "$work/bulletin-norules.html" "$out/bulletins/libreoffice-docx-norules.pdf"
gs -q -sDEVICE=pdfwrite -dNOPAUSE -dBATCH -o "$out/bulletins/ghostscript.pdf" "$out/bulletins/libreoffice.pdf"

keep() { # keep SRC-DIR DEST-DIR TRUTH: copy each PDF (under 200 KB) with its truth
	mkdir -p "$2"
	for f in "$1"/*.pdf; do
		size=$(wc -c <"$f")
		if [ "$size" -ge 204800 ]; then
			echo "make-fixtures: $(basename "$f") is $size bytes (limit 200 KB)" >&2
			exit 1
		fi
		cp "$f" "$2/"
		cp "$3" "$2/$(basename "$f").truth.json"
	done
}
keep "$out" "$here" "$work/record.json"
keep "$out/bulletins" "$here/bulletins" "$work/bulletin.json"
ls -l "$here"/*.pdf "$here"/bulletins/*.pdf
