import { Brackets, EntityManager } from 'typeorm';
import { Role } from '../../auth/roles';
import { Context } from '../../context';
import { Forum, ForumAgendaSection, ForumAttendance, ForumFollowUp, ForumLeaderTerm, ForumMeeting, ForumMeetingStatus, ForumMembership } from '../../entities/fora';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { Unit } from '../../entities/reference/unit';
import { badInput, notFound } from '../../errors';
import { idOfType } from '../../global-id';
import { requireRole, requireScope } from '../access';
import { today } from '../dates';
import { assertKommunenummer } from '../reference/kommunenummer';
import { activeIn, ComplianceData, ComplianceSummary, DatedMeeting, ForumCompliance, forumCompliance, indexData, KindConfig, loadRange, MissingForums, missingForums, summarize } from './compliance';
import { mayOversee } from './guard';
import { ServiceAttendanceRow, serviceAttendance, ServiceLoad, serviceLoad } from './load';
import { addDays, DateRange, parsePeriod, PERIOD_FORMAT, TermDates, Window } from './periods';
import { loadKindConfigs, loadTerms } from './read';
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

/** Six statements: memberships, leaders, meetings, attendance, agenda sections and follow-ups of the fora. */
async function structureOf(em: EntityManager, forumIds: string[], p: Window) {
  const { from, to } = instants(loadRange(p));
  const inRange = <T extends object>(entity: new () => T) =>
    em
      .getRepository(entity)
      .createQueryBuilder('r')
      .innerJoin(ForumMeeting, 'm', 'm.id = r.meeting_id')
      .where('r.forum_id = ANY(:ids) AND m.starts_at >= :from AND m.starts_at < :to', { ids: forumIds, from, to })
      .getMany();
  const [memberships, leaderTerms, meetings, attendance, sections, followUps] = await Promise.all([
    em.getRepository(ForumMembership).createQueryBuilder('r').where('r.forum_id = ANY(:ids)', { ids: forumIds }).getMany(),
    em.getRepository(ForumLeaderTerm).createQueryBuilder('r').where('r.forum_id = ANY(:ids)', { ids: forumIds }).getMany(),
    em.getRepository(ForumMeeting).createQueryBuilder('m').where('m.forum_id = ANY(:ids) AND m.starts_at >= :from AND m.starts_at < :to', { ids: forumIds, from, to }).getMany(),
    inRange(ForumAttendance),
    inRange(ForumAgendaSection),
    em.getRepository(ForumFollowUp).createQueryBuilder('f').where('f.forum_id = ANY(:ids) AND f.due_on BETWEEN :a AND :b', { ids: forumIds, a: p.from, b: p.to }).getMany(),
  ]);
  return { memberships, leaderTerms, meetings: dated(meetings), attendance, sections, followUps };
}

export interface ComplianceReport {
  municipality: Municipality;
  period: Window;
  forums: ForumCompliance[];
  missingForums: MissingForums[];
  summary: ComplianceSummary;
}

function compute(data: ComplianceData): ForumCompliance[] {
  const index = indexData(data);
  return data.forums.map((f) => forumCompliance(f, data, index)).filter((c): c is ForumCompliance => !!c);
}

/** forumCompliance(municipalityNumber:, period:): every forum of the municipality, units without a required forum, and a summary. */
export async function municipalityCompliance(ctx: Context, municipalityNumber: string, periodText: string): Promise<ComplianceReport> {
  requireRole(ctx, COMPLIANCE_READERS, 'Reading fora compliance');
  assertKommunenummer(municipalityNumber, 'municipalityNumber');
  const em = await ctx.db.manager();
  const [terms, kinds, municipality] = await Promise.all([loadTerms(em), loadKindConfigs(em), em.getRepository(Municipality).findOneBy({ number: municipalityNumber })]);
  if (!municipality) throw notFound(`Municipality ${municipalityNumber} in your region`);
  requireScope(ctx.principal.role === Role.REGION_ADMIN || municipality.id === ctx.principal.municipalityId, `You may only read the compliance of your own municipality, not ${municipality.name}.`);
  const p = period(periodText, terms);
  const [allForums, units] = await Promise.all([
    em.getRepository(Forum).find({ where: { municipalityId: municipality.id }, order: { name: 'ASC', id: 'ASC' } }),
    em.getRepository(Unit).find({ where: { municipalityId: municipality.id }, order: { name: 'ASC' } }),
  ]);
  const forums = activeIn(allForums, p);
  const structure = await structureOf(
    em,
    forums.map((f) => f.id),
    p,
  );
  const results = compute({ period: p, terms, today: today(), kinds, forums, units: new Map(units.map((u) => [u.id, u])), ...structure });
  const missing = missingForums([...kinds.values()], units, allForums, p);
  return { municipality, period: p, forums: results, missingForums: missing, summary: summarize(results, missing) };
}

