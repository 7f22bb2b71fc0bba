import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { resolvePrincipal } from '../../src/auth/principal';
import { Role } from '../../src/auth/roles';
import { AppConfig } from '../../src/config';
import { RequestDb } from '../../src/db/request-db';
import { SharedService } from '../../src/entities/reference/shared-service';
import { importers } from '../../src/features/data';
import { Loaders } from '../../src/loaders';
import { createLogger } from '../../src/logger';
import { seedMunicipalityClassification } from '../../src/seed/reference/classification';
import { TST } from '../../src/seed/fora/kinds';
import { computeReportFor, periodOf } from '../../src/services/costs/report-data';
import { insertDraft, markPublished } from '../../src/services/costs/reports';
import { ensureCatalogue } from '../../src/services/statistics/catalogue';
import { runImport } from '../../src/services/imports/run';
import { NOT_A_MUNICIPALITY } from '../../src/services/reference/municipality-history';
import { generate15f } from '../kostra-15f';

/**
 * A synthetic Norway (issue 23) for `npm run bench -- --national`: every municipality of the
 * classification of municipalities loaded in the database (SSB's KLASS 131 when KLASS_131_DIR names
 * its documents; otherwise the excerpt the demo uses, filled up with SYNTHETIC numbers 9xxx that say
 * so in their names) in ~45 regions, each with barnevern, PPT and NAV (owners, agreements, budgets),
 * ~24 schools and kindergartens per municipality with a TST (members, leader), ten calendar years of
 * TST meetings (five a year) with attendance and agenda, ten years of monthly ledgers, published cost
 * reports, activity statistics through the real import code, and an adopted plan per region.
 *
 * Deterministic from `seed`: ids of what we write are md5(seed, natural key) as uuid, every figure a
 * hash of seed and key, and nothing depends on the clock (YEARS is fixed). Bulk-loaded with
 * server-side `INSERT … SELECT generate_series / unnest` (no COPY stream package is installed);
 * written as the owner, like bench/large-dataset.ts. Resumable: every step of every region runs in
 * its own transaction and is skipped when its rows are there (per-step existence checks).
 * Everything is ILLUSTRATIVE and says so in its names and notes.
 */

export const YEARS = { first: 2016, last: 2025 } as const;
export const NATIONAL = {
  municipalities: 357,
  regions: 45,
  /** Region codes: `nat-01` …; the first municipality by number of a region hosts its services. */
  regionPrefix: 'nat-',
  createdBy: 'gen-national',
  note: 'Generated national benchmark data (ILLUSTRATIVE, not real figures)',
} as const;

export interface NationalOptions {
  /** Any text; the same seed gives the same content. */
  seed: string;
  /** 1 = the whole country (357 municipalities, 45 regions); 0.02 = 7 municipalities in 1 region. */
  scale: number;
  /** Months of cost reports per service computed and published through the API's report code, counted back from the last (default: all 120). */
  reportMonths?: number;
  /** Municipality-years imported from generated KOSTRA 15F files through the real import (the rest through the statistics CSV import). */
  kostraFiles?: number;
  log?: (line: string) => void;
}

export interface NationalResult {
  seconds: number;
  steps: { step: string; seconds: number; done: number; skipped: number }[];
  counts: Record<string, number>;
  /** Municipalities whose numbers are not in the classification (synthetic fallback). */
  synthetic: number;
}

/** Tables counted in the result, README and bench. */
export const COUNTED_TABLES = [
  'region',
  'municipality',
  'municipality_population',
  'shared_service',
  'unit',
  'forum',
  'forum_membership',
  'forum_meeting',
  'forum_attendance',
  'forum_agenda_section',
  'ledger_entry',
  'cost_report',
  'cost_report_line',
  'statistics_import',
  'statistics_observation',
  'statistics_published_cell',
  'strategic_plan',
  'plan_measure',
  'measure_implementation',
  'plan_adoption',
] as const;

interface Region {
  code: string;
  id: string;
  name: string;
  municipalities: { number: string; name: string; synthetic: boolean }[];
}

const OSLO = '0301';
const BARNEVERN_CATEGORIES = [
  // code, name, funksjon, arts, direct, kr per child aged 0–17 per year
  { code: 'bv-drift', name: 'Barneverntjeneste (drift)', funksjon: '244', arts: ['010', '090', '120', '170'], direct: false, perChild: 2_400 },
  { code: 'bv-tiltak-hjemme', name: 'Tiltak når barnet ikke er plassert', funksjon: '251', arts: ['370', '270'], direct: false, perChild: 800 },
  { code: 'bv-tiltak-plassert', name: 'Tiltak når barnet er plassert', funksjon: '252', arts: ['375'], direct: true, perChild: 3_600 },
] as const;
const SERVICE_CATEGORIES = {
  barnevern: BARNEVERN_CATEGORIES,
  ppt: [{ code: 'ppt-drift', name: 'PPT (drift)', funksjon: '202', arts: ['010', '090', '120'], direct: false, perChild: 700 }],
  nav: [{ code: 'nav-drift', name: 'NAV kommunal del (drift)', funksjon: '242', arts: ['010', '090', '120'], direct: false, perChild: 900 }],
} as const;
const SERVICES = [
  { code: 'barnevern', kind: 'BARNEVERN', name: 'Barnevern' },
  { code: 'ppt', kind: 'PPT', name: 'PPT' },
  { code: 'nav', kind: 'NAV', name: 'NAV' },
] as const;

