import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Role } from '../../src/auth/roles';
import { LAYOUTS } from '../../src/services/statistics/sosialhjelp-11f';
import { baseUrl } from '../helpers/fixtures';
import { TestApp } from '../helpers/test-app';

/** Our own 15F files (test/fixtures/kostra/README.md): synthetic cases in SSB's format, committed here. */
export const FIXTURE_DIR = path.join(__dirname, '..', 'fixtures', 'kostra', 'barnevern');

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURE_DIR, name));
}

/** The 1-based line of the first occurrence of `needle` in `text` (which must hold it). */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${JSON.stringify(needle)} is not in the file`);
  return text.slice(0, at).split('\n').length;
}

/** The 1-based position among the <Individ> elements of the one that holds the first `needle`. */
export function individIndexOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${JSON.stringify(needle)} is not in the file`);
  return text.slice(0, at).split('<Individ ').length - 1;
}

/** A zip of the given files, stored (not compressed): enough to test that a zip of 15F files is read. */
export function zipOf(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const crc = zlib.crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(f.data.length, 20);
    header.writeUInt32LE(f.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    central.push(header, name);
    offset += 30 + name.length + f.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Makes the municipalities of our 15F fixtures and of SSB's test files (Kongsvinger 3401, Oslo 0301,
 * Eidsvoll — 3035 in the files of 2020, 3240 since 2024, which the import maps through KLASS 131)
 * owners of Nord-Østerdal's barnevern in this test's own database, so that those files can be
 * imported as they are (owner SQL: a fixture, not what the API allows).
 */
export async function addKostraTestOwners(app: TestApp): Promise<void> {
  for (const [number, name] of [
    ['3401', 'Kongsvinger'],
    ['0301', 'Oslo'],
    ['3240', 'Eidsvoll'],
  ]) {
    await app.owner.query(`INSERT INTO municipality (region_id, number, name) SELECT id, $1, $2 FROM region WHERE code = 'nord-osterdal' ON CONFLICT (number) DO NOTHING`, [number, name]);
    await app.owner.query(
      `INSERT INTO ownership_period_owner (region_id, period_id, municipality_id)
       SELECT p.region_id, p.id, m.id FROM ownership_period p JOIN shared_service s ON s.id = p.service_id JOIN region r ON r.id = s.region_id, municipality m
        WHERE r.code = 'nord-osterdal' AND s.code = 'barnevern' AND m.number = $1 AND m.region_id = r.id ON CONFLICT DO NOTHING`,
      [number],
    );
  }
}

export async function upload(
  app: TestApp,
  kind: string,
  body: Buffer | string,
  { type = 'application/xml', fileName, dryRun = false, token }: { type?: string; fileName?: string; dryRun?: boolean; token?: string } = {},
) {
  const leader = token ?? (await app.token(Role.SERVICE_LEADER, { service: kind === 'kostra-sosialhjelp' ? 'nav' : 'barnevern' }));
  const query = new URLSearchParams({ ...(fileName ? { fileName } : {}), ...(dryRun ? { dryRun: 'true' } : {}) }).toString();
  const res = await fetch(`${baseUrl(app)}/imports/${kind}${query ? `?${query}` : ''}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${leader}` }, body });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

/** Current observations of a service for one municipality and year (owner's view), as { metric period: value }. */
export async function figures(app: TestApp, service: string, number: string, year: number): Promise<Record<string, number>> {
  const rows = (
    await app.owner.query(
      `SELECT s.code, o.month, o.value FROM statistics_observation o JOIN municipality m ON m.id = o.municipality_id JOIN statistics_metric s ON s.id = o.metric_id
         JOIN shared_service v ON v.id = o.service_id JOIN region r ON r.id = v.region_id
        WHERE r.code = 'nord-osterdal' AND v.code = $1 AND m.number = $2 AND o.year = $3 AND o.replaced_at IS NULL`,
      [service, number, year],
    )
  ).rows as { code: string; month: number | null; value: number }[];
  return Object.fromEntries(rows.map((r) => [r.month === null ? r.code : `${r.code} ${year}-${String(r.month).padStart(2, '0')}`, r.value]));
}

