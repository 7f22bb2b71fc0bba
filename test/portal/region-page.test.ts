import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchChromium, openPage } from '../helpers/browser';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The public region page (/portal/region.html) in a real headless Chromium: it reads only the public
 * GraphQL API, shows the adopted plan and the published statistics with SSB's `:` for a suppressed
 * cell, passes axe-core's WCAG 2.1 AA rules, and tells the user when something is wrong.
 */
jest.setTimeout(60_000);

let app: TestApp;
let browser: Browser;
let base: string;
beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  base = app.url.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const lastYear = new Date().getFullYear() - 1;

/** The published table as the public API gives it: what the page must show. */
async function publishedTable(serviceId: string) {
  const res = await app.gql(
    `query($s: ID!, $from: String!, $to: String!) { activityStatistics(serviceId: $s, from: $from, to: $to, groupBy: [MUNICIPALITY, YEAR]) {
      metrics { code name } rows { metric { code } period value suppressed reason municipality { number name } } totals { metric { code } period value suppressed } } }`,
    { s: serviceId, from: String(lastYear - 9), to: String(lastYear) },
  );
  return res.data.activityStatistics;
}

it('shows the region, its adopted plan and the published statistics cell by cell, with `:` where suppressed', async () => {
  const { data } = await app.gql(
    `{ region(code: "nord-osterdal") { name sharedServices { id kind } } strategicPlans(regionCode: "nord-osterdal", status: ADOPTED) { nodes { title adoptedVersion { measures { title } } } } }`,
  );
  const { page, errors } = await openPage(browser);
  await page.goto(`${base}/portal/region.html?region=nord-osterdal`);
  await page.locator('#stats-table tbody tr').first().waitFor();

  await expect(page.locator('h1').textContent()).resolves.toBe(data.region.name);
  const plan = data.strategicPlans.nodes[0];
  await expect(page.locator('#plan-title').textContent()).resolves.toContain(plan.title);
  await expect(page.locator('#plan-measures li').allTextContents()).resolves.toEqual(plan.adoptedVersion.measures.map((m: any) => m.title));

  // The first service (barnevern) and its first metric with data are shown: compare every cell.
  const table = await publishedTable(data.region.sharedServices[0].id);
  const metric = await page.locator('#metric').inputValue();
  const rows = table.rows.filter((r: any) => r.metric.code === metric);
  const headers = (await page.locator('#stats-table thead th').allTextContents()).slice(1);
  expect(headers.length).toBeGreaterThan(0);
  const symbol = (c: any) => (c.value !== null ? new Intl.NumberFormat('nb-NO').format(c.value) : c.suppressed ? ':' : '..');
  const bodyRows = page.locator('#stats-table tbody tr');
  const municipalities = [...new Map(rows.map((r: any) => [r.municipality.number, r.municipality])).values()] as any[];
  await expect(bodyRows.count()).resolves.toBe(municipalities.length + 1);
  let suppressedShown = 0;
  for (const [i, m] of municipalities.entries()) {
    const cells = await bodyRows.nth(i).locator('td').allTextContents();
    const expected = headers.map((year) => symbol(rows.find((r: any) => r.municipality.number === m.number && r.period === year)));
    expect([m.name, cells]).toEqual([m.name, expected]);
    suppressedShown += cells.filter((c) => c === ':').length;
  }
  const totals = await bodyRows.last().locator('td').allTextContents();
  expect(totals).toEqual(headers.map((year) => symbol(table.totals.find((t: any) => t.metric.code === metric && t.period === year))));
  // The demo data has suppressed cells for the public, and the page shows them as SSB does.
  expect(suppressedShown).toBeGreaterThan(0);

  // The chart is an image described in words, beside the table that holds the same figures.
  const chart = page.locator('#chart svg[role="img"]');
  await expect(chart.locator('rect').count()).resolves.toBe(headers.length);
  await expect(chart.locator('desc').textContent()).resolves.toContain(headers[0]);
  expect(errors).toEqual([]);
});

it('has no WCAG 2.1 AA violations (axe-core) and its table is reached and scrolled with the keyboard', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${base}/portal/region.html?region=nord-osterdal`);
  await page.locator('#stats-table tbody tr').first().waitFor();
  await expect(accessibilityViolations(page)).resolves.toEqual([]);

  // Tab from the top: skip link, the portal link, the two selects, then the table's scroll region.
  const focused: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    focused.push(
      await page.evaluate(() => {
        const active = (globalThis as any).document.activeElement;
        return active.id || active.className || active.tagName;
      }),
    );
  }
  expect(focused).toContain('service');
  expect(focused).toContain('metric');
  expect(focused).toContain('portal-table-scroll');
  expect(errors).toEqual([]);
});

it('switching the metric redraws table and chart from the same published figures', async () => {
  const { page } = await openPage(browser);
  await page.goto(`${base}/portal/region.html?region=nord-osterdal`);
  await page.locator('#stats-table tbody tr').first().waitFor();
  const options = await page.locator('#metric option').evaluateAll((o) => o.map((x: any) => x.value as string));
  expect(options.length).toBeGreaterThan(1);
  const before = await page.locator('#table-caption').textContent();
  await page.selectOption('#metric', options[1]);
  await expect(page.locator('#table-caption').textContent()).resolves.not.toBe(before);
});

it('tells the user about an invalid sign-in token and an unknown region, in Norwegian', async () => {
  const { page } = await openPage(browser);
  await page.goto(`${base}/portal/`);
  await page.evaluate(() => (globalThis as any).sessionStorage.setItem('samvirke.token', 'not-a-token'));
  await page.goto(`${base}/portal/region.html?region=nord-osterdal`);
  await page.locator('#error:not([hidden])').waitFor();
  await expect(page.locator('#error[role="alert"]').textContent()).resolves.toContain('Innloggingen er ikke gyldig');

  await page.evaluate(() => (globalThis as any).sessionStorage.clear());
  await page.goto(`${base}/portal/region.html?region=finnes-ikke`);
  await page.locator('#error:not([hidden])').waitFor();
  await expect(page.locator('#error').textContent()).resolves.toContain('Fant ingen region med koden «finnes-ikke»');
});

it('serves Designsystemet from its own origin under a strict content security policy', async () => {
  const page = await fetch(`${base}/portal/region.html`);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  const html = await page.text();
  expect(html).not.toMatch(/https?:\/\//);
  for (const sheet of ['/portal/ds/index.css', '/portal/ds/theme.css']) {
    const css = await fetch(`${base}${sheet}`);
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  }
});
