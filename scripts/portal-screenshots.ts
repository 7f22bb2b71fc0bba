import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumExecutable, launchChromium } from '../src/http/chromium';

/**
 * `npm run screenshots -- [--url http://localhost:4000] [--token TOKEN]`
 * Regenerates the portal's screenshots in docs/screenshots/ from a running API (`npm start`), with the
 * same headless Chromium the browser tests use (scripts/ensure-chromium.sh). A page that needs a
 * sign-in gets `--token` (from `npm run -s token -- --person kd-3429`).
 * Exit code: 0 written, 1 a page did not load, 2 usage.
 */
const USAGE = 'usage: npm run screenshots -- [--url http://localhost:4000] [--token TOKEN]';

const PAGES = [
  { file: 'portal-index.png', path: '/portal/', ready: 'h1' },
  { file: 'portal-region.png', path: '/portal/region.html?region=nord-osterdal', ready: '#stats-table tbody tr' },
  // Signed in (--token, e.g. Folldal's kommunedirektør): skipped without one.
  { file: 'portal-kommune.png', path: '/portal/kommune.html', ready: '#dashboard section', signedIn: true },
  { file: 'portal-sammenligning.png', path: '/portal/sammenligning.html', ready: '#comparison-table tbody tr', signedIn: true },
];

async function main(): Promise<number> {
  let options: { url?: string; token?: string; help?: boolean };
  try {
    options = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean' } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.help) return (void console.log(USAGE), 0);
  const base = (options.url ?? 'http://localhost:4000').replace(/\/$/, '');
  const executablePath = chromiumExecutable();
  if (!executablePath) {
    console.error('no Chromium: run `sh scripts/ensure-chromium.sh` or set CHROMIUM_PATH');
    return 1;
  }
  const browser = await launchChromium(executablePath);
  try {
    const page = await browser.newPage({ locale: 'nb-NO', viewport: { width: 1100, height: 900 } });
    if (options.token) {
      await page.goto(`${base}/portal/`);
      await page.evaluate((token) => (globalThis as any).sessionStorage.setItem('samvirke.token', token), options.token);
    }
    const dir = path.join(__dirname, '..', '..', 'docs', 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    for (const shot of PAGES) {
      if ('signedIn' in shot && !options.token) {
        console.log(`skipped without --token: docs/screenshots/${shot.file}`);
        continue;
      }
      await page.goto(`${base}${shot.path}`);
      await page.locator(shot.ready).first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: path.join(dir, shot.file), fullPage: true });
      console.log(`docs/screenshots/${shot.file}`);
    }
    return 0;
  } catch (error) {
    console.error(`a page did not load: ${(error as Error).message.split('\n')[0]}`);
    return 1;
  } finally {
    await browser.close();
  }
}

void main().then((code) => (process.exitCode = code));