/** Every row of every table, as text, where a text or JSON column holds one of `values` (owner connection: nothing hidden). */
export async function tablesHolding(app: TestApp, values: string[]): Promise<string[]> {
  const columns = (
    await app.owner.query(
      `SELECT table_schema, table_name, column_name FROM information_schema.columns
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`,
    )
  ).rows as { table_schema: string; table_name: string; column_name: string }[];
  const found: string[] = [];
  for (const c of columns) {
    const table = `"${c.table_schema}"."${c.table_name}"`;
    const rows = (await app.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE "${c.column_name}"::text LIKE ANY($1::text[])`, [values.map((v) => `%${v}%`)])).rows;
    if (rows[0].n > 0) found.push(`${table}.${c.column_name}`);
  }
  return found;
}

/** Synthetic KOSTRA 11F records (2024 layout unless `year`), for the sosialhjelp tests. */
export interface Recipient {
  kommune?: string;
  year?: number;
  journal: string;
  duf?: string;
  fnr?: string;
  /** Kroner paid as bidrag per month (index 0 = January); lån is 0. */
  bidrag: number[];
  /** Override BIDRAG for the year (default: the sum of the months). */
  yearBidrag?: number;
}

/** One 11F record, every field where SSB's description puts it (1-based positions). */
export function record(r: Recipient): string {
  const year = r.year ?? 2024;
  const layout = LAYOUTS[year];
  const chars = Array<string>(layout.length).fill(' ');
  const put = (from: number, text: string) => [...text].forEach((c, i) => (chars[from - 1 + i] = c));
  put(1, r.kommune ?? '3427');
  put(5, String(year).slice(2));
  put(layout.journal[0], r.journal.padEnd(8));
  if (r.fnr) put(layout.fnr[0], r.fnr);
  if (r.duf) put(layout.duf[0], r.duf);
  r.bidrag.forEach((kr, m) => {
    if (kr > 0) put(layout.firstMonth + 2 * m, String(m + 1).padStart(2, '0'));
    put(layout.firstMonthAmount + 14 * m, String(kr).padStart(7, '0'));
    put(layout.firstMonthAmount + 14 * m + 7, '0000000');
  });
  put(layout.bidrag, String(r.yearBidrag ?? r.bidrag.reduce((s, v) => s + v, 0)).padStart(7, '0'));
  put(layout.laan, '0000000');
  return chars.join('');
}

/** SSB's rules broken by a file with one broken rule per Individ: SSB's Testfil_04_FEIL and our feil-2020-3401-en-regel-per-individ.xml alike. */
export const EVERY_RULE_OF_THE_ONE_PER_INDIVID_FILE = [
  'INDIVID_02A',
  'INDIVID_02B',
  'INDIVID_03',
  'INDIVID_04',
  'INDIVID_05',
  'INDIVID_06',
  'INDIVID_07',
  'INDIVID_08',
  'LOVHJEMMEL_04',
  'MELDER_02',
  'MELDING_02A',
  'MELDING_02C',
  'MELDING_02D',
  'MELDING_02E',
  'MELDING_04',
  'MELDING_05',
  'PLAN_02A',
  'PLAN_02C',
  'PLAN_02D',
  'PLAN_02E',
  'SAKSINNHOLD_02',
  'TILTAK_02A',
  'TILTAK_02B',
  'TILTAK_02C',
  'TILTAK_02D',
  'TILTAK_02E',
  'TILTAK_07',
  'TILTAK_08',
  'UNDERSOKELSE_02A',
  'UNDERSOKELSE_02B',
  'UNDERSOKELSE_02C',
  'UNDERSOKELSE_02D',
  'UNDERSOKELSE_02E',
  'UNDERSOKELSE_03',
  'UNDERSOKELSE_04',
  'UNDERSOKELSE_07',
  'VEDTAK_02',
];

/** The SSB rule ids (e.g. MELDING_02A) of import problems or warnings, sorted; "other" for a problem that names none. */
export const ruleIdsOf = (problems: { message: string }[]) => [...new Set(problems.map((p) => /^([A-Z]+_\w+)/.exec(p.message)?.[1] ?? 'other'))].sort();

/** Uploads a 15F file that must be refused with exactly these of SSB's rules, each problem naming the file, and nothing written. */
export async function expectRefused15f(app: TestApp, name: string, body: Buffer, expected: string[]) {
  const counts = async () =>
    (await app.owner.query(`SELECT (SELECT count(*) FROM statistics_observation) AS o, (SELECT count(*) FROM audit_record WHERE operation = 'import:kostra-barnevern') AS a`)).rows[0];
  const before = await counts();
  const res = await upload(app, 'kostra-barnevern', body, { fileName: name });
  expect(res.status).toBe(422);
  expect(res.body.applied).toBe(false);
  expect(ruleIdsOf(res.body.problems)).toEqual(expected);
  for (const p of res.body.problems) expect(p.field).toContain(name);
  expect(await counts()).toEqual(before);
  return res.body;
}
