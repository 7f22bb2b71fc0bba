import fs from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';

/**
 * A real headless Chromium for the portal's tests: the system's (CHROMIUM_PATH, or Debian's
 * /usr/bin/chromium that scripts/ensure-chromium.sh installs before `jest` in `npm test`).
 */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && fs.existsSync(p));
  if (!found) throw new Error('no Chromium: run `sh scripts/ensure-chromium.sh` or set CHROMIUM_PATH');
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Without the background-networking flags Chromium keeps calling Google's hosts, which a closed
    // network refuses; no sandbox because CI runs as root.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records what the browser reports as an error: console errors and uncaught exceptions. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ locale: 'nb-NO' });
  const errors: string[] = [];
  page.on('console', (message) => {
    // With the page's address: a test that visits another origin (an identity provider) can tell whose error it is.
    if (message.type() === 'error') errors.push(`${message.location().url} ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** WCAG 2.1 A and AA rules of axe-core, run in the page; returns the violations' rule ids and targets. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not as a <script> tag the page's CSP would refuse.
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  // The callback runs in the browser (no DOM types here: tsconfig's lib is ES2022 only).
  return page.evaluate(async () => {
    const axe = (globalThis as any).axe as { run(context: unknown, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
    const result = await axe.run((globalThis as any).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
