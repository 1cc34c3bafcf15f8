#!/usr/bin/env bash
# Installs what building and testing AllianceGraph needs on a fresh Debian machine
# (run as root), skipping what is already there. Safe to run again.
set -euo pipefail

# Debian packages the build and tests need beyond the Swift toolchain: make, Graphviz's
# libgvc (linked in-process by AllianceRender, found through pkg-config), and python3 with
# networkx for the test that reads the GraphML/GEXF exports back, pandas for the one that
# reads every command's CSV, and poppler-utils (pdftotext, a few MB) for the test that reads
# the printed report back. That test also needs headless Chromium, too large to install
# here: `make report-pdf` installs it.
packages=(make pkg-config libgraphviz-dev python3 python3-networkx python3-pandas poppler-utils)

missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: need root to install ${missing[*]} (run as root or install them yourself)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift toolchain (6.3 or later) is not on PATH; install it from swift.org" >&2
  exit 1
fi
