import { Context } from '../../context';
import { Municipality } from '../../entities/reference/municipality';
import {
  IMPLEMENTATION_STATUSES,
  ImplementationStatus,
  MeasureImplementation,
  PlanAdoption,
  PlanAdoptionStatus,
  PlanFocusArea,
  PlanGoal,
  PlanGoalKind,
  PlanMeasure,
  PlanMeasureResponsible,
  PlanMilestone,
  PlanVersion,
  StrategicPlan,
} from '../../entities/plans';
import {
  CoverageMatrix,
  LegalCheck,
  LegalCompleteness,
  LegalRequirement,
  PlanAdoptionSummary,
  PlanChangeKind,
  PlanItemChange,
  PlanLinkChange,
  PlanProgress,
  PlanVersionComparison,
  StatusCount,
} from '../../schema/plans/types';
import { badInput } from '../../schema/errors';
import { requireSignedIn } from '../access';
import { planLoaders, versionIsVisible } from './read';

// ---- adoption ------------------------------------------------------------------------------

/** One entry per covered municipality, PENDING where nothing is recorded yet. */
export async function versionAdoptions(ctx: Context, version: PlanVersion): Promise<PlanAdoption[]> {
  const [municipalities, rows] = await Promise.all([planLoaders.municipalities(ctx, version.planId), planLoaders.adoptions(ctx, version.id)]);
  return municipalities.map((m) => {
    const row = rows.find((r) => r.municipalityId === m.id);
    if (row) return row;
    return Object.assign(new PlanAdoption(), {
      id: '', regionId: version.regionId, planId: version.planId, versionId: version.id, municipalityId: m.id,
      status: PlanAdoptionStatus.PENDING, decisionBody: null, decidedOn: null, caseNumber: null, recordedBy: null, recordedAt: null,
    });
  });
}

export async function adoptionSummary(ctx: Context, version: PlanVersion): Promise<PlanAdoptionSummary> {
  const list = await versionAdoptions(ctx, version);
  const count = (s: PlanAdoptionStatus) => list.filter((a) => a.status === s).length;
  return { total: list.length, adopted: count(PlanAdoptionStatus.ADOPTED), rejected: count(PlanAdoptionStatus.REJECTED), pending: count(PlanAdoptionStatus.PENDING), complete: list.length > 0 && count(PlanAdoptionStatus.ADOPTED) === list.length };
}

// ---- implementation ------------------------------------------------------------------------

/** One entry per covered municipality for a measure, NOT_STARTED where nothing is recorded. */
export async function measureImplementations(ctx: Context, measure: PlanMeasure): Promise<MeasureImplementation[]> {
  if (!ctx.principal.regionId) return []; // PUBLIC: implementation status is internal to the region
  const [municipalities, rows] = await Promise.all([planLoaders.municipalities(ctx, measure.planId), planLoaders.implementations(ctx, measure.planId)]);
  return municipalities.map((m) => rows.find((r) => r.measureKey === measure.key && r.municipalityId === m.id) ?? notStarted(measure, m));
}

function notStarted(measure: PlanMeasure, m: Municipality): MeasureImplementation {
  return Object.assign(new MeasureImplementation(), {
    id: '', regionId: measure.regionId, planId: measure.planId, measureKey: measure.key, municipalityId: m.id,
    status: ImplementationStatus.NOT_STARTED, note: null, updatedBy: null, updatedAt: null,
  });
}

function counts(statuses: ImplementationStatus[]): StatusCount[] {
  const total = statuses.length;
  return IMPLEMENTATION_STATUSES.map((status) => {
    const count = statuses.filter((s) => s === status).length;
    return { status, count, total, share: total ? Math.round((count / total) * 10000) / 10000 : 0 };
  });
}

