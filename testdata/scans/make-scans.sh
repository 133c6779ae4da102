#!/usr/bin/env bash
# Makes scans of corpus dossiers and bulletins as copiers and phones make
# them (issue 14), from the born-digital PDFs of testdata/corpus:
#   <name>.200-jpeg.pdf   200 dpi grey JPEG, skewed 0.8°, noise and blur
#   <name>.300-g4.pdf     300 dpi bilevel CCITT G4 (the usual copier PDF)
#   <name>.300-jbig2.pdf  300 dpi bilevel JBIG2, arithmetic coded (jbig2-encode.py: Debian has no encoder)
#   <name>.upside.pdf     200 dpi grey, its second page upside down
#   <name>.mixed.pdf      born-digital, its last 3 pages replaced by 200 dpi scans
#   <name>.tif            multi-page 200 dpi G4 TIFF
#   <name>.colour.pdf     200 dpi colour (yellowish paper, blue ink), Flate-coded PNG pages
#   <name>.150-poor.pdf   150 dpi grey JPEG, strong noise, blur and skew
# Usage: make-scans.sh OUT_DIR PDF...   (Debian: poppler-utils imagemagick img2pdf qpdf libtiff-tools)
# The committed fixtures are the few small ones testdata/scans/README.md lists.
set -euo pipefail
out=$1; shift
mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
seed=7
for pdf in "$@"; do
  name=$(basename "$pdf" .pdf)
  rm -f "$tmp"/*
  pdftoppm -r 200 -gray -png "$pdf" "$tmp/g200"
  pdftoppm -r 300 -gray -png "$pdf" "$tmp/g300"
  pdftoppm -r 150 -gray -png "$pdf" "$tmp/g150"
  pages=$(ls "$tmp"/g200-*.png | wc -l)
  i=0
  for p in "$tmp"/g200-*.png; do
    i=$((i+1)); seed=$((seed+1))
    convert "$p" -seed $seed -background white -rotate 0.8 +repage -attenuate 0.25 +noise Gaussian -blur 0x0.5 \
      -gravity center -extent 1654x2339 -quality 60 "$tmp/j200-$(printf %03d $i).jpg"
    if [ $i -eq 2 ]; then rot=180; else rot=0; fi
    convert "$tmp/j200-$(printf %03d $i).jpg" -rotate $rot -quality 60 "$tmp/u200-$(printf %03d $i).jpg"
  done
  i=0
  for p in "$tmp"/g300-*.png; do
    i=$((i+1))
    convert "$p" -background white -rotate -0.4 +repage -threshold 60% -type bilevel -compress Group4 "$tmp/b300-$(printf %03d $i).tif"
  done
  i=0
  for p in "$tmp"/g150-*.png; do
    i=$((i+1)); seed=$((seed+1))
    convert "$p" -seed $seed -background white -rotate -1.5 +repage -attenuate 0.5 +noise Gaussian -blur 0x0.8 \
      -quality 45 "$tmp/p150-$(printf %03d $i).jpg"
  done
  i=0
  for p in "$tmp"/g300-*.png; do
    # Thresholded as a copier's text mode does (pdftoppm -mono would dither
    # grey fills into dots no copier makes of a table's shaded header).
    i=$((i+1))
    convert "$p" -background white -rotate -0.4 +repage -threshold 60% "$tmp/m300-$(printf %03d $i).pbm"
  done
  python3 "$(dirname "$0")/jbig2-encode.py" "$out/$name.300-jbig2.pdf" 300 "$tmp"/m300-*.pbm
  i=0
  for p in "$tmp"/g200-*.png; do
    i=$((i+1))
    convert "$p" +level-colors 'rgb(20,40,120)','rgb(250,244,220)' -rotate 0.3 +repage "$tmp/c200-$(printf %03d $i).png"
  done
  img2pdf --pagesize A4 -o "$out/$name.colour.pdf" "$tmp"/c200-*.png
  img2pdf --pagesize A4 -o "$out/$name.200-jpeg.pdf" "$tmp"/j200-*.jpg
  img2pdf --pagesize A4 -o "$out/$name.upside.pdf" "$tmp"/u200-*.jpg
  img2pdf --pagesize A4 -o "$out/$name.300-g4.pdf" "$tmp"/b300-*.tif
  img2pdf --pagesize A4 -o "$out/$name.150-poor.pdf" "$tmp"/p150-*.jpg
  # tiffcp joins the G4 frames as they are; ImageMagick decoded all of them
  # at once and ran out of its pixel cache on a 20-page dossier.
  tiffcp -c g4 "$tmp"/b300-*.tif "$out/$name.tif"
  if [ "$pages" -gt 3 ]; then
    keep=$((pages-3))
    qpdf --empty --pages "$pdf" 1-$keep "$out/$name.200-jpeg.pdf" $((keep+1))-$pages -- "$out/$name.mixed.pdf"
  fi
done