/** Needs an owner pool of at least 3 connections (the lock and two workers). Every owner connection sets no RLS context: the owner is the table owner (superuser in development) and writes past RLS, as bench/large-dataset.ts does. */
export async function generateNational(owner: DataSource, app: DataSource, config: AppConfig, options: NationalOptions): Promise<NationalResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const seed = options.seed;
  const steps: NationalResult['steps'] = [];
  const step = async (name: string, run: () => Promise<{ done: number; skipped: number }>) => {
    const t = Date.now();
    const r = await run();
    const seconds = Math.round((Date.now() - t) / 100) / 10;
    steps.push({ step: name, seconds, ...r });
    log(`${name}: ${r.done} done, ${r.skipped} already there, ${seconds} s`);
  };

  // One generator at a time on a database.
  const lock = owner.createQueryRunner();
  await lock.connect();
  await lock.query(`SELECT pg_advisory_lock(hashtext('samvirke gen:national'))`);
  try {
    await step('classification', async () => ({ done: (await seedMunicipalityClassification(owner)) ? 1 : 0, skipped: 0 }));
    const regions = await planRegions(owner, seed, options.scale);
    const synthetic = regions.reduce((n, r) => n + r.municipalities.filter((m) => m.synthetic).length, 0);
    if (synthetic) log(`${synthetic} municipalities are SYNTHETIC (numbers 9xxx): the classification in the database has too few current numbers (set KLASS_131_DIR to SSB's documents)`);

    const perRegion = (name: string, exists: (em: EntityManager, r: Region) => Promise<boolean>, run: (em: EntityManager, r: Region) => Promise<void>) =>
      step(name, async () => {
        let done = 0;
        let skipped = 0;
        await inParallel(regions, CONCURRENCY, (r) =>
          owner.transaction(async (em) => {
            if (await exists(em, r)) return void skipped++;
            await run(em, r);
            done++;
          }),
        );
        return { done, skipped };
      });
    const any = async (em: EntityManager, sql: string, params: unknown[]) => ((await em.query(sql, params)) as unknown[]).length > 0;

    await perRegion(
      'regions, municipalities, services, units, TSTs',
      (em, r) => any(em, `SELECT 1 FROM region WHERE code = $1`, [r.code]),
      (em, r) => createRegion(em, seed, r),
    );
    await perRegion(
      'TST meetings, attendance, agenda',
      (em, r) => any(em, `SELECT 1 FROM forum_meeting WHERE region_id = $1 LIMIT 1`, [r.id]),
      (em, r) => createMeetings(em, seed, r),
    );
    await perRegion(
      'ledgers',
      (em, r) => any(em, `SELECT 1 FROM ledger_entry WHERE region_id = $1 LIMIT 1`, [r.id]),
      (em, r) => createLedgers(em, seed, r),
    );
    await perRegion(
      'plans',
      (em, r) => any(em, `SELECT 1 FROM strategic_plan WHERE region_id = $1`, [r.id]),
      (em, r) => createPlan(em, seed, r),
    );
    await step('cost reports (report code of the API)', () => publishReports(owner, regions, options.reportMonths ?? 120));
    await step('statistics (statistics import)', () => importStatistics(owner, app, config, regions, seed, options.kostraFiles ?? 0, 'csv'));
    await step('statistics (KOSTRA 15F import)', () => importStatistics(owner, app, config, regions, seed, options.kostraFiles ?? 0, '15f'));
    await step('analyze', async () => {
      await owner.query('ANALYZE');
      return { done: 1, skipped: 0 };
    });
    const counts = await countRows(owner);
    return { seconds: Math.round((Date.now() - started) / 100) / 10, steps, counts, synthetic };
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(hashtext('samvirke gen:national'))`).catch(() => undefined);
    await lock.release();
  }
}

export async function countRows(db: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of COUNTED_TABLES) {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM ${t}`)) as { n: number }[];
    counts[t] = n;
  }
  return counts;
}

/** A deterministic uuid of the seed and a key (SQL: md5(seed || ':' || key)::uuid). */
const uuidSql = (key: string) => `md5($2::text || ':' || ${key})::uuid`;

