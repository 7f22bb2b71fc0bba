import { Municipality } from '../../entities/reference/municipality';
import type { Message } from '../../i18n';
import {
  IMPLEMENTATION_STATUSES,
  ImplementationStatus,
  MeasureImplementation,
  PlanAdoption,
  PlanAdoptionStatus,
  PlanFocusArea,
  PlanGoal,
  PlanGoalKind,
  PlanGoalMeasure,
  PlanMeasure,
  PlanMeasureResponsible,
  PlanVersion,
} from '../../entities/plans';
import { ContentTable, labelOf } from './content-model';

/**
 * The plan feature's computations as plain functions of already-loaded rows: no database, no
 * request. insights.ts loads (through the request's DataLoaders) and calls these; the unit tests
 * in test/plans/analysis.test.ts call them directly.
 */

// ---- adoption ------------------------------------------------------------------------------

/** One entry per covered municipality, PENDING where nothing is recorded yet. */
export function adoptionsFor(version: PlanVersion, municipalities: Municipality[], rows: PlanAdoption[]): PlanAdoption[] {
  return municipalities.map(
    (m) =>
      rows.find((r) => r.municipalityId === m.id) ??
      Object.assign(new PlanAdoption(), {
        id: '',
        regionId: version.regionId,
        planId: version.planId,
        versionId: version.id,
        municipalityId: m.id,
        status: PlanAdoptionStatus.PENDING,
        decisionBody: null,
        decidedOn: null,
        caseNumber: null,
        recordedBy: null,
        recordedAt: null,
      }),
  );
}

export interface AdoptionSummary {
  total: number;
  adopted: number;
  rejected: number;
  pending: number;
  complete: boolean;
}

export function summarizeAdoptions(list: PlanAdoption[]): AdoptionSummary {
  const count = (s: PlanAdoptionStatus) => list.filter((a) => a.status === s).length;
  const adopted = count(PlanAdoptionStatus.ADOPTED);
  return { total: list.length, adopted, rejected: count(PlanAdoptionStatus.REJECTED), pending: count(PlanAdoptionStatus.PENDING), complete: list.length > 0 && adopted === list.length };
}

// ---- implementation and progress -----------------------------------------------------------

/** One entry per covered municipality for a measure, NOT_STARTED where nothing is recorded. */
export function implementationsFor(measure: PlanMeasure, municipalities: Municipality[], rows: ImplementationIndex): MeasureImplementation[] {
  return municipalities.map(
    (m) =>
      rows.get(implementationKey(measure.key, m.id)) ??
      Object.assign(new MeasureImplementation(), {
        id: '',
        regionId: measure.regionId,
        planId: measure.planId,
        measureKey: measure.key,
        municipalityId: m.id,
        status: ImplementationStatus.NOT_STARTED,
        note: null,
        updatedBy: null,
        updatedAt: null,
      }),
  );
}

/** Implementation rows by measure lineage key and municipality (a plan's measures look up one list). */
export type ImplementationIndex = ReadonlyMap<string, MeasureImplementation>;
const implementationKey = (measureKey: string, municipalityId: string) => `${measureKey}|${municipalityId}`;

/** The index `implementationsFor` reads: built once per loaded list, not searched per measure × municipality. */
export function indexImplementations(rows: MeasureImplementation[]): ImplementationIndex {
  const index = new Map<string, MeasureImplementation>();
  for (const r of rows) {
    const key = implementationKey(r.measureKey, r.municipalityId);
    if (!index.has(key)) index.set(key, r);
  }
  return index;
}

export interface StatusCount {
  status: ImplementationStatus;
  count: number;
  total: number;
  share: number;
}

/** How many of `statuses` have each status; share rounded to 4 decimals (0 for none). */
export function statusCounts(statuses: ImplementationStatus[]): StatusCount[] {
  const total = statuses.length;
  return IMPLEMENTATION_STATUSES.map((status) => {
    const count = statuses.filter((s) => s === status).length;
    return { status, count, total, share: total ? Math.round((count / total) * 10000) / 10000 : 0 };
  });
}

