import { ObjectLiteral } from 'typeorm';
import { facetsOf, holds, Role, scopeIdsOf } from '../../auth/roles';
import { Context, todayOf } from '../../context';
import { aggregate, sqlOf } from '../../db/reads';
import { AttendanceStatus, Forum, ForumFollowUp, ForumLeaderTerm, ForumMeeting, ForumMeetingStatus, ForumMembership } from '../../entities/fora';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit } from '../../entities/reference/unit';
import { badInput, notFound } from '../../errors';
import { idOfType } from '../../global-id';
import { requireRole, requireScope } from '../access';
import { assertKommunenummer } from '../reference/kommunenummer';
import { unitOpenIn } from '../reference/units';
import {
  activeIn,
  AttendanceFact,
  ComplianceData,
  ComplianceSummary,
  DatedMeeting,
  ForumCompliance,
  forumCompliance,
  indexData,
  KindConfig,
  loadRange,
  MissingForums,
  missingForums,
  SectionFact,
  summarize,
} from './compliance';
import { mayOversee } from './guard';
import { HeldMeeting, ServiceAttendanceRow, serviceAttendance, ServiceLoad, serviceLoad } from './load';
import { addDays, DateRange, parsePeriod, PERIOD_FORMAT, TermDates, Window } from './periods';
import { loadKindConfigs, readTerms } from './read';
import { osloDate, osloInstant } from './time';

/**
 * Loads what compliance.ts and load.ts compute from, in a fixed number of statements whatever the
 * number of units, fora and meetings (test/fora/statement-count.test.ts), and applies who may see
 * which report. Only structure rows are read: the reports are counts.
 */

/** Compliance: REGION_ADMIN for every municipality, MUNICIPAL_DIRECTOR for their own. */
export const COMPLIANCE_READERS = [Role.REGION_ADMIN, Role.MUNICIPAL_DIRECTOR];
/** Service attendance and load: SERVICE_LEADER for their service, REGION_ADMIN for any. */
export const LOAD_READERS = [Role.REGION_ADMIN, Role.SERVICE_LEADER];

function period(text: string, terms: TermDates): Window {
  const p = parsePeriod(text, terms);
  if (!p) throw badInput('period', 'format', PERIOD_FORMAT);
  return p;
}

/** Instants from the start of `range.from` to the end of `range.to`, Oslo time. */
const instants = (range: DateRange) => ({ from: osloInstant(range.from), to: osloInstant(addDays(range.to, 1)) });

const dated = (meetings: ForumMeeting[]): DatedMeeting[] => meetings.map((meeting) => ({ meeting, date: osloDate(meeting.startsAt) }));

/**
 * Whole rows of `entity` (alias `t`) from the rest of a SELECT (`FROM … WHERE …` over `t`), with
 * `$n` parameters: one read, sent with the other reads of its wave. The text is built once per `key`.
 */
async function rowsWhere<T extends ObjectLiteral>(ctx: Context, entity: new () => T, key: string, rest: (table: string) => string, params: unknown[], order: string[] = []): Promise<T[]> {
  const rows = ctx.db.rows(entity);
  const sql = sqlOf(rows, `fora:insights:${key}`, () => `SELECT ${aggregate(rows.json('t'), order)} ${rest(rows.table)}`);
  return (await ctx.loaders.readRows(entity, { sql, params })).map((r) => r.row);
}

/**
 * Attendance rows as compliance and load count them (AttendanceFact: three columns), not whole
 * entities: a municipality-year has thousands, and building entities of them was most of a
 * compliance report's time (CPU profile in docs/scaling.md, "National figures").
 */
async function attendanceWhere(ctx: Context, where: string, params: unknown[]): Promise<AttendanceFact[]> {
  const rows = await ctx.db.read<[string, string, AttendanceStatus][]>({
    sql: `SELECT coalesce(json_agg(json_build_array(t.meeting_id, t.membership_id, t.status)), '[]') FROM forum_attendance t ${where}`,
    params,
  });
  return rows.map(([meetingId, membershipId, status]) => ({ meetingId, membershipId, status }));
}