/** The municipalities (current numbers of the loaded classification, not used by another region) split into regions by number. */
async function planRegions(owner: DataSource, seed: string, scale: number): Promise<Region[]> {
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], got ${scale}`);
  const regionCount = Math.max(1, Math.round(NATIONAL.regions * scale));
  const wanted = Math.max(regionCount * 2, Math.round(NATIONAL.municipalities * scale));
  const current: { code: string; name: string }[] = await owner.query(
    `SELECT i.code, i.name FROM municipality_classification_item i
      WHERE i.valid_from = (SELECT max(valid_from) FROM municipality_classification_version)
        AND NOT EXISTS (SELECT 1 FROM municipality m JOIN region r ON r.id = m.region_id WHERE m.number = i.code AND r.code NOT LIKE '${NATIONAL.regionPrefix}%')
      ORDER BY i.code`,
  );
  const list = current.filter((c) => !NOT_A_MUNICIPALITY.has(c.code)).map((c) => ({ number: c.code, name: c.name.trim(), synthetic: false }));
  for (let n = 9101; list.length < wanted; n++) list.push({ number: String(n), name: `Syntetisk kommune ${n} (SYNTHETIC, not in SSB's classification)`, synthetic: true });
  const chosen = list.slice(0, wanted);
  const regions: Region[] = [];
  for (let i = 0; i < regionCount; i++) {
    const members = chosen.slice(Math.floor((i * chosen.length) / regionCount), Math.floor(((i + 1) * chosen.length) / regionCount));
    const code = `${NATIONAL.regionPrefix}${String(i + 1).padStart(2, '0')}`;
    regions.push({
      code,
      id: md5Uuid(`${seed}:region:${code}`),
      name: `Samarbeid ${members[0].name} m.fl. (generated, illustrative)`,
      municipalities: members,
    });
  }
  return regions;
}

