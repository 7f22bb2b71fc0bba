import type { Message } from '../../i18n';
import { holds, Role } from '../../auth/roles';
import { Context } from '../../context';
import { aggregate, sqlOf } from '../../db/reads';
import { Forum, ForumKind, ForumMeeting } from '../../entities/fora';
import { MeasureImplementation, PlanMeasure, PlanMeasureForumKind, StrategicPlanStatus } from '../../entities/plans';
import { Unit } from '../../entities/reference/unit';
import { badInput } from '../../errors';
import { loadRange } from '../fora/compliance';
import { addDays, parsePeriod, PERIOD_FORMAT } from '../fora/periods';
import { loadKindConfigs, readTerms } from '../fora/read';
import { osloDate, osloInstant } from '../fora/time';
import { findByGlobalId } from '../lookup';
import { defineMutation, RollBack } from '../mutation';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import { MeasureForumKindLink } from './args';
import { ForaEvidence, foraEvidence, termAround } from './evidence';
import { editablePlanOf, PLAN_EDITORS } from './guard';
import { latestVersion } from './plans';

/**
 * The fora evidence of a measure (evidence.ts computes it): which forum kind a measure is linked
 * to, the link's mutation, who may see a municipality's evidence, and its loading — one batch per
 * period and day for every implementation a query asks about (a fixed number of reads whatever the
 * number of measures and municipalities).
 */

/**
 * Who sees the fora evidence of a municipality: those who oversee all of its fora (the fora
 * feature's rule): REGION_ADMIN and SERVICE_LEADER in the region, the MUNICIPAL_DIRECTOR of that
 * municipality. Others (a director of another municipality, a TST who sees its own unit only,
 * roles that do not work with fora) get the evidence withheld, with this reason.
 */
export const EVIDENCE_WITHHELD: Message = { key: 'plans.evidence.withheld' };

export function maySeeEvidence(ctx: Context, municipalityId: string): boolean {
  return holds(ctx.principal, [Role.REGION_ADMIN, Role.SERVICE_LEADER]) || holds(ctx.principal, Role.MUNICIPAL_DIRECTOR, municipalityId);
}

/** The forum kind each measure of a plan is linked to, by measure key (region only; PUBLIC: none). */
async function linkOf(ctx: Context, planId: string, measureKey: string): Promise<PlanMeasureForumKind | null> {
  if (!ctx.principal.regionId) return null;
  const links = await ctx.loaders.manyBy(PlanMeasureForumKind, 'planId').load(planId);
  return links.find((l) => l.measureKey === measureKey) ?? null;
}

/** The forum kind whose fora show how the measure is carried out; null when none is linked or you may not see it. */
export async function measureForumKind(ctx: Context, measure: PlanMeasure): Promise<ForumKind | null> {
  const link = await linkOf(ctx, measure.planId, measure.key);
  return link ? ctx.loaders.byId(ForumKind).load(link.forumKindId) : null;
}

export interface EvidenceArgs {
  /** A fora report period ("2025-AUTUMN", "2025", "2025-H2", "2025-10"); default the term around `asOf`. */
  period?: string | null;
  asOf: string;
}

export interface MeasureForaEvidence {
  available: boolean;
  /** Why the evidence is withheld (available: false), rendered in the reader's language by the GraphQL boundary. */
  reason: Message | null;
  forumKindId: string;
  evidence: ForaEvidence | null;
}

/** Held and planned meetings of the fora of some kinds in some municipalities, between two instants: one read. */
async function meetingsOf(ctx: Context, kindIds: string[], municipalityIds: string[], from: Date, to: Date) {
  const rows = ctx.db.rows(ForumMeeting);
  const sql = sqlOf(
    rows,
    'plans:evidence:meetings',
    () => `SELECT ${aggregate(rows.json('t'), [])} FROM ${rows.table} t JOIN forum f ON f.id = t.forum_id
            WHERE f.kind_id = ANY($1::uuid[]) AND f.municipality_id = ANY($2::uuid[]) AND t.starts_at >= $3 AND t.starts_at < $4`,
  );
  return (await ctx.loaders.readRows(ForumMeeting, { sql, params: [kindIds, municipalityIds, from, to] })).map(({ row }) => ({ meeting: row, date: osloDate(row.startsAt) }));
}

/**
 * The evidence of every (forum kind, municipality) a request asks about for one period and day:
 * the region's terms and kinds, then the fora, units and meetings of all of them in one wave.
 */
