import { EntityManager } from 'typeorm';
import { actsAt, facetsOf, Principal, Role, scopeIdsOf } from '../../auth/roles';
import { asAnyFacet, Context } from '../../context';
import { Forum, ForumMeeting } from '../../entities/fora';
import { ReadRule, requireScope } from '../access';
import { findByGlobalId } from '../lookup';

/**
 * Who may do what with a forum. The same rules are the RLS policies of
 * migrations/1732600000000-fora-schema.ts (insiderOf, runnerOf, managerOf, overseenOf: subqueries
 * on `forum` in the policies); here they give a FORBIDDEN with a reason before any write.
 */

/** Roles that work with fora at all (others: FORBIDDEN). */
export const FORA_ROLES = [Role.REGION_ADMIN, Role.SERVICE_LEADER, Role.MUNICIPAL_DIRECTOR, Role.TST_LEADER, Role.TST_MEMBER];
/** Create fora and change them: REGION_ADMIN anywhere, MUNICIPAL_DIRECTOR in their municipality. */
export const FORUM_CREATORS = [Role.REGION_ADMIN, Role.MUNICIPAL_DIRECTOR];
/** Memberships and leaders: also the TST_LEADER of the forum's unit. */
export const FORUM_MANAGERS = [Role.REGION_ADMIN, Role.MUNICIPAL_DIRECTOR, Role.TST_LEADER];
/** Plan and record meetings, consents, calendar token: the forum's own leader (see isRunner). */
export const FORUM_RUNNERS = [Role.REGION_ADMIN, Role.MUNICIPAL_DIRECTOR, Role.TST_LEADER];

const isUnitForum = (f: Forum) => f.unitId !== null;
const isMunicipalForum = (f: Forum) => f.unitId === null && f.municipalityId !== null;
const isRegionalForum = (f: Forum) => f.municipalityId === null;
const TST_ROLES = [Role.TST_LEADER, Role.TST_MEMBER];

/*
 * Each rule is judged as each role the caller acts with (one facet per role, `asAnyFacet`): a
 * kommunedirektør who also sits in a TST is an insider of their municipality's fora and of their
 * TST's forum, and leads only where one of their roles leads.
 */

function insiderAs(p: Principal, f: Forum): boolean {
  if (isUnitForum(f)) return TST_ROLES.includes(p.role) && actsAt(p, f.unitId);
  if (isMunicipalForum(f)) return p.role === Role.MUNICIPAL_DIRECTOR && actsAt(p, f.municipalityId);
  return isRegionalForum(f) && p.role === Role.REGION_ADMIN;
}

function managerAs(p: Principal, f: Forum): boolean {
  if (p.role === Role.REGION_ADMIN) return true;
  if (p.role === Role.MUNICIPAL_DIRECTOR) return actsAt(p, f.municipalityId);
  return p.role === Role.TST_LEADER && actsAt(p, f.unitId);
}

function overseerAs(p: Principal, f: Forum): boolean {
  if (p.role === Role.REGION_ADMIN || p.role === Role.SERVICE_LEADER) return true;
  // A regional forum is every municipality's: its directors oversee it (1733752000000-fora-regional-oversight).
  if (p.role === Role.MUNICIPAL_DIRECTOR) return isRegionalForum(f) || actsAt(p, f.municipalityId);
  return TST_ROLES.includes(p.role) && actsAt(p, f.unitId);
}

/** Reads minutes, agenda items and case items: the unit's TST (unit fora), the director (municipal fora), REGION_ADMIN (regional fora). */
export function isInsider(ctx: Context, f: Forum): boolean {
  return asAnyFacet(ctx, (c) => insiderAs(c.principal, f));
}

/** Plans and records meetings: an insider who leads (not a TST_MEMBER) — by one and the same role. */
export function isRunner(ctx: Context, f: Forum): boolean {
  return asAnyFacet(ctx, (c) => c.principal.role !== Role.TST_MEMBER && insiderAs(c.principal, f));
}

/** Changes memberships and leaders. */
export function isManager(ctx: Context, f: Forum): boolean {
  return asAnyFacet(ctx, (c) => managerAs(c.principal, f));
}

/** Reads the structure (meetings, attendance, follow-up dates): insiders and oversight. */
export function mayOversee(ctx: Context, f: Forum): boolean {
  return asAnyFacet(ctx, (c) => overseerAs(c.principal, f));
}

/**
 * The fora the caller oversees, as a filter for list queries: the whole region (a REGION_ADMIN or
 * SERVICE_LEADER facet), else the union of the municipalities it directs, the units whose TST it
 * sits in (each facet's scopes) and, for a director, the regional fora. The same rule as `mayOversee`.
 */
