#!/bin/sh
# Regenerates the Chromium print-to-PDF fixtures from their HTML sources.
# words.pdf: no header/footer; table-split.pdf: Chromium's default header
# and footer (date, title, URL, « n/m ») and a table over several pages
# whose header row Chromium repeats on each page.
set -eu
cd "$(dirname "$0")"
chrome() {
	chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" "$@"
}
chrome --no-pdf-header-footer --print-to-pdf=words.pdf words.html
chrome --print-to-pdf=table-split.pdf table-split.html