export interface Progress {
  version: PlanVersion;
  measureCount: number;
  municipalityCount: number;
  counts: StatusCount[];
  perMunicipality: { municipality: Municipality; measureCount: number; counts: StatusCount[] }[];
  perGoal: { goal: PlanGoal; measureCount: number; counts: StatusCount[] }[];
}

export interface ProgressInput {
  version: PlanVersion;
  measures: PlanMeasure[];
  goals: PlanGoal[];
  links: PlanGoalMeasure[];
  municipalities: Municipality[];
  implementations: MeasureImplementation[];
}

/** Progress of a version: region-wide, per municipality and per goal, over measures × municipalities. */
export function computeProgress({ version, measures, goals, links, municipalities, implementations }: ProgressInput): Progress {
  const status = indexImplementations(implementations);
  const over = (ms: PlanMeasure[], mus: Municipality[]) => ms.flatMap((m) => mus.map((mu) => status.get(implementationKey(m.key, mu.id))?.status ?? ImplementationStatus.NOT_STARTED));
  const linked = new Set(links.map((l) => `${l.goalId}|${l.measureId}`));
  return {
    version,
    measureCount: measures.length,
    municipalityCount: municipalities.length,
    counts: statusCounts(over(measures, municipalities)),
    perMunicipality: municipalities.map((municipality) => ({ municipality, measureCount: measures.length, counts: statusCounts(over(measures, [municipality])) })),
    perGoal: orderedGoals(goals)
      .filter((g) => g.kind !== PlanGoalKind.MAIN)
      .map((goal) => {
        const served = measures.filter((m) => linked.has(`${goal.id}|${m.id}`));
        return { goal, measureCount: served.length, counts: statusCounts(over(served, municipalities)) };
      }),
  };
}

// ---- goal × measure matrix -----------------------------------------------------------------

/** Goals in reading order: each goal followed by its sub-goals. */
export function orderedGoals(goals: PlanGoal[]): PlanGoal[] {
  const top = goals.filter((g) => !g.parentGoalId);
  return top.flatMap((g) => [g, ...goals.filter((s) => s.parentGoalId === g.id)]);
}

export interface Coverage {
  goals: PlanGoal[];
  measures: PlanMeasure[];
  rows: { goal: PlanGoal; cells: { measure: PlanMeasure; linked: boolean }[]; measureCount: number }[];
  goalsWithoutMeasures: PlanGoal[];
  measuresWithoutGoals: PlanMeasure[];
}

