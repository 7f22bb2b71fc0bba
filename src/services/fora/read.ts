import { EntityManager, ObjectLiteral } from 'typeorm';
import { Context } from '../../context';
import {
  Forum,
  ForumAgendaItem,
  ForumAgendaSection,
  ForumAttendance,
  ForumCalendarToken,
  ForumCaseConsent,
  ForumCaseItem,
  ForumFollowUp,
  ForumFollowUpNote,
  ForumKind,
  ForumKindAgendaElement,
  ForumKindCadence,
  ForumKindMember,
  ForumKindRuleVersion,
  ForumLeaderTerm,
  ForumMeeting,
  ForumMeetingStatus,
  ForumMembership,
  ForumMinutes,
  ForumTermSetting,
  ForumUnit,
} from '../../entities/fora';
import { Municipality } from '../../entities/reference/municipality';
import { Unit } from '../../entities/reference/unit';
import { aggregate, Conditions, conditionsPageRead, sqlOf } from '../../db/reads';
import { idOfType } from '../../global-id';
import { badInput } from '../../errors';
import { mayRead, requireRead, requireScope } from '../access';
import { PageRequest, pageWindow, PageWindow, toConnection } from '../paging';
import { assertKommunenummer } from '../reference/kommunenummer';
import { KindConfig } from './compliance';
import { isInsider, mayOversee, overseenScope, READ_FORUM_KINDS, READ_FORUMS } from './guard';
import { addDays, DEFAULT_TERMS, TermDates } from './periods';
import { osloInstant } from './time';
import { isActiveOn } from './values';
import { RulesInForce, ruleTimeline } from './rules';

const BY_POSITION = { position: 'ASC', id: 'ASC' } as const;

/** Per-request batched relations of the fora feature; every field resolver goes through these. */
export const foraLoaders = {
  kind: (ctx: Context, id: string) => ctx.loaders.byId(ForumKind).load(id),
  kindMembers: (ctx: Context, kindId: string) => ctx.loaders.manyBy(ForumKindMember, 'kindId', BY_POSITION).load(kindId),
  kindCadence: (ctx: Context, kindId: string) => ctx.loaders.manyBy(ForumKindCadence, 'kindId', BY_POSITION).load(kindId),
  kindElements: (ctx: Context, kindId: string) => ctx.loaders.manyBy(ForumKindAgendaElement, 'kindId', BY_POSITION).load(kindId),
  memberships: (ctx: Context, forumId: string) => ctx.loaders.manyBy(ForumMembership, 'forumId', { validFrom: 'ASC', id: 'ASC' }).load(forumId),
  leaderTerms: (ctx: Context, forumId: string) => ctx.loaders.manyBy(ForumLeaderTerm, 'forumId', { validFrom: 'ASC' }).load(forumId),
  groupUnits: async (ctx: Context, forumId: string): Promise<Unit[]> => {
    const rows = await ctx.loaders.manyBy(ForumUnit, 'forumId').load(forumId);
    const units = await ctx.loaders.byId(Unit).loadMany(rows.map((r) => r.unitId));
    return units.filter((u): u is Unit => u instanceof Unit).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  },
  attendance: (ctx: Context, meetingId: string) => ctx.loaders.manyBy(ForumAttendance, 'meetingId').load(meetingId),
  sections: (ctx: Context, meetingId: string) => ctx.loaders.manyBy(ForumAgendaSection, 'meetingId').load(meetingId),
  followUpsOfMeeting: (ctx: Context, meetingId: string) => ctx.loaders.manyBy(ForumFollowUp, 'meetingId', BY_POSITION).load(meetingId),
  // Content: RLS returns rows to the forum's insiders only; others get nothing (not even a query).
  agendaItems: (ctx: Context, forum: Forum, meetingId: string) => (isInsider(ctx, forum) ? ctx.loaders.manyBy(ForumAgendaItem, 'meetingId', BY_POSITION).load(meetingId) : []),
  caseItems: (ctx: Context, forum: Forum, meetingId: string) => (isInsider(ctx, forum) ? ctx.loaders.manyBy(ForumCaseItem, 'meetingId', BY_POSITION).load(meetingId) : []),
  minutes: async (ctx: Context, forum: Forum, meetingId: string) => (isInsider(ctx, forum) ? ((await ctx.loaders.manyBy(ForumMinutes, 'meetingId').load(meetingId))[0]?.text ?? null) : null),
  followUpNote: async (ctx: Context, forum: Forum, followUpId: string) =>
    isInsider(ctx, forum) ? ((await ctx.loaders.manyBy(ForumFollowUpNote, 'followUpId').load(followUpId))[0]?.description ?? null) : null,
  consents: (ctx: Context, forum: Forum) => (isInsider(ctx, forum) ? ctx.loaders.manyBy(ForumCaseConsent, 'forumId', { givenOn: 'ASC', id: 'ASC' }).load(forum.id) : []),
  calendarToken: async (ctx: Context, forumId: string) => (await ctx.loaders.manyBy(ForumCalendarToken, 'forumId').load(forumId))[0] ?? null,
  forum: (ctx: Context, id: string) => ctx.loaders.byId(Forum).load(id),
};