function evidenceBatch(ctx: Context, args: EvidenceArgs) {
  return ctx.loaders.custom<string, ForaEvidence | null>(`plans:foraEvidence:${args.period ?? ''}:${args.asOf}`, async (keys) => {
    const pairs = keys.map((k) => k.split(':') as [string, string]);
    const kindIds = [...new Set(pairs.map(([k]) => k))];
    const municipalityIds = [...new Set(pairs.map(([, m]) => m))];
    const [terms, kinds] = await Promise.all([readTerms(ctx), loadKindConfigs(ctx)]);
    const period = args.period ? parsePeriod(args.period, terms) : termAround(args.asOf, terms);
    if (!period) throw badInput('period', 'format', PERIOD_FORMAT);
    const range = loadRange(period);
    const [forums, units, meetings] = await Promise.all([
      ctx.loaders.list(Forum, { kindId: kindIds, municipalityId: municipalityIds }, { name: 'ASC', id: 'ASC' }),
      ctx.loaders.list(Unit, { municipalityId: municipalityIds }, { name: 'ASC', id: 'ASC' }),
      meetingsOf(ctx, kindIds, municipalityIds, osloInstant(range.from), osloInstant(addDays(range.to, 1))),
    ]);
    return pairs.map(([kindId, municipalityId]) => {
      const config = kinds.get(kindId);
      if (!config) return null;
      const here = forums.filter((f) => f.kindId === kindId && f.municipalityId === municipalityId);
      const ids = new Set(here.map((f) => f.id));
      return foraEvidence({
        config,
        period,
        asOf: args.asOf,
        terms,
        forums: here,
        units: units.filter((u) => u.municipalityId === municipalityId),
        meetings: meetings.filter((m) => ids.has(m.meeting.forumId)),
      });
    });
  });
}

/**
 * `MeasureImplementation.foraEvidence`: null when the measure is linked to no forum kind; withheld
 * (available: false, with the reason) for a caller who may not see all of the municipality's fora.
 */
export async function implementationEvidence(ctx: Context, implementation: MeasureImplementation, args: EvidenceArgs): Promise<MeasureForaEvidence | null> {
  const link = await linkOf(ctx, implementation.planId, implementation.measureKey);
  if (!link) return null;
  if (!maySeeEvidence(ctx, implementation.municipalityId)) return { available: false, reason: EVIDENCE_WITHHELD, forumKindId: link.forumKindId, evidence: null };
  const evidence = await evidenceBatch(ctx, args).load(`${link.forumKindId}:${implementation.municipalityId}`);
  return evidence ? { available: true, reason: null, forumKindId: link.forumKindId, evidence } : null;
}

/**
 * Links a measure to the forum kind whose fora show how it is carried out (or unlinks it with
 * `forumKindId: null`). Follow-up, not content: the link is kept by the measure's lineage key on an
 * adopted plan without a revision (docs/plans.md "Fora evidence"); the plan's editors set it.
 */
export const setMeasureForumKind = defineMutation({
  name: 'setMeasureForumKind',
  roles: PLAN_EDITORS,
  action: 'Linking a measure to a forum kind',
  async run({ tx, ctx, audit }, input: MeasureForumKindLink) {
    const measure = await findByGlobalId(tx, PlanMeasure, input.measureId, 'measureId', 'measure');
    const plan = await editablePlanOf(tx, ctx, measure);
    const kind = input.forumKindId ? await findByGlobalId(tx, ForumKind, input.forumKindId, 'forumKindId', 'forum kind') : null;
    const newest = await latestVersion(tx, plan.id);
    const rules = new RuleCheck();
    if (plan.status === StrategicPlanStatus.ARCHIVED) rules.add(userError('measureId', 'plans.planArchived', {}, UserErrorCode.IMMUTABLE));
    if (measure.versionId !== plan.adoptedVersionId && measure.versionId !== newest.id) {
      rules.add(userError('measureId', 'plans.measureBelongsVersionNeither', {}, UserErrorCode.CONFLICT));
    }
    rules.throwIfAny();
    const repo = tx.getRepository(PlanMeasureForumKind);
    const previous = await repo.findOneBy({ planId: plan.id, measureKey: measure.key });
    if (kind) {
      const link = repo.create({
        ...(previous ?? {}),
        regionId: plan.regionId,
        planId: plan.id,
        measureKey: measure.key,
        forumKindId: kind.id,
        updatedBy: ctx.principal.subject,
        updatedAt: new Date(),
      });
      await repo.save(link);
      await audit({ entity: 'PlanMeasureForumKind', entityId: link.id, before: previous, after: link });
    } else if (previous) {
      await repo.delete({ id: previous.id });
      await audit({ entity: 'PlanMeasureForumKind', entityId: previous.id, before: previous, after: null });
    } else {
      // Nothing was linked: nothing changes, and no audit record is owed.
      throw new RollBack({ measure, forumKind: null });
    }
    return { measure, forumKind: kind };
  },
});
