import { runCheckPersonalData } from '../../scripts/check-personal-data';
import { TEST_ENV } from './../helpers/env';
import { startTestApp, TestApp } from '../helpers/test-app';
import { actors, createKind, heldInput, mutate, unitForum, uuid } from '../fora/fixtures';
import { withCheckDigits } from '../helpers/national-id';

/**
 * `npm run check:personal-data` (scripts/check-personal-data.ts) against a real database: text
 * stored before the rules (planted here as the owner, past the API) is listed by table, column and
 * row id — never the text or the number; a number that fails the check is not listed.
 */
let app: TestApp;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  app = await startTestApp();
  env = { NODE_ENV: 'test', JWT_SECRET: TEST_ENV.jwtSecret, DATABASE_URL: app.ownerUrl };
});
afterAll(() => app.close());

const FNR = withCheckDigits('150765005');
const DNR = withCheckDigits('550765005');

it('finds nothing in the seeded demo data', async () => {
  const run = await runCheckPersonalData([], env);
  const [, rows, tables] = run.stdout.match(/^scanned (\d+) rows of (\d+) tables \(\d+ text columns\) via DATABASE_URL: nothing suspicious$/) ?? [];
  expect(run.code).toBe(0);
  // Every region's rows (the owner reads past RLS) of every table with text, not a filtered few.
  const {
    rows: [expected],
  } = await app.owner.query(`SELECT count(*)::int AS n FROM unit`);
  expect(Number(rows)).toBeGreaterThan(expected.n);
  expect(Number(tables)).toBeGreaterThan(20);
});

it('lists planted numbers and a named case item by table, column and row id, without the text', async () => {
  const { rows: units } = await app.owner.query(`SELECT id FROM unit ORDER BY id LIMIT 3`);
  const [planted, spaced, broken] = units.map((u) => u.id as string);
  await app.owner.query(`UPDATE unit SET name = name || $2 WHERE id = $1`, [planted, ` ${FNR.slice(0, 6)}\u00A0${FNR.slice(6)}`]);
  await app.owner.query(`UPDATE unit SET name = name || $2 WHERE id = $1`, [spaced, ` ${DNR.slice(0, 2)}.${DNR.slice(2, 4)}.${DNR.slice(4, 6)} ${DNR.slice(6)}`]);
  await app.owner.query(`UPDATE unit SET name = name || $2 WHERE id = $1`, [broken, ` ${FNR.slice(0, 10)}${(Number(FNR[10]) + 1) % 10}`]);
  // A case item stored without consent that names a child (confirmed by a careless caller).
  const a = await actors(app);
  const forum = await unitForum(app, a, await createKind(app, a.admin));
  const { meeting } = await mutate(
    app,
    forum.runner,
    'recordForumMeeting',
    { ...heldInput(forum, '2024-09-10'), caseItems: [{ label: 'Ola Nordmann, 12 år', confirmedAnonymous: true }] },
    'meeting { id }',
  );
  const {
    rows: [item],
  } = await app.owner.query(`SELECT id FROM forum_case_item WHERE meeting_id = $1`, [uuid(meeting.id)]);
  // An audit record that kept a meeting place with a number in it (JSON: the strings inside are read).
  const {
    rows: [audit],
  } = await app.owner.query(`SELECT id FROM audit_record WHERE entity_id = $1`, [uuid(meeting.id)]);
  await app.owner.query(`UPDATE audit_record SET after = after || jsonb_build_object('place', $2::text) WHERE id = $1`, [audit.id, `Rom\n${FNR.slice(0, 6)}-${FNR.slice(6)}`]);

  // A report's content hash that happens to hold a valid number among its hex digits is the
  // system's, not text anyone wrote: not listed (it made CI red once, at random).
  const {
    rows: [report],
  } = await app.owner.query(`SELECT id FROM cost_report ORDER BY id LIMIT 1`);
  const digest = `ab${FNR}c${'0f'.repeat(25)}`;
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  // Published reports are immutable by trigger; the owner plants past it as a replica would.
  await app.owner.query(`BEGIN; SET LOCAL session_replication_role = replica`);
  await app.owner.query(`UPDATE cost_report SET content_sha256 = $2 WHERE id = $1`, [report.id, digest]);
  await app.owner.query(`COMMIT`);

  const run = await runCheckPersonalData([], env);
  expect(run.code).toBe(1);
  const lines = run.stdout.split('\n');
  expect(lines.slice(0, -1).sort()).toEqual(
    [
      `audit_record.after\tid=${audit.id}\tnational identity number`,
      `forum_case_item.label\tid=${item.id}\tgiven name with age, class or birth date`,
      `unit.name\tid=${planted}\tnational identity number`,
      `unit.name\tid=${spaced}\tnational identity number`,
    ].sort(),
  );
  expect(lines.at(-1)).toMatch(/: 4 suspicious fields$/);
  expect(run.stdout + run.stderr).not.toMatch(new RegExp(`${FNR.slice(6)}|${DNR.slice(6)}|Nordmann`));

  const one = await runCheckPersonalData(['--table', 'unit'], env);
  expect([one.code, one.stdout.split('\n').length]).toEqual([1, 3]);
});

it('refuses an unknown table or option with a usage message (exit 2), and says when the database cannot be reached', async () => {
  const table = await runCheckPersonalData(['--table', 'nope'], env);
  expect([table.code, table.stdout]).toEqual([2, '']);
  expect(table.stderr).toMatch(/^no table with text columns named nope\nusage: /);
  const option = await runCheckPersonalData(['--tabel', 'unit'], env);
  expect(option.code).toBe(2);
  expect(option.stderr).toMatch(/Unknown option '--tabel'/);
  const closed = await runCheckPersonalData([], { ...env, DATABASE_URL: 'postgres://postgres:x@127.0.0.1:1/samvirke' });
  expect(closed.code).toBe(2);
  expect(closed.stderr).toMatch(/^check:personal-data failed: /);
});