function md5Uuid(text: string): string {
  // Same as PostgreSQL's md5(text)::uuid.
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Region, municipalities, population, services with owners and agreements, categories, budgets, units, the TST kind, a TST per unit with members and leader. */
async function createRegion(em: EntityManager, seed: string, r: Region): Promise<void> {
  const p = [r.id, seed];
  await em.query(`INSERT INTO region (id, code, name) VALUES ($1, $2, $3)`, [r.id, r.code, r.name]);
  await em.query(
    `INSERT INTO municipality (id, region_id, number, name)
     SELECT ${uuidSql("'municipality:' || n")}, $1, n, nm FROM unnest($3::text[], $4::text[]) AS x(n, nm)`,
    [...p, r.municipalities.map((m) => m.number), r.municipalities.map((m) => m.name)],
  );
  // Children aged 0–17: 150–8,150 per municipality, a little change each year.
  await em.query(
    `INSERT INTO municipality_population (region_id, municipality_id, year, aged_0_17)
     SELECT $1, m.id, y, 200 + abs(hashtext($2 || m.number)) % 8000 + (y - ${YEARS.first}) * (abs(hashtext($2 || m.number || y)) % 21 - 10)
       FROM municipality m, generate_series(${YEARS.first}, ${YEARS.last}) y WHERE m.region_id = $1`,
    p,
  );
  const host = r.municipalities[0].number;
  for (const s of SERVICES) {
    await em.query(
      `INSERT INTO shared_service (id, region_id, code, name, kind, host_municipality_id)
       SELECT ${uuidSql("'service:' || $1::uuid::text || ':' || $3")}, $1, $3, $4, $5, m.id FROM municipality m WHERE m.number = $6`,
      [...p, s.code, `${s.name} ${r.municipalities[0].name} (generated)`, s.kind, host],
    );
  }
  await em.query(
    `WITH p AS (INSERT INTO ownership_period (region_id, service_id, valid_from, note)
                SELECT $1, s.id, DATE '${YEARS.first - 1}-01-01', $2 FROM shared_service s WHERE s.region_id = $1 RETURNING id)
     INSERT INTO ownership_period_owner (region_id, period_id, municipality_id) SELECT $1, p.id, m.id FROM p, municipality m WHERE m.region_id = $1`,
    [r.id, NATIONAL.note],
  );
  // Cost categories (region-level), their accounts, one agreement per service, budgets for every year.
  for (const [code, categories] of Object.entries(SERVICE_CATEGORIES)) {
    for (const [position, c] of categories.entries()) {
      await em.query(`INSERT INTO cost_category (id, region_id, code, name, description, position) VALUES (${uuidSql("'category:' || $1::uuid::text || ':' || $3")}, $1, $3, $4, $5, $6)`, [
        ...p,
        c.code,
        c.name,
        NATIONAL.note,
        position * 10 + (code === 'barnevern' ? 0 : code === 'ppt' ? 100 : 200),
      ]);
      await em.query(`INSERT INTO cost_category_account (region_id, category_id, funksjon, art_from, art_to) VALUES ($1, ${uuidSql("'category:' || $1::uuid::text || ':' || $3")}, $4, '010', '899')`, [
        ...p,
        c.code,
        c.funksjon,
      ]);
    }
    await em.query(
      `INSERT INTO cost_agreement (id, region_id, service_id, valid_from, equal_share_bp, population_share_bp, note, created_by)
       VALUES (${uuidSql("'agreement:' || $1::uuid::text || ':' || $3")}, $1, ${uuidSql("'service:' || $1::uuid::text || ':' || $3")}, DATE '${YEARS.first - 1}-01-01', 3000, 7000, $4, $5)`,
      [...p, code, `30 % likt, 70 % etter innbyggere 0–17 år (${NATIONAL.note})`, NATIONAL.createdBy],
    );
    for (const c of categories.filter((x) => x.direct)) {
      await em.query(
        `INSERT INTO cost_agreement_direct_category (region_id, agreement_id, category_id) VALUES ($1, ${uuidSql("'agreement:' || $1::uuid::text || ':' || $3")}, ${uuidSql("'category:' || $1::uuid::text || ':' || $4")})`,
        [...p, code, c.code],
      );
    }
    await em.query(
      `INSERT INTO cost_budget (region_id, service_id, category_id, year, amount_ore, monthly_profile, note, updated_by)
       SELECT $1, ${uuidSql("'service:' || $1::uuid::text || ':' || $3")}, ${uuidSql("'category:' || $1::uuid::text || ':' || c.code")}, y,
              (SELECT sum(aged_0_17) FROM municipality_population WHERE region_id = $1 AND year = y) * c.per_child * 100 * (100 + (y - ${YEARS.first}) * 3) / 100,
              ARRAY[1,1,1,1,1,1,1,1,1,1,1,1], $4, $5
         FROM unnest($6::text[], $7::bigint[]) AS c(code, per_child), generate_series(${YEARS.first}, ${YEARS.last}) y`,
      [...p, code, NATIONAL.note, NATIONAL.createdBy, categories.map((c) => c.code), categories.map((c) => c.perChild)],
    );
  }
  // 6–42 units per municipality (about 24 on average), schools and kindergartens by turns.
  await em.query(
    `INSERT INTO unit (id, region_id, municipality_id, code, name, kind, size, opened_on)
     SELECT ${uuidSql("'unit:' || m.number || ':' || j")}, $1, m.id, 'n' || m.number || '-' || j,
            CASE WHEN j % 2 = 0 THEN 'Skole ' ELSE 'Barnehage ' END || j || ' i ' || m.name,
            CASE WHEN j % 2 = 0 THEN 'SCHOOL' ELSE 'KINDERGARTEN' END,
            CASE WHEN j % 2 = 0 THEN 40 + abs(hashtext($2 || m.number || j)) % 560 ELSE 15 + abs(hashtext($2 || m.number || j)) % 130 END,
            DATE '2000-01-01'
       FROM municipality m, generate_series(1, 6 + abs(hashtext($2 || 'units' || m.number)) % 37) j WHERE m.region_id = $1`,
    p,
  );
  // The TST kind of seed 001 (src/seed/fora/kinds.ts).
  const kindId = md5Uuid(`${seed}:forum-kind:${r.code}`);
  await em.query(
    `INSERT INTO forum_kind (id, region_id, code, name, description, source, notes, placement, required_unit_kinds, leadership, leader_description, min_meeting_minutes, large_unit_size, minutes_by_convener)
     VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, false)`,
    [
      r.id,
      kindId,
      TST.code,
      TST.name,
      TST.description ?? null,
      TST.source ?? null,
      TST.notes ?? null,
      TST.placement,
      TST.requiredUnitKinds ?? [],
      TST.leadership,
      TST.leaderDescription ?? null,
      TST.minMeetingMinutes ?? null,
      TST.largeUnitSize ?? null,
    ],
  );
  const members = TST.members;
  await em.query(
    `INSERT INTO forum_kind_member (id, region_id, kind_id, position, code, name, attendance, service_kind)
     SELECT ${uuidSql("'kind-member:' || $1::uuid::text || ':' || c")}, $1::uuid, $3, pos - 1, c, n, a, NULLIF(k, '') FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS x(c, n, a, k, pos)`,
    [...p, kindId, members.map((m) => m.code), members.map((m) => m.name), members.map((m) => m.attendance), members.map((m) => m.serviceKind ?? '')],
  );
  await em.query(
    `INSERT INTO forum_kind_cadence (region_id, kind_id, position, period, unit_size, min_meetings) SELECT $1, $2, pos - 1, pe, 'ANY', mi FROM unnest($3::text[], $4::int[]) WITH ORDINALITY AS x(pe, mi, pos)`,
    [r.id, kindId, TST.cadence.map((c) => c.period), TST.cadence.map((c) => c.minMeetings)],
  );
  await em.query(
    `INSERT INTO forum_kind_agenda_element (id, region_id, kind_id, position, code, title, required)
     SELECT ${uuidSql("'element:' || $1::uuid::text || ':' || c")}, $1::uuid, $3, pos - 1, c, t, rq FROM unnest($4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS x(c, t, rq, pos)`,
    [...p, kindId, TST.agendaElements.map((e) => e.code), TST.agendaElements.map((e) => e.title), TST.agendaElements.map((e) => e.required)],
  );
  await em.query(
    `INSERT INTO forum (id, region_id, kind_id, placement, name, municipality_id, unit_id, established_on, notes, created_by)
     SELECT ${uuidSql("'forum:' || u.id")}, $1, $3, 'UNIT', 'TST ' || u.name, u.municipality_id, u.id, DATE '${YEARS.first - 1}-08-01', $4, $5 FROM unit u WHERE u.region_id = $1`,
    [...p, kindId, NATIONAL.note, NATIONAL.createdBy],
  );
  // One seat per member of the kind: services by the region's service of that kind, the others by role title.
  await em.query(
    `INSERT INTO forum_membership (id, region_id, forum_id, kind_id, kind_member_id, person_name, service_id, attendance, valid_from, created_by)
     SELECT ${uuidSql("'membership:' || f.id || ':' || km.code")}, $1, f.id, f.kind_id, km.id, CASE WHEN s.id IS NULL THEN km.name END, s.id, km.attendance, f.established_on, $3
       FROM forum f JOIN forum_kind_member km ON km.kind_id = f.kind_id LEFT JOIN shared_service s ON s.region_id = $1 AND s.kind = km.service_kind
      WHERE f.region_id = $1`,
    [...p, NATIONAL.createdBy],
  );
  await em.query(
    `INSERT INTO forum_leader_term (region_id, forum_id, membership_id, valid_from)
     SELECT $1, f.id, ${uuidSql("'membership:' || f.id || ':enheten'")}, f.established_on FROM forum f WHERE f.region_id = $1`,
    p,
  );
}

/**
 * Five meetings a calendar year per TST (February, March, May: spring; September, November:
 * autumn), ten years. Attendance: the four mandatory seats always, NAV and "others" in 11 of 12
 * meetings (about 5.8 rows a meeting); 1 in 17 absent, 1 in 23 excused. Every element on the agenda
 * except in 1 meeting of 19; 1 in 25 is short (120 minutes).
 */
async function createMeetings(em: EntityManager, seed: string, r: Region): Promise<void> {
  const p = [r.id, seed];
  await bulkLoad(em);
  // Ids are md5 of the seed and a key, so their bytes are the dice (cheaper than hashing again per row).
  const die = (id: string, byte: number) => `get_byte(uuid_send(${id}), ${byte})`;
  await em.query(
    `INSERT INTO forum_meeting (id, region_id, forum_id, starts_at, planned_minutes, actual_minutes, place, status, minutes_written_by, created_by)
     SELECT x.id, $1, x.forum_id, (make_date(x.y, (ARRAY[2, 3, 5, 9, 11])[x.s], 3 + ${die('x.forum_id', 0)} % 22) + time '10:30') AT TIME ZONE 'Europe/Oslo',
            150, CASE WHEN ${die('x.id', 0)} % 25 = 0 THEN 120 ELSE 150 END, 'Enheten', 'HELD', 'Møteleder (generated)', $3
       FROM (SELECT ${uuidSql("'meeting:' || f.id || ':' || y || ':' || s")} AS id, f.id AS forum_id, y, s
               FROM forum f, generate_series(${YEARS.first}, ${YEARS.last}) y, generate_series(1, 5) s WHERE f.region_id = $1) x`,
    [...p, NATIONAL.createdBy],
  );
  await em.query(
    `INSERT INTO forum_attendance (region_id, forum_id, meeting_id, membership_id, status)
     SELECT $1, mt.forum_id, mt.id, ms.id,
            CASE WHEN (${die('mt.id', 1)} + 7 * ${die('ms.id', 1)}) % 17 = 0 THEN 'ABSENT' WHEN (${die('mt.id', 2)} + 5 * ${die('ms.id', 2)}) % 23 = 0 THEN 'EXCUSED' ELSE 'PRESENT' END
       FROM forum_meeting mt JOIN forum_membership ms ON ms.forum_id = mt.forum_id
      WHERE mt.region_id = $1 AND ms.region_id = $1
        AND (ms.attendance = 'MANDATORY' OR (${die('mt.id', 3)} + ${die('ms.id', 3)}) % 12 <> 0)`,
    [r.id],
  );
  await em.query(
    `INSERT INTO forum_agenda_section (region_id, forum_id, meeting_id, kind_id, element_id)
     SELECT $1, mt.forum_id, mt.id, e.kind_id, e.id
       FROM forum_meeting mt CROSS JOIN forum_kind_agenda_element e
      WHERE mt.region_id = $1 AND e.region_id = $1 AND NOT (${die('mt.id', 4)} % 19 = 0 AND e.position = 2)`,
    [r.id],
  );
}

/**
 * A bulk load inside the current transaction: no synchronous commit, and when the owner may (a
 * superuser, as the embedded development cluster's is), no per-row foreign-key and notification
 * triggers (session_replication_role = replica): the rows are consistent by construction.
 */
async function bulkLoad(em: EntityManager): Promise<void> {
  await em.query(`SET LOCAL synchronous_commit = off`);
  const [{ rolsuper }] = (await em.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)) as { rolsuper: boolean }[];
  if (rolsuper) await em.query(`SET LOCAL session_replication_role = replica`);
}

