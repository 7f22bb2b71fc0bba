import { EntityManager } from 'typeorm';
import { Context } from '../../context';
import { Forum, ForumMembership, ForumRole } from '../../entities/fora';
import { findByGlobalId } from '../lookup';
import { RuleCheck, userError } from '../user-errors';

/**
 * Seats held by a role in another forum (seed 003: "leder av tverrfaglig samarbeidsgruppe blir også
 * deltaker i styringsgruppa/politiråd"). Such a membership names no person or service: it is held
 * by whoever holds the role (LEADER: the leader term of that day) in the other forum, so when that
 * forum changes leader the seat follows. Attendance and mandatory seats treat it as any seat.
 * The SQL functions forum_seat_holders and forum_seat_cycle
 * (migrations/1733770000000-fora-minutes-referrals-role-seats.ts) resolve the holder and refuse
 * cycles; a trigger refuses a cycle as well.
 */

/** The other forum of a seat defined by a role, checked into `rules` (not itself, open, no cycle). */
export async function roleSeatForum(tx: EntityManager, forum: Forum, roleForumId: string, validFrom: string, rules: RuleCheck): Promise<Forum | null> {
  const other = await findByGlobalId(tx, Forum, roleForumId, 'roleForumId', 'forum');
  if (other.id === forum.id) {
    rules.add(userError('roleForumId', 'fora.roleSeatOwnForum'));
    return null;
  }
  if (other.closedOn !== null && other.closedOn < validFrom) rules.add(userError('roleForumId', 'fora.roleForumClosed', { name: other.name, closedOn: other.closedOn }));
  const [row] = (await tx.query(`SELECT forum_seat_cycle($1, $2) AS cycle`, [forum.id, other.id])) as { cycle: boolean }[];
  if (row?.cycle) {
    rules.add(userError('roleForumId', 'fora.roleSeatCycle', { other: other.name, forum: forum.name }));
  }
  return other;
}

export interface SeatHolder {
  /** The membership that holds the seat: the seat itself, or the other forum's member holding the role. */
  membershipId: string;
  personName: string | null;
  serviceId: string | null;
}

/** Who holds each seat on `date`: one read per batch of memberships and date. */
export async function seatHolder(ctx: Context, membership: ForumMembership, date: string): Promise<SeatHolder | null> {
  if (!membership.roleForumId) return { membershipId: membership.id, personName: membership.personName, serviceId: membership.serviceId };
  return ctx.loaders
    .custom<string, SeatHolder | null>(`fora:seatHolders:${date}`, async (ids) => {
      const rows = await ctx.db.read<{ membership_id: string; holder_id: string; person_name: string | null; service_id: string | null }[]>({
        sql: `SELECT coalesce(json_agg(h), '[]'::json) FROM forum_seat_holders($1::uuid[], $2::date) h`,
        params: [[...ids], date],
      });
      const byId = new Map(rows.map((r) => [r.membership_id, { membershipId: r.holder_id, personName: r.person_name, serviceId: r.service_id }]));
      return ids.map((id) => byId.get(id) ?? null);
    })
    .load(membership.id);
}

export const ROLE_LABEL: Record<ForumRole, string> = { [ForumRole.LEADER]: 'leader' };
