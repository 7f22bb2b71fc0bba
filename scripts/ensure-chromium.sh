#!/bin/sh
# The browser tests (test/portal) drive a real Chromium through playwright-core. `npm test` runs this
# first: it uses the system's Chromium when there is one (CHROMIUM_PATH, or Debian's /usr/bin/chromium)
# and otherwise installs Debian's `chromium` package with apt-get (as root, or through sudo). Registry
# packages that download their own browser at install time do not work on closed networks.
set -eu
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then exit 0; fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: no Chromium found and no apt-get to install one; install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi
as_root=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
    echo "ensure-chromium: no Chromium found; install Debian's chromium package (as root) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing Debian's chromium package for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get install -y -q chromium >/dev/null || { $as_root apt-get update -q >/dev/null && $as_root apt-get install -y -q chromium >/dev/null; }