/**
 * Ten years of monthly ledgers per service: one voucher per shared category and month (one line per
 * art), one voucher line per owner for a direct category; each month near the budget's twelfth (±5 %).
 */
async function createLedgers(em: EntityManager, seed: string, r: Region): Promise<void> {
  const p = [r.id, seed];
  for (const [code, categories] of Object.entries(SERVICE_CATEGORIES)) {
    for (const c of categories) {
      const common = `FROM cost_budget b, generate_series(1, 12) mo
        WHERE b.region_id = $1 AND b.service_id = ${uuidSql("'service:' || $1::uuid::text || ':' || $3")} AND b.category_id = ${uuidSql("'category:' || $1::uuid::text || ':' || $4")}`;
      const vary = (key: string) => `(95 + abs(hashtext($2 || ${key})) % 11)`;
      if (!c.direct) {
        await em.query(
          `INSERT INTO ledger_entry (region_id, service_id, voucher, voucher_line, posting_date, account, art, funksjon, amount_ore, municipality_id, category_id)
           SELECT $1, b.service_id, 'GEN-' || $4 || '-' || b.year || lpad(mo::text, 2, '0'), a.pos, make_date(b.year, mo, 20), 'GEN-' || a.art, a.art, $5,
                  b.amount_ore / 12 * ${vary('$4 || b.year || mo')} / 100 / $6 , NULL, b.category_id
             ${common.replace('FROM cost_budget b,', 'FROM unnest($7::text[]) WITH ORDINALITY AS a(art, pos), cost_budget b,')}`,
          [...p, code, c.code, c.funksjon, c.arts.length, c.arts],
        );
      } else {
        // Split by the owners' children aged 0–17 that year, then varied: charged directly to each owner.
        await em.query(
          `INSERT INTO ledger_entry (region_id, service_id, voucher, voucher_line, posting_date, account, art, funksjon, amount_ore, municipality_id, category_id)
           SELECT $1, b.service_id, 'GEN-' || $4 || '-' || b.year || lpad(mo::text, 2, '0'), row_number() OVER (PARTITION BY b.year, mo ORDER BY m.number)::int,
                  make_date(b.year, mo, 22), 'GEN-' || $6, $6, $5,
                  b.amount_ore / 12 * pop.aged_0_17 / tot.total * ${vary('$4 || m.number || b.year || mo')} / 100, m.id, b.category_id
             ${common.replace('FROM cost_budget b,', 'FROM cost_budget b JOIN municipality m ON m.region_id = b.region_id JOIN municipality_population pop ON pop.municipality_id = m.id AND pop.year = b.year JOIN (SELECT year, sum(aged_0_17) AS total FROM municipality_population WHERE region_id = $1 GROUP BY year) tot ON tot.year = b.year,')}`,
          [...p, code, c.code, c.funksjon, c.arts[0]],
        );
      }
    }
  }
}