/** Rows: goals and sub-goals in reading order (never the main goal); one cell per measure. */
export function computeCoverage(allGoals: PlanGoal[], measures: PlanMeasure[], links: PlanGoalMeasure[]): Coverage {
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

export enum LegalRequirement {
  GOALS = 'GOALS',
  ORGANISATION = 'ORGANISATION',
  COOPERATION = 'COOPERATION',
}

/** What the § 15-1 check is and is not. */
export const LEGAL_CHECK_NOTE: Message = { key: 'plans.legal.note' };

export interface LegalCheck {
  requirement: LegalRequirement;
  present: boolean;
  /** Why the requirement counts as present or missing (rendered in the reader's language by the GraphQL boundary). */
  reason: Message;
  /** A missing requirement's reason as a message (src/i18n), for the CONFIRMATION_REQUIRED userError. */
  missing?: Message;
}

export interface LegalCompleteness {
  reference: string;
  complete: boolean;
  /** What the check is and is not (for people reading it). */
  note: Message;
  checks: LegalCheck[];
}

/**
 * Names in quotes as the reader's language quotes them (bokmål «…», English "…"), separated by
 * commas; callers give at most three (and count the rest in their message).
 */
const titles = (list: string[]): Message => list.map((title): Message => ({ key: 'plans.legal.quoted', params: { title } })).reduce((a, b) => ({ key: 'plans.legal.comma', params: { a, b } }));
/** `titles` as message params: the first three, and how many more. */
const unassignedMessage = (list: string[]): Message =>
  list.length > 3
    ? { key: 'plans.legal.measuresWithoutResponsibleMore', params: { titles: titles(list.slice(0, 3)), more: list.length - 3 } }
    : { key: 'plans.legal.measuresWithoutResponsible', params: { titles: titles(list) } };
/** `titles` as a message: the first three, and how many more. */
const titlesMessage = (list: string[]): Message =>
  list.length > 3 ? { key: 'plans.legal.titlesMore', params: { titles: titles(list.slice(0, 3)), more: list.length - 3 } } : { key: 'plans.legal.titles', params: { titles: titles(list) } };
/** Parts joined as the reasons join them: "a and b and c", "a; b; c". */
const joined = (parts: Message[], key: 'plans.legal.and' | 'plans.legal.then'): Message => parts.reduce((a, b) => ({ key, params: { a, b } }));
export const responsibleLabel = (r: PlanMeasureResponsible) => `${r.kind}:${r.serviceId ?? r.municipalityId ?? r.roleName?.toLowerCase()}`;

/** The version's organisation beyond its measures: governance bodies and collaboration models (by name). */
export interface Structures {
  bodies?: { name: string }[];
  collaborationModels?: { name: string }[];
}

/**
 * Whether a version states what § 15-1 requires, derived from its content:
 * - GOALS: it has a main goal or at least one goal.
 * - ORGANISATION (organised and divided between departments): every measure names someone
 *   responsible, and the division is described — a measure's organisation text, a focus area's
 *   roles-and-responsibility text, measures placed with at least two different responsibles, or the
 *   plan's governance bodies and collaboration models (a plan without measures, such as one that
 *   organises the work in structures and an implementation plan, is organised by these alone).
 * - COOPERATION (how the departments cooperate): a focus area says how we work ("how we do it"), at
 *   least one measure is shared by two or more responsible parties, or a collaboration model says it.
 */
export function assessLegalCompleteness(goals: PlanGoal[], measures: PlanMeasure[], areas: PlanFocusArea[], responsibles: PlanMeasureResponsible[][], structures: Structures = {}): LegalCompleteness {
  const collaborationModels = structures.collaborationModels ?? [];
  const bodies = structures.bodies ?? [];
  const checks: LegalCheck[] = [];
  const main = goals.filter((g) => g.kind === PlanGoalKind.MAIN).length;
  const subGoals = goals.filter((g) => g.kind === PlanGoalKind.SUB_GOAL).length;
  const others = goals.length - main - subGoals;
  const stated: Message[] = [
    ...(main ? [main === 1 ? { key: 'plans.legal.part.oneMainGoal' as const } : { key: 'plans.legal.part.mainGoals' as const, params: { n: main } }] : []),
    ...(others ? [{ key: 'plans.legal.part.goals' as const, params: { count: others } }] : []),
    ...(subGoals ? [{ key: 'plans.legal.part.subGoals' as const, params: { count: subGoals } }] : []),
  ];
  const noGoals: Message = { key: 'plans.legal.noGoals' };
  checks.push({
    requirement: LegalRequirement.GOALS,
    present: goals.length > 0,
    reason: goals.length > 0 ? { key: 'plans.legal.reason.goals', params: { stated: joined(stated, 'plans.legal.and') } } : noGoals,
    ...(goals.length > 0 ? {} : { missing: noGoals }),
  });

  const withoutResponsible = measures.filter((_, i) => responsibles[i].length === 0).map((m) => m.title);
  const distinct = new Set(responsibles.flat().map(responsibleLabel));
  const organisationTexts = measures.filter((m) => m.organisation).length;
  const roleTexts = areas.filter((a) => a.rolesAndResponsibility).length;
  const organisation = (present: boolean, reason: Message, missing?: Message) => checks.push({ requirement: LegalRequirement.ORGANISATION, present, reason, ...(missing ? { missing } : {}) });
  const structureTexts: Message[] = [
    ...(bodies.length ? [{ key: 'plans.legal.part.bodies' as const, params: { count: bodies.length, titles: titlesMessage(bodies.map((b) => b.name)) } }] : []),
    ...(collaborationModels.length
      ? [{ key: 'plans.legal.part.collaborationModels' as const, params: { count: collaborationModels.length, titles: titlesMessage(collaborationModels.map((m) => m.name)) } }]
      : []),
  ];
  if (!measures.length) {
    const none: Message = { key: 'plans.legal.noOrganisation' };
    organisation(
      structureTexts.length > 0,
      structureTexts.length ? { key: 'plans.legal.reason.noMeasuresStructures', params: { structures: joined(structureTexts, 'plans.legal.and') } } : none,
      structureTexts.length ? undefined : none,
    );
  } else if (withoutResponsible.length) organisation(false, unassignedMessage(withoutResponsible), unassignedMessage(withoutResponsible));
  else if (!organisationTexts && !roleTexts && distinct.size < 2 && !structureTexts.length) {
    organisation(false, { key: 'plans.legal.organisationNotDescribed' }, { key: 'plans.legal.organisationNotDescribed' });
  } else {
    const how: Message[] = [
      ...(organisationTexts ? [{ key: 'plans.legal.part.measuresDescribeOrganisation' as const, params: { count: organisationTexts } }] : []),
      ...(roleTexts ? [{ key: 'plans.legal.part.areasStateRoles' as const, params: { count: roleTexts } }] : []),
      distinct.size === 1
        ? { key: 'plans.legal.part.measuresWithOneParty', params: { count: measures.length } }
        : { key: 'plans.legal.part.measuresDivided', params: { count: measures.length, parties: distinct.size } },
      ...structureTexts,
    ];
    organisation(true, { key: 'plans.legal.reason.organised', params: { how: joined(how, 'plans.legal.then') } });
  }

  const howTexts = areas.filter((a) => a.howWeDoIt).length;
  const shared = measures.filter((_, i) => new Set(responsibles[i].map(responsibleLabel)).size >= 2).length;
  const models = collaborationModels.length;
  const cooperation: Message[] = [
    ...(howTexts ? [{ key: 'plans.legal.part.areasDescribeCooperation' as const, params: { count: howTexts } }] : []),
    ...(shared ? [{ key: 'plans.legal.part.measuresShared' as const, params: { count: shared } }] : []),
    ...(models ? [{ key: 'plans.legal.part.modelsDescribeCooperation' as const, params: { count: models, titles: titlesMessage(collaborationModels.map((m) => m.name)) } }] : []),
  ];
  const noCooperation: Message = { key: 'plans.legal.noCooperation' };
  checks.push({
    requirement: LegalRequirement.COOPERATION,
    present: cooperation.length > 0,
    reason: cooperation.length ? { key: 'plans.legal.reason.cooperation', params: { how: joined(cooperation, 'plans.legal.then') } } : noCooperation,
    ...(cooperation.length ? {} : { missing: noCooperation }),
  });
  return { reference: 'barnevernsloven § 15-1', complete: checks.every((c) => c.present), note: LEGAL_CHECK_NOTE, checks };
}

// ---- version comparison --------------------------------------------------------------------

export enum PlanChangeKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
}

