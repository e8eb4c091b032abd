#!/bin/sh
# Install headless LibreOffice Calc for bench/scale_bench.py (Debian 12, as root).
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends libreoffice-calc-nogui
command -v soffice || command -v libreoffice
