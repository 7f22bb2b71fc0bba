import type { Browser } from 'playwright-core';
import { Role } from '../../src/auth/roles';
import { leaderToken, prepared, PUBLISH, WRITE } from '../dashboards/state-report-fixtures';
import { accessibilityViolations, launchChromium, openPage } from '../helpers/browser';
import { ok, startTestApp, TestApp } from '../helpers/test-app';

/**
 * The state-of-service report as a printable page (/portal/tilstandsrapport.html) and as PDF
 * (GET /portal/tilstandsrapport.pdf) through the same headless Chromium: what the council gets.
 */
jest.setTimeout(120_000);

let app: TestApp;
let browser: Browser;
let base: string;
let report: any;
beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  base = app.url.replace(/\/graphql$/, '');
  const leader = await leaderToken(app);
  report = await prepared(app, '3429', 2022, leader);
  ok(await app.gql(WRITE, { input: { reportId: report.id, key: 'SUMMARY', text: 'Tjenesten har hatt et stabilt år med flere meldinger enn året før.' } }, leader));
  ok(await app.gql(PUBLISH, { input: { reportId: report.id } }, leader));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it('shows the published report to the municipality’s director: sections, figures with `:` where suppressed, 0 axe violations', async () => {
  const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const { page, errors } = await openPage(browser);
  await page.goto(`${base}/portal/`);
  await page.evaluate((t) => (globalThis as any).sessionStorage.setItem('samvirke.token', t), token);
  await page.goto(`${base}/portal/tilstandsrapport.html?id=${encodeURIComponent(report.id)}`);
  await page.locator('#report[data-ready="true"]').waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe(`Tilstandsrapport 2022: ${report.service.name}`);
  await expect(page.getByText('Tjenesten har hatt et stabilt år med flere meldinger enn året før.').count()).resolves.toBe(1);
  // Every statistics count row shows the snapshot's cells; suppressed ones as `:`.
  const rows = report.figures.statistics.rows;
  const firstMetric = rows[0];
  const periods = [...new Set(rows.map((r: any) => r.period))].sort() as string[];
  const cells = await page
    .getByRole('row', { name: new RegExp(`^${firstMetric.metricName}, Folldal`) })
    .first()
    .locator('td')
    .allTextContents();
  const expected = periods.map((p) => {
    const r = rows.find((x: any) => x.metricCode === firstMetric.metricCode && x.period === p);
    return !r ? '..' : r.suppressed ? ':' : r.value === null ? '..' : new Intl.NumberFormat('nb-NO').format(r.value);
  });
  expect(cells).toEqual(expected);
  // The owner's fora compliance in the term, per kind, as the report's figures hold it.
  const compliance = report.figures.foraCompliance;
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Kommunens fora etter oppfylling av kravene' }) });
  if (compliance.kinds.length) {
    for (const k of compliance.kinds) {
      const shown = await table.getByRole('row', { name: k.kindName }).locator('td').allTextContents();
      expect(shown).toEqual([k.forums, k.met, k.belowMinimum, k.atRisk, k.aboveMaximum, k.unitsWithoutRequiredForum].map((n) => new Intl.NumberFormat('nb-NO').format(n)));
    }
  } else await expect(page.getByText(/^Ingen fora i kommunen/).count()).resolves.toBe(1);
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  expect(errors).toEqual([]);
});

it('renders the same page to PDF for the caller, and refuses without a token or access', async () => {
  const director = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const url = `${base}/portal/tilstandsrapport.pdf?id=${encodeURIComponent(report.id)}`;
  const pdf = await fetch(url, { headers: { authorization: `Bearer ${director}` } });
  expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  const bytes = Buffer.from(await pdf.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(10_000);

  expect((await fetch(url)).status).toBe(401);
  // Another municipality's director may not read it: the page finds no report, the PDF is 404.
  const other = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3428' });
  const refused = await fetch(url, { headers: { authorization: `Bearer ${other}` } });
  expect([refused.status, ((await refused.json()) as any).errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
  const invalid = await fetch(url, { headers: { authorization: 'Bearer not-a-token' } });
  expect(invalid.status).toBe(401);
});