/** An adopted plan per region (the shape of bench/large-dataset.ts, 40 measures): goals, focus areas, measures with responsibles, an implementation status per measure and municipality, each municipality's adoption. */
async function createPlan(em: EntityManager, seed: string, r: Region): Promise<void> {
  const measures = 40;
  const planId = md5Uuid(`${seed}:plan:${r.code}`);
  const versionId = md5Uuid(`${seed}:plan-version:${r.code}`);
  const c = [r.id, planId, versionId];
  await em.query(`INSERT INTO strategic_plan (id, region_id, title, period_start_year, period_end_year, status, created_by, illustrative_note) VALUES ($2, $1, $3, 2024, 2027, 'ADOPTED', $4, $5)`, [
    r.id,
    planId,
    `Plan for forebyggende arbeid, ${r.name}`,
    NATIONAL.createdBy,
    NATIONAL.note,
  ]);
  await em.query(
    `INSERT INTO plan_version (id, region_id, plan_id, number, status, created_by, submitted_at, adopted_on) VALUES ($3, $1, $2, 1, 'ADOPTED', $4, TIMESTAMPTZ '2024-01-15 12:00+01', DATE '2024-03-01')`,
    [...c, NATIONAL.createdBy],
  );
  await em.query(`UPDATE strategic_plan SET adopted_version_id = $2 WHERE id = $1`, [planId, versionId]);
  await em.query(`INSERT INTO plan_coverage_municipality (region_id, plan_id, municipality_id) SELECT $1, $2, id FROM municipality WHERE region_id = $1`, c.slice(0, 2));
  await em.query(`INSERT INTO plan_coverage_service (region_id, plan_id, service_id) SELECT $1, $2, id FROM shared_service WHERE region_id = $1`, c.slice(0, 2));
  await em.query(`INSERT INTO plan_goal (region_id, plan_id, version_id, position, kind, title) VALUES ($1, $2, $3, 0, 'MAIN', 'Hovedmål (illustrative)')`, c);
  await em.query(
    `INSERT INTO plan_goal (region_id, plan_id, version_id, position, kind, code, title) SELECT $1, $2, $3, g, 'GOAL', g::text, 'Mål ' || g || ' (illustrative)' FROM generate_series(1, 6) g`,
    c,
  );
  await em.query(
    `INSERT INTO plan_focus_area (region_id, plan_id, version_id, position, title, what_we_achieve, how_we_do_it) SELECT $1, $2, $3, f, 'Innsatsområde ' || f || ' (illustrative)', 'Mål ' || f, 'Slik ' || f FROM generate_series(1, 4) f`,
    c,
  );
  await em.query(
    `INSERT INTO plan_measure (region_id, plan_id, version_id, position, focus_area_id, code, title, description, time_frame, prevention_levels, target_group)
     SELECT $1, $2, $3, i, (SELECT id FROM plan_focus_area WHERE version_id = $3 AND position = 1 + i % 4), 'T' || i, 'Tiltak ' || i || ' (illustrative)', 'Beskrivelse ' || i, '2024–2027',
            ARRAY[(ARRAY['UNIVERSAL', 'SELECTIVE', 'INDICATED'])[1 + i % 3]], 'Barn og unge'
       FROM generate_series(1, $4::int) i`,
    [...c, measures],
  );
  await em.query(
    `INSERT INTO plan_measure_responsible (region_id, plan_id, version_id, measure_id, position, kind, service_id)
     SELECT $1, $2, $3, m.id, 0, 'SERVICE', (SELECT id FROM shared_service WHERE region_id = $1 AND code = (ARRAY['barnevern', 'ppt', 'nav'])[1 + m.position % 3]) FROM plan_measure m WHERE m.version_id = $3`,
    c,
  );
  await em.query(
    `INSERT INTO plan_goal_measure (region_id, plan_id, version_id, goal_id, measure_id)
     SELECT $1, $2, $3, g.id, m.id FROM plan_measure m JOIN plan_goal g ON g.version_id = $3 AND g.kind = 'GOAL' AND g.position = 1 + m.position % 6 WHERE m.version_id = $3`,
    c,
  );
  await em.query(
    `INSERT INTO plan_adoption (region_id, plan_id, version_id, municipality_id, status, decision_body, decided_on, case_number, recorded_by, illustrative_note)
     SELECT $1, $2, $3, m.id, 'ADOPTED', 'Kommunestyret', DATE '2024-03-01' + abs(hashtext($4 || m.number)) % 90, '24/' || m.number, $5, $6 FROM municipality m WHERE m.region_id = $1`,
    [...c, seed, NATIONAL.createdBy, NATIONAL.note],
  );
  await em.query(
    `INSERT INTO measure_implementation (region_id, plan_id, measure_key, municipality_id, status, updated_by, illustrative_note)
     SELECT $1, $2, pm.key, m.id, (ARRAY['NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED', 'EVALUATED'])[1 + abs(hashtext($4 || pm.position || m.number)) % 4], $5, $6
       FROM plan_measure pm, municipality m WHERE pm.version_id = $3 AND m.region_id = $1`,
    [...c, seed, NATIONAL.createdBy, NATIONAL.note],
  );
}