export function overseenScope(p: Principal): 'region' | { municipalityIds: string[]; unitIds: string[]; regional: boolean } {
  const facets = facetsOf(p);
  if (facets.some((f) => f.role === Role.REGION_ADMIN || f.role === Role.SERVICE_LEADER)) return 'region';
  const scopes = (roles: Role[]) => [...new Set(facets.filter((f) => roles.includes(f.role)).flatMap(scopeIdsOf))];
  return { municipalityIds: scopes([Role.MUNICIPAL_DIRECTOR]), unitIds: scopes(TST_ROLES), regional: facets.some((f) => f.role === Role.MUNICIPAL_DIRECTOR) };
}

/** The forum of a row of one of its tables (a forum is its own). */
async function forumOf(ctx: Context, row: Forum | { forumId: string }): Promise<Forum | null> {
  return row instanceof Forum ? row : ctx.loaders.byId(Forum).load(row.forumId);
}

/**
 * The read rules of the fora matrix (docs/permissions.md): each list query applies its rule
 * (`requireRead`), `node(id:)` and the audit trail apply the same one (src/services/access.ts).
 */
/** `forumKinds`, `forumTerms`: the kinds and term dates (readForumKinds). */
export const READ_FORUM_KINDS: ReadRule = { action: 'Reading forum kinds and terms', roles: FORA_ROLES };
/** `forums`, `forum`: fora and their structure (members, meetings, attendance, follow-up dates), for those who oversee the forum (readForums). */
export const READ_FORUMS: ReadRule<Forum | { forumId: string }> = {
  action: 'Reading fora',
  roles: FORA_ROLES,
  wholeRegion: [Role.REGION_ADMIN, Role.SERVICE_LEADER],
  row: async (ctx, row) => {
    const forum = await forumOf(ctx, row);
    return !!forum && mayOversee(ctx, forum);
  },
};
/** Minutes, agenda and case items, consents, follow-up texts: the forum's insiders (readForumContent). RLS of the content tables says the same. */
export const READ_FORUM_CONTENT: ReadRule<{ forumId: string }> = {
  action: 'Reading forum content',
  roles: FORA_ROLES,
  wholeRegion: [],
  row: async (ctx, row) => {
    const forum = await forumOf(ctx, row);
    return !!forum && isInsider(ctx, forum);
  },
};

/** A case referred between fora (`ForumCaseReferral`): the insiders of the sending and of the receiving forum. RLS says the same. */
export const READ_FORUM_REFERRALS: ReadRule<{ fromForumId: string; toForumId: string }> = {
  action: 'Reading referred cases',
  roles: FORA_ROLES,
  wholeRegion: [],
  row: async (ctx, row) => {
    const fora = await ctx.loaders.byId(Forum).loadMany([row.fromForumId, row.toForumId]);
    return fora.some((f) => f instanceof Forum && isInsider(ctx, f));
  },
};

/** The calendar feed's state (`Forum.calendar`): the forum's own leader. */
export const READ_FORUM_CALENDAR: ReadRule<{ forumId: string }> = {
  action: "Reading a forum's calendar link",
  roles: FORUM_RUNNERS,
  wholeRegion: [],
  row: async (ctx, row) => {
    const forum = await forumOf(ctx, row);
    return !!forum && isRunner(ctx, forum);
  },
};

/**
 * For the audit trail: the recorded row of `table` is one the caller may read now, by the table's
 * own read policy (RLS: insiders for content, runners for calendar links). For rows that are never
 * deleted and never leave their forum, that is exactly the rule above.
 */
export const recordedRowReadable = (table: string) => () => `EXISTS (SELECT 1 FROM ${table} x WHERE x.id = a.entity_id)`;

/** A forum by global ID that the caller runs (NOT_FOUND on `field`, or FORBIDDEN). */
export async function runForum(tx: EntityManager, ctx: Context, globalId: string, field: string): Promise<Forum> {
  const forum = await findByGlobalId(tx, Forum, globalId, field, 'forum');
  requireScope(isRunner(ctx, forum), { key: 'fora.errors.onlyForumLeader', params: { forum: forum.name } });
  return forum;
}

/** A meeting by global ID whose forum the caller runs. */
export async function runMeeting(tx: EntityManager, ctx: Context, globalId: string, field: string): Promise<{ meeting: ForumMeeting; forum: Forum }> {
  const meeting = await findByGlobalId(tx, ForumMeeting, globalId, field, 'meeting');
  const forum = await tx.getRepository(Forum).findOneByOrFail({ id: meeting.forumId });
  requireScope(isRunner(ctx, forum), { key: 'fora.errors.onlyLeaderChangesMeetings', params: { forum: forum.name } });
  return { meeting, forum };
}

/** A forum by global ID whose memberships the caller may change. */
export async function manageForum(tx: EntityManager, ctx: Context, globalId: string, field: string): Promise<Forum> {
  const forum = await findByGlobalId(tx, Forum, globalId, field, 'forum');
  requireScope(isManager(ctx, forum), { key: 'fora.errors.mayNotChangeMembers', params: { forum: forum.name } });
  return forum;
}
