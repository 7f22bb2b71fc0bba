import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/auth/roles';
import { accessibilityViolations, launchChromium, openPage } from '../helpers/browser';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The signed-in pages of the portal in headless Chromium: the kommunedirektør's dashboard
 * (/portal/kommune.html) and the kontrollutvalg's comparison (/portal/sammenligning.html). They show
 * what the API answers the same caller, in Norwegian, with 0 axe-core violations, and tell the user
 * when the sign-in or the access is wrong.
 */
jest.setTimeout(90_000);

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

/** A page signed in with `token` (the form's result: the tab's sessionStorage). */
async function signedIn(token: string | null, path: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser);
  await opened.page.goto(`${base}/portal/`);
  if (token) await opened.page.evaluate((t) => (globalThis as any).sessionStorage.setItem('samvirke.token', t), token);
  await opened.page.goto(`${base}${path}`);
  return opened;
}

const kroner = (ore: number) => `${new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 }).format(ore / 100)} kr`;
const rate = (r: any) => (r.suppressed ? ':' : r.per1000Aged0To17 === null ? '..' : new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r.per1000Aged0To17));

it('asks for a sign-in without a token, and signs in with the form', async () => {
  const { page, errors } = await signedIn(null, '/portal/kommune.html');
  await expect(page.locator('#status').textContent()).resolves.toBe('Denne siden krever innlogging.');
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.locator('#dashboard section').first().waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe('Folldal: de delte tjenestene');
  expect(errors).toEqual([]);
});

it('shows the kommunedirektør the dashboard the API answers, in Norwegian, with no WCAG 2.1 AA violations', async () => {
  const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const { data } = await app.gql(
    `{ municipalityDashboard(number: "3429") { services { service { name } ownLine { forecastOre deviationOre } openAlerts { count } } fora { forumsByStatus { status count } } hidden { part } } }`,
    {},
    token,
  );
  const d = data.municipalityDashboard;
  const { page, errors } = await signedIn(token, '/portal/kommune.html');
  await page.locator('#dashboard section').first().waitFor();
  for (const section of d.services) {
    const part = page.getByRole('region', { name: section.service.name, exact: true });
    await expect(part.locator('h2').textContent()).resolves.toBe(section.service.name);
    if (section.ownLine) {
      await expect(
        part
          .getByRole('row', { name: /^Prognose for året/ })
          .locator('td')
          .first()
          .textContent(),
      ).resolves.toBe(kroner(section.ownLine.forecastOre));
      await expect(
        part
          .getByRole('row', { name: /^Avvik/ })
          .locator('td')
          .first()
          .textContent(),
      ).resolves.toBe(kroner(section.ownLine.deviationOre));
    }
  }
  const byStatus = await page.getByRole('region', { name: 'Samarbeidsfora' }).locator('tbody tr').allTextContents();
  expect(byStatus.length).toBe(d.fora.forumsByStatus.length);
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  expect(errors).toEqual([]);
});

it('tells the user about an invalid token and about a municipality they may not see', async () => {
  const invalid = await signedIn('not-a-token', '/portal/kommune.html');
  await invalid.page.locator('#error:not([hidden])').waitFor();
  await expect(invalid.page.locator('#error').textContent()).resolves.toContain('Innloggingen er ikke gyldig');
  const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const other = await signedIn(token, '/portal/kommune.html?number=3424');
  await other.page.locator('#error:not([hidden])').waitFor();
  await expect(other.page.locator('#error').textContent()).resolves.toContain('Du har ikke tilgang');
});