/** The last `months` months of every service, computed and published by the API's own report code (computeReportFor, insertDraft, markPublished), as HOST_FINANCE. */
async function publishReports(owner: DataSource, regions: Region[], months: number): Promise<{ done: number; skipped: number }> {
  let done = 0;
  let skipped = 0;
  const periods: { year: number; month: number }[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const index = YEARS.last * 12 + 11 - k;
    if (Math.floor(index / 12) < YEARS.first) continue;
    periods.push({ year: Math.floor(index / 12), month: (index % 12) + 1 });
  }
  await inParallel(regions, CONCURRENCY, async (r) => {
    for (const s of SERVICES) {
      const service = await owner.getRepository(SharedService).findOneByOrFail({ regionId: r.id, code: s.code });
      const have = new Set(((await owner.query(`SELECT period FROM cost_report WHERE service_id = $1 AND status = 'PUBLISHED'`, [service.id])) as { period: string }[]).map((x) => x.period));
      for (const { year, month } of periods) {
        const period = periodOf(year, month);
        if (have.has(period)) {
          skipped++;
          continue;
        }
        await owner.transaction(async (em) => {
          await em.query(`SELECT set_config('app.role', 'HOST_FINANCE', true), set_config('app.region_id', $1, true), set_config('app.service_id', $2, true)`, [r.id, service.id]);
          const { basis, report } = await computeReportFor(em, service, year, month);
          if (!report) throw new Error(`report ${r.code} ${s.code} ${period}: ${basis.problems.join(' ')}`);
          const draft = await insertDraft(em, { service, period, published: null, correctionReason: null, note: NATIONAL.note, by: NATIONAL.createdBy }, basis, report);
          await markPublished(em, draft, service, report.lines, NATIONAL.createdBy, new Date(Date.UTC(year, month, 10, 11)));
        });
        done++;
      }
    }
  });
  return { done, skipped };
}

/** Two at a time (the machine has two cores): the API's code in this process overlaps PostgreSQL's work. */
const CONCURRENCY = 2;