/** The kind with everything its rules need. */
export async function kindConfig(ctx: Context, kind: ForumKind): Promise<KindConfig> {
  const [members, cadence, elements] = await Promise.all([foraLoaders.kindMembers(ctx, kind.id), foraLoaders.kindCadence(ctx, kind.id), foraLoaders.kindElements(ctx, kind.id)]);
  return { kind, members, cadence, elements };
}

/** Every version of a kind's rules, oldest first (rules.ts). */
export async function kindRuleVersions(ctx: Context, kind: ForumKind): Promise<RulesInForce[]> {
  const [cadence, history] = await Promise.all([foraLoaders.kindCadence(ctx, kind.id), ctx.loaders.manyBy(ForumKindRuleVersion, 'kindId', { validFrom: 'ASC' }).load(kind.id)]);
  return ruleTimeline(kind, cadence, history);
}

/** Every kind of the region with members, rules (and their earlier versions) and template: five reads of one wave whatever the number. */
export async function loadKindConfigs(ctx: Context): Promise<Map<string, KindConfig>> {
  const [kinds, members, cadence, elements, history] = await Promise.all([
    ctx.loaders.list(ForumKind, {}, { name: 'ASC' }),
    ctx.loaders.list(ForumKindMember, {}, BY_POSITION),
    ctx.loaders.list(ForumKindCadence, {}, BY_POSITION),
    ctx.loaders.list(ForumKindAgendaElement, {}, BY_POSITION),
    ctx.loaders.list(ForumKindRuleVersion, {}, { validFrom: 'ASC' }),
  ]);
  return new Map(
    kinds.map((kind) => [
      kind.id,
      {
        kind,
        members: members.filter((m) => m.kindId === kind.id),
        cadence: cadence.filter((c) => c.kindId === kind.id),
        elements: elements.filter((e) => e.kindId === kind.id),
        history: history.filter((h) => h.kindId === kind.id),
      },
    ]),
  );
}

/** The region's settings, each from its year (periods.ts `termDatesOf`); the latest on top. */
function termDates(rows: ForumTermSetting[]): TermDates {
  if (!rows.length) return DEFAULT_TERMS;
  const byYear = [...rows]
    .sort((a, b) => a.fromYear - b.fromYear)
    .map((r) => ({ fromYear: r.fromYear, springStart: r.springStart, springEnd: r.springEnd, autumnStart: r.autumnStart, autumnEnd: r.autumnEnd }));
  const { fromYear: _latest, ...latest } = byYear[byYear.length - 1];
  return { ...latest, byYear };
}

/** The region's term dates (defaults when it has set none), in a mutation: read through its `tx`. */
export async function loadTerms(tx: EntityManager): Promise<TermDates> {
  return termDates(await tx.getRepository(ForumTermSetting).find());
}

/** The region's term dates (defaults when it has set none), through the read path. */
export async function readTerms(ctx: Context): Promise<TermDates> {
  return termDates(await ctx.loaders.list(ForumTermSetting));
}

/** The setting in force this year (or the latest, from a later year, when one is set). */
export async function termSettings(ctx: Context): Promise<TermDates & { isDefault: boolean; fromYear: number }> {
  requireRead(ctx, READ_FORUM_KINDS);
  const rows = await ctx.loaders.list(ForumTermSetting);
  const latest = [...rows].sort((a, b) => b.fromYear - a.fromYear)[0];
  return { ...(latest ?? DEFAULT_TERMS), isDefault: !latest, fromYear: latest?.fromYear ?? 2000 };
}