/** One wave of six reads: memberships, leaders, meetings, attendance, agenda sections and follow-ups of the fora. */
async function structureOf(ctx: Context, forumIds: string[], p: Window) {
  const { from, to } = instants(loadRange(p));
  // From the window's meetings (index forum_id, starts_at) to their rows by meeting: a join from the
  // rows' side read every year of the fora's attendance (EXPLAIN in docs/fora.md, "Bounded answers").
  const inRange = `WHERE t.forum_id = ANY($1::uuid[]) AND t.meeting_id IN (SELECT m.id FROM forum_meeting m WHERE m.forum_id = ANY($1::uuid[]) AND m.starts_at >= $2 AND m.starts_at < $3)`;
  const [memberships, leaderTerms, meetings, attendance, sections, followUps] = await Promise.all([
    ctx.loaders.list(ForumMembership, { forumId: forumIds }),
    ctx.loaders.list(ForumLeaderTerm, { forumId: forumIds }),
    rowsWhere(ctx, ForumMeeting, 'meetings', (table) => `FROM ${table} t WHERE t.forum_id = ANY($1::uuid[]) AND t.starts_at >= $2 AND t.starts_at < $3`, [forumIds, from, to]),
    attendanceWhere(ctx, inRange, [forumIds, from, to]),
    ctx.db
      .read<[string, string][]>({ sql: `SELECT coalesce(json_agg(json_build_array(t.meeting_id, t.element_id)), '[]') FROM forum_agenda_section t ${inRange}`, params: [forumIds, from, to] })
      .then((rows): SectionFact[] => rows.map(([meetingId, elementId]) => ({ meetingId, elementId }))),
    rowsWhere(ctx, ForumFollowUp, 'followUps', (table) => `FROM ${table} t WHERE t.forum_id = ANY($1::uuid[]) AND t.due_on BETWEEN $2::date AND $3::date`, [forumIds, p.from, p.to]),
  ]);
  return { memberships, leaderTerms, meetings: dated(meetings), attendance, sections, followUps };
}

/**
 * Caps of the compliance answer (docs/fora.md "Bounded answers"): the summary counts everything,
 * the lists beside it stop here and say how many there are; `forumPage` pages the rest.
 */
/** Fora (`forums`, `regionalForums`) and units without a required forum (`missingForums.units`). */
export const COMPLIANCE_LIST_CAP = 25;
/** Rows per meeting of one forum: `shortMeetings`, `missingElements`, `leadershipViolations`. */
export const COMPLIANCE_MEETING_ROW_CAP = 10;

export interface ComplianceReport {
  municipality: Municipality;
  period: Window;
  forums: ForumCompliance[];
  missingForums: MissingForums[];
  summary: ComplianceSummary;
  /** The region's fora (no municipality): every municipality of the region takes part. */
  regionalForums: ForumCompliance[];
  regionalSummary: ComplianceSummary;
}

function compute(data: ComplianceData): ForumCompliance[] {
  const index = indexData(data);
  return data.forums.map((f) => forumCompliance(f, data, index)).filter((c): c is ForumCompliance => !!c);
}

/** forumCompliance(municipalityNumber:, period:): every forum of the municipality, units without a required forum, and a summary; beside them the region's fora, which every municipality takes part in. */
export async function municipalityCompliance(ctx: Context, municipalityNumber: string, periodText: string): Promise<ComplianceReport> {
  requireRole(ctx, COMPLIANCE_READERS, 'Reading fora compliance');
  assertKommunenummer(municipalityNumber, 'municipalityNumber');
  const [terms, kinds, [municipality]] = await Promise.all([readTerms(ctx), loadKindConfigs(ctx), ctx.loaders.list(Municipality, { number: municipalityNumber })]);
  if (!municipality) throw notFound({ key: 'common.notFound.municipalityInRegion', params: { number: municipalityNumber } });
  requireScope(holds(ctx.principal, Role.REGION_ADMIN) || holds(ctx.principal, Role.MUNICIPAL_DIRECTOR, municipality.id), {
    key: 'fora.errors.complianceOwnMunicipalityOnly',
    params: { name: municipality.name },
  });
  return complianceOf(ctx, municipality, periodText, { terms, kinds });
}

/**
 * The compliance report of a municipality as forumCompliance computes it, with no role check of its
 * own: for a caller that has already decided who may read it (the state-of-service report's
 * aggregated counts, docs/permissions.md), read with the caller's rights (RLS).
 */