/** Progress of the adopted version: region-wide, per municipality and per goal. Signed-in callers only. */
export async function planProgress(ctx: Context, plan: StrategicPlan): Promise<PlanProgress | null> {
  requireSignedIn(ctx);
  if (!plan.adoptedVersionId) return null;
  const version = await ctx.loaders.byId(PlanVersion).load(plan.adoptedVersionId);
  if (!version) return null;
  const [measures, goals, links, municipalities, rows] = await Promise.all([
    planLoaders.measures(ctx, version.id),
    planLoaders.goals(ctx, version.id),
    planLoaders.links(ctx, version.id),
    planLoaders.municipalities(ctx, plan.id),
    planLoaders.implementations(ctx, plan.id),
  ]);
  const statusOf = (measureKey: string, municipalityId: string) =>
    rows.find((r) => r.measureKey === measureKey && r.municipalityId === municipalityId)?.status ?? ImplementationStatus.NOT_STARTED;
  const over = (ms: PlanMeasure[], mus: Municipality[]) => ms.flatMap((m) => mus.map((mu) => statusOf(m.key, mu.id)));
  return {
    version,
    measureCount: measures.length,
    municipalityCount: municipalities.length,
    counts: counts(over(measures, municipalities)),
    perMunicipality: municipalities.map((municipality) => ({ municipality, measureCount: measures.length, counts: counts(over(measures, [municipality])) })),
    perGoal: orderedGoals(goals)
      .filter((g) => g.kind !== PlanGoalKind.MAIN)
      .map((goal) => {
        const served = measures.filter((m) => links.some((l) => l.goalId === goal.id && l.measureId === m.id));
        return { goal, measureCount: served.length, counts: counts(over(served, municipalities)) };
      }),
  };
}

// ---- goal × measure matrix -----------------------------------------------------------------

/** Goals in reading order: each goal followed by its sub-goals. */
export function orderedGoals(goals: PlanGoal[]): PlanGoal[] {
  const top = goals.filter((g) => !g.parentGoalId);
  return top.flatMap((g) => [g, ...goals.filter((s) => s.parentGoalId === g.id)]);
}

export async function coverageMatrix(ctx: Context, version: PlanVersion): Promise<CoverageMatrix> {
  const [allGoals, measures, links] = await Promise.all([planLoaders.goals(ctx, version.id), planLoaders.measures(ctx, version.id), planLoaders.links(ctx, version.id)]);
  const goals = orderedGoals(allGoals).filter((g) => g.kind !== PlanGoalKind.MAIN);
  const linked = new Set(links.map((l) => `${l.goalId}|${l.measureId}`));
  const rows = goals.map((goal) => {
    const cells = measures.map((measure) => ({ measure, linked: linked.has(`${goal.id}|${measure.id}`) }));
    return { goal, cells, measureCount: cells.filter((c) => c.linked).length };
  });
  return {
    goals,
    measures,
    rows,
    goalsWithoutMeasures: rows.filter((r) => r.measureCount === 0).map((r) => r.goal),
    measuresWithoutGoals: measures.filter((m) => !goals.some((g) => linked.has(`${g.id}|${m.id}`))),
  };
}

// ---- barnevernsloven § 15-1 ----------------------------------------------------------------

const list = (titles: string[]) => (titles.length > 3 ? `${titles.slice(0, 3).map((t) => `"${t}"`).join(', ')} and ${titles.length - 3} more` : titles.map((t) => `"${t}"`).join(', '));
const responsibleLabel = (r: PlanMeasureResponsible) => `${r.kind}:${r.serviceId ?? r.municipalityId ?? r.roleName?.toLowerCase()}`;

/**
 * Whether the version states what § 15-1 requires, derived from its content:
 * - GOALS: it has a main goal or at least one goal.
 * - ORGANISATION (organised and divided between departments): it has measures, every measure names
 *   someone responsible, and the division is described — a measure's organisation text, a focus
 *   area's roles-and-responsibility text, or measures placed with at least two different responsibles.
 * - COOPERATION (how the departments cooperate): a focus area says how we work ("how we do it"),
 *   or at least one measure is shared by two or more responsible parties.
 */
