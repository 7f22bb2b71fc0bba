import { startTestApp, TestApp } from '../helpers/test-app';
import { figures, record, upload } from './kostra-helpers';

/**
 * `kostra-sosialhjelp` (skjema 11F), issue 20's "re-import and correction": the same file again
 * changes nothing; a corrected file for the same municipality and year replaces its figures, and the
 * replaced figures are kept (history), as for 15F and the canonical statistics import.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

const months = (values: Record<number, number>) => Array.from({ length: 12 }, (_, i) => values[i + 1] ?? 0);
const file = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
const SEND = { type: 'text/x-kostra-11f', fileName: 'NAV-11F-2023.dat' };
const counts = async () => (await app.owner.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE replaced_at IS NOT NULL)::int AS replaced FROM statistics_observation`)).rows[0];

it('changes nothing when the same 11F file comes again; a corrected file replaces that municipality-year and keeps the replaced figures', async () => {
  const first = [
    record({ year: 2023, kommune: '3428', journal: 'C1', duf: '100000000077', bidrag: months({ 3: 2000 }) }),
    record({ year: 2023, kommune: '3428', journal: 'C2', duf: '100000000088', bidrag: months({ 3: 1000 }) }),
  ];
  const done = await upload(app, 'kostra-sosialhjelp', file(first), SEND);
  expect([done.status, done.body.applied, done.body.problems]).toEqual([200, true, []]);
  expect(await figures(app, 'nav', '3428', 2023)).toMatchObject({ social_assistance_recipients: 2, social_assistance_paid: 300_000 });

  const before = await counts();
  const again = await upload(app, 'kostra-sosialhjelp', file(first), SEND);
  expect([again.status, again.body.applied, again.body.inserted + again.body.updated + again.body.deleted]).toEqual([200, false, 0]);
  expect(await counts()).toEqual(before);

  // The corrected file: a third recipient in March.
  const corrected = [...first, record({ year: 2023, kommune: '3428', journal: 'C3', duf: '100000000099', bidrag: months({ 3: 500 }) })];
  const replaced = await upload(app, 'kostra-sosialhjelp', file(corrected), SEND);
  expect([replaced.status, replaced.body.applied, replaced.body.problems]).toEqual([200, true, []]);
  expect(await figures(app, 'nav', '3428', 2023)).toMatchObject({ social_assistance_recipients: 3, 'social_assistance_recipients 2023-03': 3, social_assistance_paid: 350_000 });
  const history = (
    await app.owner.query(
      `SELECT s.code, o.value FROM statistics_observation o JOIN municipality m ON m.id = o.municipality_id JOIN statistics_metric s ON s.id = o.metric_id
        WHERE m.number = '3428' AND o.year = 2023 AND o.month IS NULL AND o.replaced_at IS NOT NULL ORDER BY s.code`,
    )
  ).rows;
  expect(history).toEqual([
    { code: 'social_assistance_paid', value: 300_000 },
    { code: 'social_assistance_recipients', value: 2 },
  ]);
});
