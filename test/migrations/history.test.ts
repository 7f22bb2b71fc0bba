import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataModel } from '../../src/features/data';
import { APP_ROLE } from '../../migrations/rls';

const migrations = dataModel.migrations;
import { ensureDatabase } from '../../src/db/bootstrap';
import { withDatabase } from '../../src/db/data-source';
import { TEST_ENV } from '../helpers/env';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Migrations are history: what a migration did to a database is fixed once it is written.
 *
 * - Each migration's effect on the security of the schema (policies, RLS switches, grants to the API
 *   role, the functions of the public schema) is recorded in `effects/<timestamp>-<Name>.json`,
 *   measured by applying the migrations one at a time to an empty database. Changing a helper,
 *   the `Role` enum or an old migration so that an old migration does something else fails here;
 *   the way to change a policy is a new migration (with its own new effects file).
 * - The database upgraded one migration at a time (as a production database that saw every
 *   release) ends up identical to the fresh one the test setup migrates in one go.
 *
 * A new migration has no effects file yet: `RECORD_MIGRATION_EFFECTS=1 npx jest test/migrations/history.test.ts`
 * writes the missing ones (never overwrites one) — review it and commit it with the migration.
 */
jest.setTimeout(180_000);

const EFFECTS = path.join(__dirname, 'effects');
const RECORD = process.env.RECORD_MIGRATION_EFFECTS === '1';

type Category = 'policies' | 'rowSecurity' | 'tableGrants' | 'columnGrants' | 'functions' | 'functionGrants';
type State = Record<Category, Record<string, unknown>>;
type Effect = Partial<Record<Category, { set?: Record<string, unknown>; dropped?: string[] }>>;

const CATEGORIES: Category[] = ['policies', 'rowSecurity', 'tableGrants', 'columnGrants', 'functions', 'functionGrants'];

/** The security-relevant state of the public schema, keyed so that two databases compare exactly. */
async function capture(db: Client): Promise<State> {
  const keyed = async (sql: string, params: unknown[] = []) => {
    const { rows } = await db.query(sql, params);
    return Object.fromEntries(rows.map((r) => [r.key, r.value]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  const notFromExtension = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`;
  return {
    policies: await keyed(`
      SELECT tablename || '.' || policyname AS key,
             json_build_object('cmd', cmd, 'permissive', permissive, 'roles', roles::text[], 'using', qual, 'check', with_check) AS value
        FROM pg_policies WHERE schemaname = 'public'`),
    rowSecurity: await keyed(`
      SELECT relname AS key, concat_ws(' ', CASE WHEN relrowsecurity THEN 'ENABLE' END, CASE WHEN relforcerowsecurity THEN 'FORCE' END) AS value
        FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`),
    tableGrants: await keyed(
      `
      SELECT c.relname AS key, string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS value
        FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
       WHERE c.relnamespace = 'public'::regnamespace AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1::text)
       GROUP BY c.relname`,
      [APP_ROLE],
    ),
    columnGrants: await keyed(
      `
      SELECT c.relname || '.' || att.attname AS key, string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS value
        FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid CROSS JOIN LATERAL aclexplode(att.attacl) a
       WHERE c.relnamespace = 'public'::regnamespace AND NOT att.attisdropped AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1::text)
       GROUP BY c.relname, att.attname`,
      [APP_ROLE],
    ),
    functions: await keyed(`
      SELECT p.oid::regprocedure::text AS key, pg_get_functiondef(p.oid) AS value
        FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p') AND ${notFromExtension}`),
    // Who may execute which function: PUBLIC (everyone, the default) and the API role.
    functionGrants: await keyed(
      `
      SELECT p.oid::regprocedure::text AS key,
             coalesce((SELECT string_agg(CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE $1::text END, ', ' ORDER BY a.grantee)
                         FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                        WHERE a.grantee = 0 OR a.grantee = (SELECT oid FROM pg_roles WHERE rolname = $1::text)), '') AS value
        FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p') AND ${notFromExtension}`,
      [APP_ROLE],
    ),
  };
}

/** What changed from `before` to `after`: entries added or altered, and keys that went away. */
function difference(before: State, after: State): Effect {
  const effect: Effect = {};
  for (const category of CATEGORIES) {
    const set = Object.fromEntries(Object.entries(after[category]).filter(([k, v]) => JSON.stringify(before[category][k]) !== JSON.stringify(v)));
    const dropped = Object.keys(before[category]).filter((k) => !(k in after[category]));
    if (Object.keys(set).length || dropped.length) effect[category] = { ...(Object.keys(set).length ? { set } : {}), ...(dropped.length ? { dropped } : {}) };
  }
  return effect;
}

const empty = (): State => ({ policies: {}, rowSecurity: {}, tableGrants: {}, columnGrants: {}, functions: {}, functionGrants: {} });

const timestamp = (m: Function) => /(\d{13})$/.exec(m.name)![1];
const effectFile = (m: Function) => path.join(EFFECTS, `${timestamp(m)}-${m.name.replace(/\d{13}$/, '')}.json`);