export async function legalCompleteness(ctx: Context, version: PlanVersion): Promise<LegalCompleteness> {
  const [goals, measures, areas] = await Promise.all([planLoaders.goals(ctx, version.id), planLoaders.measures(ctx, version.id), planLoaders.focusAreas(ctx, version.id)]);
  const responsibles = await Promise.all(measures.map((m) => planLoaders.responsible(ctx, m.id)));
  const checks: LegalCheck[] = [];

  const main = goals.filter((g) => g.kind === PlanGoalKind.MAIN).length;
  const others = goals.length - main;
  checks.push({
    requirement: LegalRequirement.GOALS,
    present: goals.length > 0,
    reason: goals.length > 0
      ? `States ${main ? 'a main goal and ' : ''}${others} goal${others === 1 ? '' : 's'}.`
      : 'States no goals: the plan must say what the goals of the preventive work are.',
  });

  const withoutResponsible = measures.filter((_, i) => responsibles[i].length === 0).map((m) => m.title);
  const distinct = new Set(responsibles.flat().map(responsibleLabel));
  const organisationTexts = measures.filter((m) => m.organisation).length;
  const roleTexts = areas.filter((a) => a.rolesAndResponsibility).length;
  let organisation: LegalCheck;
  if (!measures.length) organisation = { requirement: LegalRequirement.ORGANISATION, present: false, reason: 'Has no measures, so it does not say how the work is organised.' };
  else if (withoutResponsible.length) organisation = { requirement: LegalRequirement.ORGANISATION, present: false, reason: `Measures without anyone responsible: ${list(withoutResponsible)}.` };
  else if (!organisationTexts && !roleTexts && distinct.size < 2) {
    organisation = { requirement: LegalRequirement.ORGANISATION, present: false, reason: 'Does not describe how the work is organised or divided: no organisation text, no roles and responsibility, and all measures lie with one party.' };
  } else {
    const how = [
      organisationTexts ? `${organisationTexts} measure${organisationTexts === 1 ? '' : 's'} describe their organisation` : '',
      roleTexts ? `${roleTexts} focus area${roleTexts === 1 ? '' : 's'} state roles and responsibility` : '',
      `the ${measures.length} measure${measures.length === 1 ? '' : 's'} are divided between ${distinct.size} responsible part${distinct.size === 1 ? 'y' : 'ies'}`,
    ].filter(Boolean);
    organisation = { requirement: LegalRequirement.ORGANISATION, present: true, reason: `Every measure names who is responsible; ${how.join('; ')}.` };
  }
  checks.push(organisation);

  const howTexts = areas.filter((a) => a.howWeDoIt).length;
  const shared = measures.filter((_, i) => new Set(responsibles[i].map(responsibleLabel)).size >= 2).length;
  checks.push({
    requirement: LegalRequirement.COOPERATION,
    present: howTexts > 0 || shared > 0,
    reason: howTexts || shared
      ? [howTexts ? `${howTexts} focus area${howTexts === 1 ? '' : 's'} describe how we work together` : '', shared ? `${shared} measure${shared === 1 ? ' is' : 's are'} shared by two or more responsible parties` : '']
          .filter(Boolean)
          .join('; ') + '.'
      : 'Does not say how the departments cooperate: no focus area describes how we do it, and no measure is shared between responsible parties.',
  });
  return { reference: 'barnevernsloven § 15-1', complete: checks.every((c) => c.present), checks };
}

// ---- version comparison --------------------------------------------------------------------

type Keyed = { key: string; title: string };

function diff<T extends Keyed>(before: T[], after: T[], fields: (keyof T & string)[], extra?: (a: T, b: T) => string[]): PlanItemChange[] {
  const out: PlanItemChange[] = [];
  for (const b of after) {
    const a = before.find((x) => x.key === b.key);
    if (!a) {
      out.push({ key: b.key, change: PlanChangeKind.ADDED, title: b.title, previousTitle: null, fields: [] });
      continue;
    }
    const changed = [...fields.filter((f) => String(a[f] ?? '') !== String(b[f] ?? '')), ...(extra?.(a, b) ?? [])];
    if (changed.length) out.push({ key: b.key, change: PlanChangeKind.CHANGED, title: b.title, previousTitle: a.title, fields: changed });
  }
  for (const a of before) {
    if (!after.some((b) => b.key === a.key)) out.push({ key: a.key, change: PlanChangeKind.REMOVED, title: a.title, previousTitle: a.title, fields: [] });
  }
  return out;
}