async function inParallel<T>(items: T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

async function observed(owner: DataSource, number: string, year: number): Promise<boolean> {
  const rows: unknown[] = await owner.query(
    `SELECT 1 FROM statistics_observation o JOIN municipality m ON m.id = o.municipality_id WHERE m.number = $1 AND o.year = $2 AND o.replaced_at IS NULL LIMIT 1`,
    [number, year],
  );
  return rows.length > 0;
}

/** The barnevern figures of one municipality-year, from the seed (about 3 reports per 100 children aged 0–17). */
function figures(seed: string, number: string, year: number, children: number): Record<string, number> {
  const h = (k: string) => parseInt(md5Uuid(`${seed}:${number}:${year}:${k}`).slice(0, 8), 16);
  const reports = Math.max(0, Math.round((children * (20 + (h('r') % 30))) / 1000));
  const started = Math.round((reports * (60 + (h('s') % 30))) / 100);
  const closed = Math.round((started * (80 + (h('c') % 20))) / 100);
  const support = Math.round((children * (10 + (h('h') % 20))) / 1000);
  const care = Math.round((children * (2 + (h('o') % 5))) / 1000);
  return {
    reports_received: reports,
    investigations_started: started,
    investigations_closed: closed,
    investigations_closed_within_3_months: Math.round((closed * (70 + (h('t') % 30))) / 100),
    children_support_measures: support,
    children_care_measures: care,
    voluntary_placements: Math.round(care / 2),
  };
}

/**
 * Activity statistics of barnevern through the real import code (runImport, as the service's
 * SERVICE_LEADER, RLS applying): the first `kostraFiles` municipality-years (latest years first) from
 * generated KOSTRA 15F files (kostra-barnevern), every other one in one statistics CSV per region.
 * Synthetic municipalities (not in the classification) get none: the import refuses their numbers.
 */
async function importStatistics(
  owner: DataSource,
  app: DataSource,
  config: AppConfig,
  regions: Region[],
  seed: string,
  kostraFiles: number,
  part: 'csv' | '15f',
): Promise<{ done: number; skipped: number }> {
  // Oslo (0301) files must give city districts (bydeler), which the generated files do not: Oslo gets the CSV import.
  const all = regions.flatMap((r) => r.municipalities.filter((m) => !m.synthetic && m.number !== OSLO).map((m) => ({ r, m })));
  const kostra = new Set<string>();
  for (let y = YEARS.last; y >= YEARS.first && kostra.size < kostraFiles; y--) for (const { m } of all) if (kostra.size < kostraFiles) kostra.add(`${m.number}:${y}`);
  let done = 0;
  let skipped = 0;
  const log = createLogger('silent');
  const as = async <T>(r: Region, run: (ctx: any) => Promise<T>): Promise<T> => {
    const principal = await app.transaction((em) => resolvePrincipal(em, { sub: NATIONAL.createdBy, role: Role.SERVICE_LEADER, region: r.code, service: 'barnevern' }));
    const db = new RequestDb(app, principal);
    const ctx = { requestId: `gen-national-${randomUUID()}`, principal, db, loaders: new Loaders(db), log, config };
    try {
      const out = await run(ctx);
      await db.finish(true);
      return out;
    } catch (error) {
      await db.finish(false).catch(() => undefined);
      throw error;
    }
  };
  const importer = (kind: string) => importers.find((i) => i.kind === kind)!;
  await inParallel(regions, CONCURRENCY, async (r) => {
    await owner.transaction(async (em) => {
      const [metric] = (await em.query(`SELECT 1 FROM statistics_metric WHERE region_id = $1 LIMIT 1`, [r.id])) as unknown[];
      if (!metric) await ensureCatalogue(em, r.id, false);
    });
    const members = r.municipalities.filter((m) => !m.synthetic);
    if (!members.length) return;
    const population = new Map(
      (
        (await owner.query(`SELECT m.number, p.year, p.aged_0_17 FROM municipality_population p JOIN municipality m ON m.id = p.municipality_id WHERE p.region_id = $1`, [r.id])) as {
          number: string;
          year: number;
          aged_0_17: number;
        }[]
      ).map((x) => [`${x.number}:${x.year}`, x.aged_0_17]),
    );
    if (part === 'csv') {
      // All or nothing: one observation of the file's first municipality-year means it was imported.
      const first = members.flatMap((m) => Array.from({ length: YEARS.last - YEARS.first + 1 }, (_, i) => ({ m, y: YEARS.first + i }))).find(({ m, y }) => !kostra.has(`${m.number}:${y}`));
      if (!first || (await observed(owner, first.m.number, first.y))) {
        skipped++;
        return;
      }
      const lines = ['kommunenummer,period,metric,value'];
      for (const m of members)
        for (let y = YEARS.first; y <= YEARS.last; y++) {
          if (kostra.has(`${m.number}:${y}`)) continue;
          for (const [metric, value] of Object.entries(figures(seed, m.number, y, population.get(`${m.number}:${y}`) ?? 0))) lines.push(`${m.number},${y},${metric},${value}`);
        }
      const result = await as(r, (ctx) => runImport(ctx, importer('statistics'), Readable.from([lines.join('\n') + '\n']), { format: 'csv', dryRun: false, fileName: `gen-national-${r.code}.csv` }));
      if (result.problems.length || !result.applied) throw new Error(`statistics import ${r.code}: ${JSON.stringify(result.problems.slice(0, 3))}`);
      done++;
    } else {
      for (const m of members) {
        for (let y = YEARS.last; y >= YEARS.first; y--) {
          if (!kostra.has(`${m.number}:${y}`)) continue;
          if (await observed(owner, m.number, y)) {
            skipped++;
            continue;
          }
          // Children with a report: the generated file's pattern gives its figures (bench/kostra-15f.ts).
          const individs = Math.max(1, figures(seed, m.number, y, population.get(`${m.number}:${y}`) ?? 0).reports_received);
          const body = [...generate15f({ kommunenummer: m.number, kommunenavn: m.name, year: y, individs, marker: 'GEN' })];
          const result = await as(r, (ctx) =>
            runImport(ctx, importer('kostra-barnevern'), Readable.from(body), { format: 'kostra-15f', dryRun: false, fileName: `gen-national-${m.number}-${y}.xml` }),
          );
          if (result.problems.length || !result.applied) throw new Error(`15F import ${m.number} ${y}: ${JSON.stringify(result.problems.slice(0, 3))}`);
          done++;
        }
      }
    }
  });
  return { done, skipped };
}