export async function listForumKinds(ctx: Context): Promise<ForumKind[]> {
  requireRead(ctx, READ_FORUM_KINDS);
  return ctx.loaders.list(ForumKind, {}, { name: 'ASC', id: 'ASC' });
}

export interface ForumFilter extends PageRequest {
  municipalityNumber?: string | null;
  kindCode?: string | null;
}

/**
 * Fora the caller oversees, by name: REGION_ADMIN and SERVICE_LEADER the region, a
 * MUNICIPAL_DIRECTOR their municipality and the regional fora, TST roles their units — for a caller with several roles,
 * the union of what each of them oversees (`overseenScope`).
 */
export async function listForums(ctx: Context, filter: ForumFilter) {
  requireRead(ctx, READ_FORUMS);
  const window = pageWindow(filter);
  if (filter.municipalityNumber) assertKommunenummer(filter.municipalityNumber, 'municipalityNumber');
  if (filter.kindCode && !/^[a-z0-9-]{2,60}$/.test(filter.kindCode)) throw badInput('kindCode', 'pattern', { key: 'fora.errors.kindCodeFormat' });
  const scope = overseenScope(ctx.principal);
  const where = new Conditions();
  if (scope !== 'region') {
    // The union of the caller's roles: the fora of the municipalities it directs, or of the units whose TST it sits in.
    where.add(
      'overseen',
      [scope.municipalityIds, scope.unitIds, scope.regional],
      (m, u, r) => `(t.municipality_id = ANY(${m}::uuid[]) OR t.unit_id = ANY(${u}::uuid[]) OR (${r}::boolean AND t.municipality_id IS NULL))`,
    );
  }
  if (filter.municipalityNumber) where.add('number', [filter.municipalityNumber], (n) => `t.municipality_id = (SELECT id FROM municipality WHERE number = ${n}::text)`);
  if (filter.kindCode) where.add('kind', [filter.kindCode], (k) => `t.kind_id = (SELECT id FROM forum_kind WHERE code = ${k}::text)`);
  const { rows, total } = await ctx.loaders.readPage(Forum, conditionsPageRead(ctx.db.rows(Forum), 'fora:forums', where, ['t.name ASC', 't.id ASC'], window));
  return toConnection(rows, total, window.offset);
}

/** A forum by global ID; null if it does not exist; FORBIDDEN outside the caller's oversight. */
export async function findForum(ctx: Context, globalId: string): Promise<Forum | null> {
  requireRead(ctx, READ_FORUMS);
  const id = idOfType(globalId, 'Forum');
  const forum = id ? await ctx.loaders.byId(Forum).load(id) : null;
  if (forum) requireScope(await mayRead(ctx, READ_FORUMS, forum), { key: 'fora.errors.outsideYourScope', params: { forum: forum.name } });
  return forum;
}

export interface MeetingFilter extends PageRequest {
  from?: Date | string | null;
  to?: Date | string | null;
  status?: ForumMeetingStatus | null;
}

/**
 * One page of rows per forum in SQL (row_number per forum, with each forum's total): one read per
 * batch. `where` (over `t`) and `order` are SQL text fixed per `key`; `params` are `$2 …`. The
 * forum is the row's `forum_id`, or another forum column (`by`: e.g. a referral's `to_forum_id`).
 */
export async function pagePerForum<T extends ObjectLiteral & { id: string }>(
  ctx: Context,
  entity: new () => T,
  key: string,
  forumIds: readonly string[],
  where: string,
  params: unknown[],
  order: string,
  window: PageWindow,
  by: { column: string; of: (row: T) => string } = { column: 'forum_id', of: (row) => (row as unknown as { forumId: string }).forumId },
): Promise<{ rows: T[]; total: number }[]> {
  const rows = ctx.db.rows(entity);
  const first = params.length + 2;
  const sql = sqlOf(
    rows,
    key,
    () => `SELECT ${aggregate(rows.json('w', ['w.__rn', 'w.__total']), ['w.__rn'])} FROM (
       SELECT t.*, row_number() OVER (PARTITION BY t.${by.column} ORDER BY ${order}, t.id) AS __rn, count(*) OVER (PARTITION BY t.${by.column})::int AS __total
         FROM ${rows.table} t WHERE t.${by.column} = ANY($1) ${where}
     ) w WHERE w.__rn = 1 OR (w.__rn > $${first} AND w.__rn <= $${first + 1})`,
  );
  const found = await ctx.loaders.readRows(entity, { sql, params: [[...forumIds], ...params, window.offset, window.offset + window.limit] });
  const pages = new Map<string, { rows: T[]; total: number }>(forumIds.map((id) => [id, { rows: [], total: 0 }]));
  for (const { row, values } of found) {
    const page = pages.get(by.of(row));
    if (!page) continue;
    const rn = values[rows.width] as number;
    page.total = values[rows.width + 1] as number;
    if (rn > window.offset && rn <= window.offset + window.limit) page.rows.push(row);
  }
  return forumIds.map((id) => pages.get(id)!);
}