export interface ItemChange {
  key: string;
  change: PlanChangeKind;
  title: string;
  previousTitle: string | null;
  fields: string[];
}

/** Rows of one version, per content table. */
export type VersionSnapshot = Map<Function, Record<string, unknown>[]>;

/** A content table with the fields a comparison looks at (from the entity metadata; see content-model.ts). */
export interface ComparedTable {
  table: ContentTable;
  fields: string[];
}

const text = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v));

function keyOf(snapshot: VersionSnapshot, target: Function, id: unknown): string | null {
  if (id === null || id === undefined) return null;
  return (snapshot.get(target)?.find((r) => r.id === id)?.key as string | undefined) ?? null;
}

/** A row's content as one string: its fields, and its references by lineage key. */
function signature(snapshot: VersionSnapshot, compared: ComparedTable, row: Record<string, unknown>, skip?: string): string {
  const refs = compared.table.refs.filter((r) => r.property !== skip).map((r) => keyOf(snapshot, r.target, row[r.property]));
  return JSON.stringify([...compared.fields.map((f) => text(row[f])), ...refs]);
}

/**
 * What differs between two versions in the rows of one keyed table (goals, measures …), matched by
 * lineage key: added, removed, or changed fields — a reference counts as changed when it points at
 * a different key, and a listed child table (a measure's responsibles) as one field.
 */
