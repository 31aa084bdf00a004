#!/usr/bin/env bash
# The browser tests use Debian's chromium (never a downloaded browser): install it if it is missing.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "[ensure-chromium] installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version >&2
