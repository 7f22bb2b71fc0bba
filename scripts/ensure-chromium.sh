#!/bin/sh
# The browser tests (test/portal) drive a real Chromium through playwright-core. `npm test` runs this
# first: it uses the system's Chromium when there is one (CHROMIUM_PATH, or Debian's /usr/bin/chromium)
# and otherwise installs Debian's `chromium` package with apt-get (as root, or through sudo). Registry
# packages that download their own browser at install time do not work on closed networks.
set -eu
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then exit 0; fi
done
exec sh "$(dirname "$0")/apt-install.sh" ensure-chromium Chromium chromium CHROMIUM_PATH "the browser tests"