/** Forum.compliance(period:): the same computation for the fora of a list, one batch per period. */
export async function forumComplianceOf(ctx: Context, forum: Forum, periodText: string): Promise<ForumCompliance | null> {
  if (!mayOversee(ctx, forum)) return null;
  return ctx.loaders
    .custom<string, ForumCompliance | null>(`fora:compliance:${periodText}`, async (ids) => {
      const em = await ctx.db.manager();
      const [terms, kinds, forums, units] = await Promise.all([
        loadTerms(em),
        loadKindConfigs(em),
        em
          .getRepository(Forum)
          .createQueryBuilder('f')
          .where('f.id = ANY(:ids)', { ids: [...ids] })
          .getMany(),
        em
          .getRepository(Unit)
          .createQueryBuilder('u')
          .where('u.id IN (SELECT unit_id FROM forum WHERE id = ANY(:ids))', { ids: [...ids] })
          .getMany(),
      ]);
      const p = period(periodText, terms);
      const structure = await structureOf(em, [...ids], p);
      const results = compute({ period: p, terms, today: today(), kinds, forums, units: new Map(units.map((u) => [u.id, u])), ...structure });
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
 * serviceForumLoad(period:, serviceId:): a shared service's attendance in the fora of its owner
 * municipalities in the period, and the hours of meetings the cadence rules put on its staff.
 */
export async function serviceForumReport(ctx: Context, periodText: string, serviceGlobalId: string | null | undefined): Promise<ServiceReport> {
  requireRole(ctx, LOAD_READERS, "Reading a service's fora attendance and load");
  const p0 = ctx.principal;
  let serviceId: string | null | undefined = p0.serviceId;
  if (p0.role === Role.REGION_ADMIN) {
    if (!serviceGlobalId) throw badInput('serviceId', 'required', 'name the shared service');
    serviceId = idOfType(serviceGlobalId, 'SharedService');
  } else if (serviceGlobalId) {
    requireScope(idOfType(serviceGlobalId, 'SharedService') === p0.serviceId, 'A service leader reads their own service only.');
  }
  const em = await ctx.db.manager();
  const [terms, kinds, service] = await Promise.all([loadTerms(em), loadKindConfigs(em), serviceId ? em.getRepository(SharedService).findOneBy({ id: serviceId }) : null]);
  if (!service) throw notFound('Shared service');
  const p = period(periodText, terms);
  const owners: Municipality[] = await em
    .getRepository(Municipality)
    .createQueryBuilder('m')
    .where(
      `m.id IN (SELECT o.municipality_id FROM ownership_period_owner o JOIN ownership_period op ON op.id = o.period_id
                      WHERE op.service_id = :s AND op.valid_from <= :to AND (op.valid_to IS NULL OR op.valid_to >= :from))`,
      { s: service.id, from: p.from, to: p.to },
    )
    .orderBy('m.number', 'ASC')
    .getMany();
  const ownerIds = owners.map((m) => m.id);
  const { from, to } = instants(p);
  const [units, forums, memberships, meetings] = await Promise.all([
    em.getRepository(Unit).createQueryBuilder('u').where('u.municipality_id = ANY(:ids)', { ids: ownerIds }).getMany(),
    em
      .getRepository(Forum)
      .createQueryBuilder('f')
      .where(new Brackets((w) => w.where('f.municipality_id = ANY(:ids)', { ids: ownerIds }).orWhere('f.municipality_id IS NULL')))
      .getMany(),
    em
      .getRepository(ForumMembership)
      .createQueryBuilder('ms')
      .innerJoin(Forum, 'f', 'f.id = ms.forum_id')
      .where('ms.service_id = :s AND (f.municipality_id = ANY(:ids) OR f.municipality_id IS NULL)', { s: service.id, ids: ownerIds })
      .getMany(),
    em
      .getRepository(ForumMeeting)
      .createQueryBuilder('m')
      .innerJoin(Forum, 'f', 'f.id = m.forum_id')
      .where('m.status = :held AND m.starts_at >= :from AND m.starts_at < :to AND (f.municipality_id = ANY(:ids) OR f.municipality_id IS NULL)', {
        held: ForumMeetingStatus.HELD,
        from,
        to,
        ids: ownerIds,
      })
      .getMany(),
  ]);
  const attendanceRows = await em
    .getRepository(ForumAttendance)
    .createQueryBuilder('a')
    .innerJoin(ForumMembership, 'ms', 'ms.id = a.membership_id')
    .innerJoin(ForumMeeting, 'm', 'm.id = a.meeting_id')
    .innerJoin(Forum, 'f', 'f.id = m.forum_id')
    .where('ms.service_id = :s AND m.status = :held AND m.starts_at >= :from AND m.starts_at < :to AND (f.municipality_id = ANY(:ids) OR f.municipality_id IS NULL)', {
      s: service.id,
      held: ForumMeetingStatus.HELD,
      from,
      to,
      ids: ownerIds,
    })
    .getMany();
  const now = today();
  const configs: KindConfig[] = [...kinds.values()];
  return {
    service,
    period: p,
    owners,
    attendance: serviceAttendance({ owners, forums, kinds, memberships, meetings: dated(meetings), attendance: attendanceRows }),
    load: serviceLoad({ service, owners, units, forums: activeIn(forums, { from: now, to: now }), kinds: configs, terms }),
  };
}