it('shows the kontrollutvalg the municipalities side by side as the API answers, `:` where suppressed', async () => {
  const token = await app.token(Role.AUDITOR, { municipality: '3429' });
  const { page, errors } = await signedIn(token, '/portal/sammenligning.html');
  await page.locator('#comparison-table tbody tr').first().waitFor();
  const serviceId = await page.locator('#service').inputValue();
  const metric = await page.locator('#metric').inputValue();
  const lastYear = new Date().getFullYear() - 1;
  const { data } = await app.gql(
    `query($s: ID!, $from: String!, $to: String!) { municipalityComparison(serviceId: $s, from: $from, to: $to) { rows { municipality { number } metric { code } period per1000Aged0To17 suppressed standsOut } } }`,
    { s: serviceId, from: String(lastYear - 9), to: String(lastYear) },
    token,
  );
  const rows = data.municipalityComparison.rows.filter((r: any) => r.metric.code === metric);
  const headers = (await page.locator('#comparison-table thead th').allTextContents()).slice(1);
  expect(headers.length).toBeGreaterThan(0);
  const numbers = [...new Set(rows.map((r: any) => r.municipality.number))] as string[];
  let suppressed = 0;
  for (const [i, number] of numbers.entries()) {
    const cells = await page.locator('#comparison-table tbody tr').nth(i).locator('td').allTextContents();
    const expected = headers.map((year) => {
      const r = rows.find((x: any) => x.municipality.number === number && x.period === year);
      return r ? `${rate(r)}${r.standsOut ? ' ▲ (skiller seg ut)' : ''}` : '..';
    });
    expect(cells).toEqual(expected);
    suppressed += cells.filter((c) => c === ':').length;
  }
  expect(suppressed).toBe(rows.filter((r: any) => r.suppressed && headers.includes(r.period)).length);
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  expect(errors).toEqual([]);
});

it("shows SSB's county and country rates beside the municipality and the cooperation, as the API answers them", async () => {
  // Reports received in 2021 for Innlandet (34) and the whole country, with their population aged 0–17 (SSB's codes, CSV).
  const leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
  const imported = await fetch(`${base}/imports/statistics-reference-areas`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${leader}` },
    body: 'region,period,metric,value\nEKA34,2021,Meldinger,1210\n34,2021,population_0_17,74800\nEAK,2021,Meldinger,45500\n0,2021,population_0_17,1101000\n',
  });
  expect(imported.status).toBe(200);
  const token = await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' });
  const { data } = await app.gql(
    `{ municipalityDashboard(number: "3429") { services { service { name } statistics { metrics { code name } } references { metric { code } period countyCode countyPer1000 countryPer1000 } } } }`,
    {},
    token,
  );
  const section = data.municipalityDashboard.services.find((s: any) => s.references.some((r: any) => r.countryPer1000 !== null));
  const reference = section.references.find((r: any) => r.metric.code === 'reports_received' && r.period === '2021');
  expect([reference.countyCode, reference.countyPer1000, reference.countryPer1000].every((v) => v !== null)).toBe(true);
  const name = section.statistics.metrics.find((m: any) => m.code === 'reports_received').name;
  const { page, errors } = await signedIn(token, '/portal/kommune.html');
  const part = page.getByRole('region', { name: section.service.name, exact: true });
  await part.locator('table').first().waitFor();
  const table = part.locator('table', { has: page.getByRole('row', { name: new RegExp(`^${name}, hele landet`) }) });
  const years = (await table.locator('thead th').allTextContents()).slice(1);
  const column = years.indexOf('2021');
  expect(column).toBeGreaterThanOrEqual(0);
  const cell = (label: string) =>
    table
      .getByRole('row', { name: new RegExp(`^${name}, ${label}`) })
      .locator('td')
      .nth(column)
      .textContent();
  await expect(cell(`fylket \\(${reference.countyCode}\\)`)).resolves.toBe(rate({ suppressed: false, per1000Aged0To17: reference.countyPer1000 }));
  await expect(cell('hele landet')).resolves.toBe(rate({ suppressed: false, per1000Aged0To17: reference.countryPer1000 }));
  await expect(accessibilityViolations(page)).resolves.toEqual([]);
  expect(errors).toEqual([]);
});
