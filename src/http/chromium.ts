import fs from 'node:fs';
import type { Browser } from 'playwright-core';

/**
 * The one headless Chromium of the project: the PDF of the state-of-service report
 * (state-report-pdf.ts), the portal's browser tests and their screenshots use the same browser,
 * found the same way — CHROMIUM_PATH, then the usual system paths (scripts/ensure-chromium.sh
 * checks the same list and installs Debian's package when none is there).
 */
const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to run, or undefined when there is none. */
export function chromiumExecutable(): string | undefined {
  return [process.env.CHROMIUM_PATH, ...SYSTEM_PATHS].find((p): p is string => !!p && fs.existsSync(p));
}

/**
 * Launches it headless. Without the background-networking flags Chromium keeps calling Google's
 * hosts, which a closed network refuses; no sandbox because CI and containers run as root.
 * playwright-core is loaded on first use, not at every start of the server (and by require: a
 * dynamic import() is not available everywhere the server runs, e.g. under jest).
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