export async function compareVersions(ctx: Context, plan: StrategicPlan, fromNumber: number, toNumber: number): Promise<PlanVersionComparison> {
  const versions = await planLoaders.versions(ctx, plan.id);
  const from = versions.find((v) => v.number === fromNumber);
  const to = versions.find((v) => v.number === toNumber);
  if (!from || !versionIsVisible(ctx, from)) throw badInput('from', 'exists', `the plan has no version ${fromNumber} you may see`);
  if (!to || !versionIsVisible(ctx, to)) throw badInput('to', 'exists', `the plan has no version ${toNumber} you may see`);
  const load = async (v: PlanVersion) => {
    const [goals, areas, measures, milestones, links] = await Promise.all([
      planLoaders.goals(ctx, v.id), planLoaders.focusAreas(ctx, v.id), planLoaders.measures(ctx, v.id), planLoaders.milestones(ctx, v.id), planLoaders.links(ctx, v.id),
    ]);
    const responsible = await Promise.all(measures.map((m) => planLoaders.responsible(ctx, m.id)));
    return { goals, areas, measures, milestones, links, responsible: new Map(measures.map((m, i) => [m.key, responsible[i].map(responsibleLabel).join('|')])) };
  };
  const [a, b] = await Promise.all([load(from), load(to)]);
  const goalKey = (goals: PlanGoal[], id: string | null) => goals.find((g) => g.id === id)?.key ?? null;
  const areaKey = (areas: PlanFocusArea[], id: string | null) => areas.find((f) => f.id === id)?.key ?? null;
  const goals = diff(a.goals, b.goals, ['kind', 'code', 'title', 'description', 'position'], (x, y) => (goalKey(a.goals, x.parentGoalId) !== goalKey(b.goals, y.parentGoalId) ? ['parent'] : []));
  const focusAreas = diff(a.areas, b.areas, ['title', 'whatWeAchieve', 'howWeDoIt', 'rolesAndResponsibility', 'position']);
  const measures = diff(
    a.measures,
    b.measures,
    ['code', 'title', 'description', 'organisation', 'timeFrame', 'budgetOre', 'budgetLine', 'preventionLevel', 'targetGroup', 'position'],
    (x, y) => [
      ...(areaKey(a.areas, x.focusAreaId) !== areaKey(b.areas, y.focusAreaId) ? ['focusArea'] : []),
      ...(a.responsible.get(x.key) !== b.responsible.get(y.key) ? ['responsible'] : []),
    ],
  );
  const milestones = diff<PlanMilestone>(a.milestones, b.milestones, ['title', 'description', 'dueTerm', 'dueYear', 'dueDate', 'status', 'position']);
  const pairs = (side: typeof a) =>
    new Map(side.links.map((l) => {
      const g = side.goals.find((x) => x.id === l.goalId)!;
      const m = side.measures.find((x) => x.id === l.measureId)!;
      return [`${g.key}|${m.key}`, { goalKey: g.key, measureKey: m.key, goalTitle: g.title, measureTitle: m.title }];
    }));
  const pa = pairs(a);
  const pb = pairs(b);
  const links: PlanLinkChange[] = [
    ...[...pb].filter(([k]) => !pa.has(k)).map(([, v]) => ({ ...v, change: PlanChangeKind.ADDED })),
    ...[...pa].filter(([k]) => !pb.has(k)).map(([, v]) => ({ ...v, change: PlanChangeKind.REMOVED })),
  ];
  return { from, to, goals, focusAreas, measures, milestones, links, identical: !goals.length && !focusAreas.length && !measures.length && !milestones.length && !links.length };
}
