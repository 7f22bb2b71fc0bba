import { osloToday } from '../../src/services/dates';
import { Role } from '../../src/auth/roles';
import { startTestApp, TestApp } from '../helpers/test-app';
import { figures, record, upload } from './kostra-helpers';

/**
 * `kostra-sosialhjelp`: KOSTRA skjema 11F (økonomisk sosialhjelp), one position-based line per
 * recipient, into the NAV service's activity statistics. The records here are synthetic, laid out
 * by SSB's file description for 2024 (kravspesifikasjon/file_description_11F_2024.md).
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const months = (values: Record<number, number>) => Array.from({ length: 12 }, (_, i) => values[i + 1] ?? 0);
const observations = async () => Number((await app.owner.query(`SELECT count(*) AS n FROM statistics_observation`)).rows[0].n);
const file = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
const SEND = { type: 'text/x-kostra-11f', fileName: 'NAV-11F-2024.dat' };

it('counts recipients per month and year, once each, and the amount paid in øre (the file has whole kroner)', async () => {
  const lines = [
    record({ journal: 'A1', duf: '100000000011', bidrag: months({ 1: 5000, 2: 4500 }) }),
    record({ journal: 'A2', duf: '100000000022', bidrag: months({ 2: 1200 }) }),
    record({ journal: 'A3', bidrag: months({ 2: 800, 12: 950 }) }),
    record({ kommune: '3429', journal: 'B1', duf: '100000000033', bidrag: months({ 6: 7000 }) }),
  ];
  const res = await upload(app, 'kostra-sosialhjelp', file(lines), SEND);
  expect([res.status, res.body.applied, res.body.problems, res.body.warnings]).toEqual([200, true, [], []]);
  expect(await figures(app, 'nav', '3427', 2024)).toMatchObject({
    social_assistance_recipients: 3,
    'social_assistance_recipients 2024-01': 1,
    'social_assistance_recipients 2024-02': 3,
    'social_assistance_recipients 2024-03': 0,
    'social_assistance_recipients 2024-12': 1,
    social_assistance_paid: (5000 + 4500 + 1200 + 800 + 950) * 100,
    'social_assistance_paid 2024-02': (4500 + 1200 + 800) * 100,
  });
  expect(await figures(app, 'nav', '3429', 2024)).toMatchObject({ social_assistance_recipients: 1, 'social_assistance_paid 2024-06': 700_000 });

  // Published with suppression: Folldal's single recipient is not shown to the public.
  const nav = (await app.owner.query(`SELECT s.id FROM shared_service s JOIN region r ON r.id = s.region_id WHERE r.code = 'nord-osterdal' AND s.code = 'nav'`)).rows[0].id;
  const published = (
    await app.owner.query(
      `SELECT m.number, c.status, c.value FROM statistics_published_cell c JOIN municipality m ON m.id = c.municipality_id JOIN statistics_metric s ON s.id = c.metric_id
      WHERE c.service_id = $1 AND s.code = 'social_assistance_recipients' AND c.year = 2024 AND c.month IS NULL AND c.replaced_at IS NULL AND m.number = '3429'`,
      [nav],
    )
  ).rows;
  expect(published).toEqual([{ number: '3429', status: 'SUPPRESSED', value: null }]);

  // The same file again changes nothing.
  const before = await observations();
  const again = await upload(app, 'kostra-sosialhjelp', file(lines), SEND);
  expect([again.status, again.body.applied, again.body.inserted + again.body.updated + again.body.deleted]).toEqual([200, false, 0]);
  expect(await observations()).toBe(before);
});

it('warns (SSB’s Kontroll 36/37) where the year’s total differs from the months, and then publishes the year only', async () => {
  const res = await upload(app, 'kostra-sosialhjelp', file([record({ kommune: '3426', journal: 'C1', duf: '100000000044', bidrag: months({ 3: 1000 }), yearBidrag: 1500 })]), SEND);
  expect([res.status, res.body.applied]).toEqual([200, true]);
  expect(res.body.warnings).toEqual([expect.objectContaining({ line: 1, field: 'NAV-11F-2024.dat positions 74–87', message: expect.stringContaining("SSB's Kontroll 36/37") })]);
  const got = await figures(app, 'nav', '3426', 2024);
  expect(got.social_assistance_paid).toBe(150_000);
  expect(got['social_assistance_paid 2024-03']).toBeUndefined();
});

it('refuses amounts whose total over the municipalities the statistics cannot store (PostgreSQL int, øre), with a clear problem', async () => {
  const before = await observations();
  const big = (kommune: string, journal: string, duf: string, kr: number) => record({ kommune, year: 2023, journal, duf, bidrag: months({ 1: kr }) });
  const lines = [big('3427', 'F1', '100000000101', 9_000_000), big('3427', 'F2', '100000000102', 9_000_000), big('3429', 'F3', '100000000103', 5_000_000)];
  const res = await upload(app, 'kostra-sosialhjelp', file(lines), { ...SEND, fileName: 'NAV-11F-2023.dat' });
  expect(res.status).toBe(422);
  expect(res.body.problems.map((p: { message: string }) => p.message)).toEqual([
    expect.stringMatching(/: social_assistance_paid 2023: the municipalities add up to 2300000000, more than the largest figure the statistics store \(2147483647\)\.$/),
    expect.stringMatching(/: social_assistance_paid 2023-01: the municipalities add up to 2300000000, more than/),
  ]);
  expect(await observations()).toBe(before);
});

describe('bad lines: the line and the positions, nothing written', () => {
  const good = record({ journal: 'D1', duf: '100000000055', bidrag: months({ 4: 100 }) });
  it.each([
    ['one character short', good.slice(0, -1), { line: 2, field: 'NAV-11F-2024.dat positions 1–323', message: "A 2024 11F record has 324 characters (SSB's file description); this line has 323." }],
    ['one character too many', `${good} `, { line: 2, field: 'NAV-11F-2024.dat positions 1–325', message: "A 2024 11F record has 324 characters (SSB's file description); this line has 325." }],
    [
      'letters in an amount',
      `${good.slice(0, 87)}00x0100${good.slice(94)}`,
      { line: 2, field: 'NAV-11F-2024.dat positions 88–94', message: expect.stringMatching(/^BIDRAG month 1 must be whole kroner \(digits only\)/) },
    ],
    [
      'a month code in the wrong place',
      `${good.slice(0, 49)}05${good.slice(51)}`,
      { line: 2, field: 'NAV-11F-2024.dat positions 50–51', message: expect.stringContaining('STMND_1 must be "01" or blank') },
    ],
    [
      'a year that has not ended',
      `${good.slice(0, 4)}${String(Number(osloToday(new Date()).slice(0, 4))).slice(2)}${good.slice(6)}`,
      { line: 2, field: 'NAV-11F-2024.dat positions 5–6', message: `The reporting year ${Number(osloToday(new Date()).slice(0, 4))} has not ended yet; an 11F file reports a finished year.` },
    ],
    [
      'a year without a layout',
      `${good.slice(0, 4)}19${good.slice(6)}`,
      { line: 2, field: 'NAV-11F-2024.dat positions 5–6', message: expect.stringContaining('The reporting year 2019 has no 11F layout here') },
    ],
  ])('%s', async (_what, bad, problem) => {
    const before = await observations();
    const res = await upload(app, 'kostra-sosialhjelp', file([good, bad]), SEND);
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.objectContaining(problem)]);
    expect(await observations()).toBe(before);
  });

  it('refuses a municipality that is not an owner of the NAV service', async () => {
    const res = await upload(app, 'kostra-sosialhjelp', file([record({ kommune: '3449', journal: 'E1', duf: '100000000066', bidrag: months({ 1: 10 }) })]), SEND);
    expect(res.status).toBe(422);
    expect(res.body.problems[0].message).toMatch(/^NAV-11F-2024\.dat \(the 3449 2024 records, from line 1\): 3449 is not a municipality of this service/);
  });

  it('is for the leader of a NAV service: barnevern’s leader has no such metrics', async () => {
    const res = await upload(app, 'kostra-sosialhjelp', file([good]), { ...SEND, token: await app.token(Role.SERVICE_LEADER, { service: 'barnevern' }) });
    expect(res.status).toBe(422);
    expect(res.body.problems[0].message).toContain('Unknown metric "social_assistance_recipients" for BARNEVERN');
  });
});