export async function complianceOf(ctx: Context, municipality: Municipality, periodText: string, read?: { terms: TermDates; kinds: Map<string, KindConfig> }): Promise<ComplianceReport> {
  const [terms, kinds] = read ? [read.terms, read.kinds] : await Promise.all([readTerms(ctx), loadKindConfigs(ctx)]);
  const p = period(periodText, terms);
  const [allForums, units, allRegional] = await Promise.all([
    ctx.loaders.list(Forum, { municipalityId: municipality.id }, { name: 'ASC', id: 'ASC' }),
    ctx.loaders.list(Unit, { municipalityId: municipality.id }, { name: 'ASC' }),
    ctx.loaders.list(Forum, { municipalityId: null }, { name: 'ASC', id: 'ASC' }),
  ]);
  const forums = activeIn(allForums, p);
  const regional = activeIn(allRegional, p);
  const structure = await structureOf(
    ctx,
    [...forums, ...regional].map((f) => f.id),
    p,
  );
  const all = compute({ period: p, terms, today: todayOf(ctx), kinds, forums: [...forums, ...regional], units: new Map(units.map((u) => [u.id, u])), ...structure });
  const results = all.filter((c) => c.forum.municipalityId !== null);
  const regionalForums = all.filter((c) => c.forum.municipalityId === null);
  const missing = missingForums([...kinds.values()], units, allForums, p);
  return { municipality, period: p, forums: results, missingForums: missing, summary: summarize(results, missing), regionalForums, regionalSummary: summarize(regionalForums, []) };
}

/** Forum.compliance(period:): the same computation for the fora of a list, one batch per period. */
export async function forumComplianceOf(ctx: Context, forum: Forum, periodText: string): Promise<ForumCompliance | null> {
  if (!mayOversee(ctx, forum)) return null;
  return ctx.loaders
    .custom<string, ForumCompliance | null>(`fora:compliance:${periodText}`, async (ids) => {
      const [terms, kinds, forums, units] = await Promise.all([
        readTerms(ctx),
        loadKindConfigs(ctx),
        ctx.loaders.list(Forum, { id: [...ids] }),
        rowsWhere(ctx, Unit, 'unitsOfForums', (table) => `FROM ${table} t WHERE t.id IN (SELECT unit_id FROM forum WHERE id = ANY($1::uuid[]))`, [[...ids]]),
      ]);
      const p = period(periodText, terms);
      const structure = await structureOf(ctx, [...ids], p);
      const results = compute({ period: p, terms, today: todayOf(ctx), kinds, forums, units: new Map(units.map((u) => [u.id, u])), ...structure });
      return ids.map((id) => results.find((r) => r.forum.id === id) ?? null);
    })
    .load(forum.id);
}

export interface ServiceReport {
  service: SharedService;
  period: Window;
  owners: Municipality[];
  attendance: ServiceAttendanceRow[];
  load: ServiceLoad;
}

/**
 * The service a report is for: any the caller names as REGION_ADMIN; as SERVICE_LEADER one they
 * lead (the one they lead when they name none and lead one).
 */
function reportedServiceId(ctx: Context, serviceGlobalId: string | null | undefined): string | null {
  const p = ctx.principal;
  const asked = serviceGlobalId ? idOfType(serviceGlobalId, 'SharedService') : null;
  if (holds(p, Role.REGION_ADMIN)) {
    if (!serviceGlobalId) throw badInput('serviceId', 'required', { key: 'fora.errors.nameService' });
    return asked;
  }
  const led = facetsOf(p)
    .filter((f) => f.role === Role.SERVICE_LEADER)
    .flatMap(scopeIdsOf);
  if (serviceGlobalId) {
    requireScope(!!asked && led.includes(asked), { key: 'fora.errors.serviceLeaderOwnServiceOnly' });
    return asked;
  }
  if (led.length > 1) throw badInput('serviceId', 'required', { key: 'fora.errors.severalServices' });
  return led[0] ?? null;
}

/**
 * serviceForumLoad(period:, serviceId:): a shared service's attendance in the fora of its owner
 * municipalities in the period, and the hours of meetings the cadence rules put on its staff.
 */
