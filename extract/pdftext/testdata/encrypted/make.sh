#!/bin/sh
# Regenerates the encrypted fixtures from a corpus bulletin with qpdf:
# owner-password-only files (empty user password: readable) with RC4 40 and
# 128 bits, AES-128 and AES-256, and files with a user password.
set -eu
cd "$(dirname "$0")"
src=../../../../testdata/corpus/cases/01-cotedor-ccas-beaune/bulletin-2-1-service-social-general-2020.pdf
qpdf --allow-weak-crypto --encrypt "" owner 40 -- "$src" rc4-40-open.pdf
qpdf --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- "$src" rc4-128-open.pdf
qpdf --encrypt "" owner 128 --use-aes=y -- "$src" aes-128-open.pdf
qpdf --encrypt "" owner 256 -- "$src" aes-256-open.pdf
qpdf --allow-weak-crypto --encrypt user owner 128 --use-aes=n -- "$src" rc4-128-user.pdf
qpdf --encrypt user owner 256 -- "$src" aes-256-user.pdf