let app: TestApp;
let upgraded: Client;
const measured: { migration: Function; effect: Effect }[] = [];
let finalState: State;
let upgradedName: string | undefined;

beforeAll(async () => {
  app = await startTestApp();
  const serverUrl = process.env[TEST_ENV.serverUrlVar]!;
  upgradedName = `upgrade_${process.pid}_${Date.now()}`;
  await ensureDatabase(serverUrl, upgradedName); // empty: no template
  const url = withDatabase(serverUrl, upgradedName);
  upgraded = new Client({ connectionString: url });
  await upgraded.connect();
  // One release at a time: each step knows only the migrations written up to then.
  let state = empty();
  for (let k = 0; k < migrations.length; k++) {
    const step = new DataSource({ type: 'postgres', url, migrations: migrations.slice(0, k + 1), migrationsTableName: 'migrations', migrationsTransactionMode: 'each', logging: false });
    await step.initialize();
    try {
      const ran = await step.runMigrations({ transaction: 'each' });
      expect(ran.map((m) => m.name)).toEqual([migrations[k].name]);
    } finally {
      await step.destroy();
    }
    const next = await capture(upgraded);
    measured.push({ migration: migrations[k], effect: difference(state, next) });
    state = next;
  }
  finalState = state;
});

afterAll(async () => {
  await upgraded?.end();
  await app?.close();
  if (upgradedName) {
    const admin = new Client({ connectionString: process.env[TEST_ENV.serverUrlVar] });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(upgradedName)}`);
    await admin.end();
  }
});

describe('migrations are history', () => {
  it('measures something (the checks below are not vacuous)', () => {
    expect(measured.length).toBeGreaterThanOrEqual(14);
    expect(Object.keys(finalState.policies).length).toBeGreaterThan(100);
    expect(Object.keys(finalState.functions)).toEqual(expect.arrayContaining(['app_region_id()', 'app_in_region(uuid)', 'app_own_municipality(uuid)']));
    expect(measured[0].effect.policies?.set?.['municipality.municipality_read']).toBeDefined();
  });

  it('every migration does exactly what its recorded effect says', () => {
    if (RECORD) {
      fs.mkdirSync(EFFECTS, { recursive: true });
      for (const { migration, effect } of measured) {
        if (!fs.existsSync(effectFile(migration))) fs.writeFileSync(effectFile(migration), `${JSON.stringify(effect, null, 2)}\n`);
      }
    }
    const problems = measured.flatMap(({ migration, effect }) => {
      const file = effectFile(migration);
      if (!fs.existsSync(file)) return [`${migration.name}: no ${path.relative(process.cwd(), file)} (a new migration: record it with RECORD_MIGRATION_EFFECTS=1, review and commit it)`];
      const recorded = JSON.parse(fs.readFileSync(file, 'utf8')) as Effect;
      if (JSON.stringify(recorded) === JSON.stringify(effect)) return [];
      const changed = CATEGORIES.flatMap((c) => {
        const keys = new Set([...Object.keys(recorded[c]?.set ?? {}), ...Object.keys(effect[c]?.set ?? {}), ...(recorded[c]?.dropped ?? []), ...(effect[c]?.dropped ?? [])]);
        return [...keys]
          .filter((k) => JSON.stringify(recorded[c]?.set?.[k]) !== JSON.stringify(effect[c]?.set?.[k]) || (recorded[c]?.dropped ?? []).includes(k) !== (effect[c]?.dropped ?? []).includes(k))
          .map((k) => `${c} ${k}`);
      });
      return [`${migration.name} now does something else than when it was written (${changed.join('; ')}). Migrations are history: put the change in a new migration.`];
    });
    expect(problems).toEqual([]);
  });

  it('leaves no effects file without its migration', () => {
    const expected = new Set(measured.map(({ migration }) => path.basename(effectFile(migration))));
    const files = fs.existsSync(EFFECTS) ? fs.readdirSync(EFFECTS) : [];
    expect(files.filter((f) => !expected.has(f))).toEqual([]);
  });

  it('gives a database upgraded one migration at a time the same security as a fresh one', async () => {
    const fresh = await capture(app.owner); // the test template, migrated in one run by the global setup
    for (const category of CATEGORIES) expect({ [category]: finalState[category] }).toEqual({ [category]: fresh[category] });
  });

  it('imports nothing living into a migration at run time (no src/ module, no Role enum)', () => {
    const dir = path.join(__dirname, '../../migrations');
    const problems = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts') // index.ts is the registry, not a migration
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^import (?!type\b)[^;]*from '(\.\.\/[^']*)'/gm)].map((m) => `${f} imports ${m[1]}`));
    expect(problems).toEqual([]);
  });

  it('keeps the written-out helpers of the old migrations for the old migrations only', () => {
    const dir = path.join(__dirname, '../../migrations');
    const users = fs.readdirSync(dir).filter((f) => /^\d{13}-/.test(f) && /from '\.\/rls-v1'/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(users.length).toBeGreaterThan(5);
    expect(users.filter((f) => Number(f.slice(0, 13)) > 1733230000000)).toEqual([]);
  });
});