const dateText = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString().slice(0, 10));

/** A forum's meetings, newest first, optionally between two dates (local) and of one status. */
export async function forumMeetings(ctx: Context, forum: Forum, filter: MeetingFilter) {
  const window = pageWindow(filter);
  if (!mayOversee(ctx, forum)) return toConnection([], 0, window.offset);
  const from = filter.from ? osloInstant(dateText(filter.from)) : null;
  const to = filter.to ? osloInstant(addDays(dateText(filter.to), 1)) : null;
  const key = `fora:meetings:${from?.toISOString()}:${to?.toISOString()}:${filter.status}:${window.offset}:${window.limit}`;
  const page = await ctx.loaders
    .custom<string, { rows: ForumMeeting[]; total: number }>(key, async (ids) => {
      return pagePerForum(
        ctx,
        ForumMeeting,
        'fora:meetings',
        ids,
        'AND ($2::timestamptz IS NULL OR t.starts_at >= $2) AND ($3::timestamptz IS NULL OR t.starts_at < $3) AND ($4::text IS NULL OR t.status = $4)',
        [from, to, filter.status ?? null],
        't.starts_at DESC',
        window,
      );
    })
    .load(forum.id);
  return toConnection(page.rows, page.total, window.offset);
}

export interface FollowUpFilter extends PageRequest {
  open?: boolean | null;
}

/** A forum's follow-ups by due date; `open: true` only those not done. */
export async function forumFollowUps(ctx: Context, forum: Forum, filter: FollowUpFilter) {
  const window = pageWindow(filter);
  if (!mayOversee(ctx, forum)) return toConnection([], 0, window.offset);
  const open = filter.open ?? null;
  const page = await ctx.loaders
    .custom<string, { rows: ForumFollowUp[]; total: number }>(`fora:followUps:${open}:${window.offset}:${window.limit}`, async (ids) => {
      return pagePerForum(ctx, ForumFollowUp, 'fora:followUps', ids, 'AND ($2::boolean IS NULL OR (t.done_on IS NULL) = $2)', [open], 't.due_on ASC, t.position ASC', window);
    })
    .load(forum.id);
  return toConnection(page.rows, page.total, window.offset);
}

export const municipalityOf = (ctx: Context, forum: Forum) => (forum.municipalityId ? ctx.loaders.byId(Municipality).load(forum.municipalityId) : null);
export const unitOf = (ctx: Context, forum: Forum) => (forum.unitId ? ctx.loaders.byId(Unit).load(forum.unitId) : null);
export const forumOfRow = async (ctx: Context, row: { forumId: string }): Promise<Forum> => (await foraLoaders.forum(ctx, row.forumId))!;

/** A forum's memberships in the order of the kind's seats (then by start). */
export async function membershipsInSeatOrder(ctx: Context, forum: Forum): Promise<ForumMembership[]> {
  const [rows, seats] = await Promise.all([foraLoaders.memberships(ctx, forum.id), foraLoaders.kindMembers(ctx, forum.kindId)]);
  const position = new Map(seats.map((s) => [s.id, s.position]));
  return [...rows].sort((a, b) => (position.get(a.kindMemberId) ?? 0) - (position.get(b.kindMemberId) ?? 0) || a.validFrom.localeCompare(b.validFrom));
}

/** The rows valid on a date (memberships, leader terms). */
export const activeOn = <T extends { validFrom: string; validTo: string | null }>(rows: T[], date: string) => rows.filter((r) => isActiveOn(r, date));