export function diffItems(entity: Function, tables: ComparedTable[], a: VersionSnapshot, b: VersionSnapshot): ItemChange[] {
  const compared = tables.find((t) => t.table.entity === entity)!;
  const children = tables.filter((t) => t.table.listedAs && t.table.refs.some((r) => r.target === entity));
  const list = (snapshot: VersionSnapshot, child: ComparedTable, parentId: unknown) => {
    const ref = child.table.refs.find((r) => r.target === entity)!;
    return JSON.stringify(
      (snapshot.get(child.table.entity) ?? [])
        .filter((r) => r[ref.property] === parentId)
        .map((r) => signature(snapshot, child, r, ref.property))
        .sort(),
    );
  };
  const before = a.get(entity) ?? [];
  const after = b.get(entity) ?? [];
  const out: ItemChange[] = [];
  for (const y of after) {
    const x = before.find((r) => r.key === y.key);
    if (!x) {
      out.push({ key: y.key as string, change: PlanChangeKind.ADDED, title: labelOf(compared.table, y), previousTitle: null, fields: [] });
      continue;
    }
    const fields = [
      ...compared.fields.filter((f) => text(x[f]) !== text(y[f])),
      ...compared.table.refs.filter((r) => keyOf(a, r.target, x[r.property]) !== keyOf(b, r.target, y[r.property])).map((r) => r.as),
      ...children.filter((c) => list(a, c, x.id) !== list(b, c, y.id)).map((c) => c.table.listedAs!),
    ];
    if (fields.length) out.push({ key: y.key as string, change: PlanChangeKind.CHANGED, title: labelOf(compared.table, y), previousTitle: labelOf(compared.table, x), fields });
  }
  for (const x of before) {
    if (!after.some((y) => y.key === x.key))
      out.push({ key: x.key as string, change: PlanChangeKind.REMOVED, title: labelOf(compared.table, x), previousTitle: labelOf(compared.table, x), fields: [] });
  }
  return out;
}

/** Links (rows that join keyed rows, e.g. goal ↔ measure) added or removed; `ends` are the rows linked, in reference order. */
export function diffLinks(entity: Function, tables: ComparedTable[], a: VersionSnapshot, b: VersionSnapshot): { change: PlanChangeKind; ends: Record<string, unknown>[] }[] {
  const { table } = tables.find((t) => t.table.entity === entity)!;
  const pairs = (snapshot: VersionSnapshot) =>
    new Map(
      (snapshot.get(entity) ?? []).map((row) => {
        const ends = table.refs.map((r) => snapshot.get(r.target)!.find((t) => t.id === row[r.property])!);
        return [ends.map((e) => e.key).join('|'), ends];
      }),
    );
  const pa = pairs(a);
  const pb = pairs(b);
  return [
    ...[...pb].filter(([k]) => !pa.has(k)).map(([, ends]) => ({ change: PlanChangeKind.ADDED, ends })),
    ...[...pa].filter(([k]) => !pb.has(k)).map(([, ends]) => ({ change: PlanChangeKind.REMOVED, ends })),
  ];
}