export async function serviceForumReport(ctx: Context, periodText: string, serviceGlobalId: string | null | undefined): Promise<ServiceReport> {
  requireRole(ctx, LOAD_READERS, "Reading a service's fora attendance and load");
  const serviceId = reportedServiceId(ctx, serviceGlobalId);
  const [terms, kinds, service] = await Promise.all([readTerms(ctx), loadKindConfigs(ctx), serviceId ? ctx.loaders.byId(SharedService).load(serviceId) : null]);
  if (!service) throw notFound({ key: 'common.notFound.sharedService' });
  const p = period(periodText, terms);
  const owners = await rowsWhere(
    ctx,
    Municipality,
    'serviceOwners',
    (table) => `FROM ${table} t WHERE t.id IN (SELECT o.municipality_id FROM ownership_period_owner o JOIN ownership_period op ON op.id = o.period_id
                      WHERE op.service_id = $1::uuid AND op.valid_from <= $3::date AND (op.valid_to IS NULL OR op.valid_to >= $2::date))`,
    [service.id, p.from, p.to],
    ['t.number ASC'],
  );
  const ownerIds = owners.map((m) => m.id);
  const { from, to } = instants(p);
  // The fora of the owners and the region's fora of no municipality.
  const ofOwners = '(f.municipality_id = ANY($2::uuid[]) OR f.municipality_id IS NULL)';
  // The held meetings by their fora (index forum_id, starts_at: one short range per forum) rather
  // than by date alone, which walked the whole index for every region's meetings of the period
  // (EXPLAIN in docs/scaling.md, "National figures"); the service's attendance rows by meeting,
  // kept when their membership is the service's (no join per row).
  const heldMeetingIds = `SELECT m.id FROM forum_meeting m WHERE m.forum_id = ANY (ARRAY(SELECT f.id FROM forum f WHERE ${ofOwners}))
          AND m.starts_at >= $4 AND m.starts_at < $5 AND m.status = $3::text`;
  const heldParams = [service.id, ownerIds, ForumMeetingStatus.HELD, from, to];
  const [units, forums, memberships, meetings, attendanceRows] = await Promise.all([
    ctx.loaders.list(Unit, { municipalityId: ownerIds }),
    rowsWhere(ctx, Forum, 'forumsOfOwners', (table) => `FROM ${table} t WHERE t.municipality_id = ANY($1::uuid[]) OR t.municipality_id IS NULL`, [ownerIds]),
    rowsWhere(ctx, ForumMembership, 'serviceMemberships', (table) => `FROM ${table} t JOIN forum f ON f.id = t.forum_id WHERE t.service_id = $1::uuid AND ${ofOwners}`, [service.id, ownerIds]),
    // Counted, never shown: [id, forum, start] of each held meeting, not whole rows.
    ctx.db
      .read<[string, string, string][]>({
        sql: `SELECT coalesce(json_agg(json_build_array(t.id, t.forum_id, t.starts_at)), '[]') FROM forum_meeting t
          WHERE t.forum_id = ANY (ARRAY(SELECT f.id FROM forum f WHERE f.municipality_id = ANY($4::uuid[]) OR f.municipality_id IS NULL))
            AND t.starts_at >= $2 AND t.starts_at < $3 AND t.status = $1::text`,
        params: [ForumMeetingStatus.HELD, from, to, ownerIds],
      })
      .then((rows): HeldMeeting[] => rows.map(([id, forumId, startsAt]) => ({ meeting: { id, forumId }, date: osloDate(new Date(startsAt)) }))),
    attendanceWhere(ctx, `WHERE t.meeting_id = ANY (ARRAY(${heldMeetingIds})) AND t.membership_id = ANY (ARRAY(SELECT ms.id FROM forum_membership ms WHERE ms.service_id = $1::uuid))`, heldParams),
  ]);
  const now = todayOf(ctx);
  const configs: KindConfig[] = [...kinds.values()];
  return {
    service,
    period: p,
    owners,
    attendance: serviceAttendance({ owners, forums, kinds, memberships, meetings, attendance: attendanceRows }),
    // The load is today's: units open today, fora active today, the kinds' current rules.
    load: serviceLoad({ service, owners, units: units.filter((u) => unitOpenIn(u, { from: now, to: now })), forums: activeIn(forums, { from: now, to: now }), kinds: configs, terms }),
  };
}
