import fs from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { chromiumExecutable, launchChromium as launch } from '../../src/http/chromium';

/**
 * A real headless Chromium for the portal's tests: the one the server renders PDFs with
 * (src/http/chromium.ts; scripts/ensure-chromium.sh installs Debian's before `jest` in `npm test`).
 */
export function launchChromium(): Promise<Browser> {
  const executable = chromiumExecutable();
  if (!executable) throw new Error('no Chromium: run `sh scripts/ensure-chromium.sh` or set CHROMIUM_PATH');
  return launch(executable);
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
