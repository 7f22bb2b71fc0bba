import {
  MilestoneProgressRecord,
  MilestoneStatus,
  PlanMeasure,
  PlanMeasureResponsible,
  PlanMilestone,
  PlanMilestoneMunicipalProgress,
  PlanMilestoneProgress,
  PlanReview,
  PlanStatement,
  PlanStatementKind,
  PlanTerm,
} from '../../entities/plans';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import type { Message } from '../../i18n';
import { osloToday } from '../dates';

/**
 * Follow-up after adoption as plain functions of loaded rows (no database, no clock: `asOf` is
 * always an argument): when a milestone is due and whether it is overdue, whether the plan period
 * ends soon or has ended and what must then happen, and who has reviewed their own measures this
 * year. insights.ts loads; test/plans/follow-up.test.ts calls these directly.
 */

// ---- milestones ----------------------------------------------------------------------------

const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * The last day a milestone is due: its date; the end of its month ("innen september 2022" →
 * 2022-09-30) or term (spring → 30 June, autumn → 31 December); the end of its year ("i 2024",
 * "innen utgangen av 2024" → 2024-12-31); null when the plan gives no deadline.
 */
export function milestoneDueBy(m: Pick<PlanMilestone, 'dueDate' | 'dueYear' | 'dueMonth' | 'dueTerm'>): string | null {
  if (m.dueDate) return m.dueDate;
  if (m.dueYear === null) return null;
  if (m.dueMonth) return lastDayOfMonth(m.dueYear, m.dueMonth);
  if (m.dueTerm) return m.dueTerm === PlanTerm.SPRING ? `${m.dueYear}-06-30` : `${m.dueYear}-12-31`;
  return `${m.dueYear}-12-31`;
}

/**
 * Whether the recorded progress had closed the milestone on `asOf`: a DONE milestone from its
 * completion date on, a CANCELLED one from the day the cancellation was recorded (Oslo date of
 * `updatedAt`). Progress is one record per milestone, so a later change of status replaces the
 * earlier one; a record without a date (legacy data) counts as closed on any day.
 */
function closedOn(recorded: MilestoneProgressRecord | null, asOf: string): boolean {
  if (recorded?.status === MilestoneStatus.DONE) return !recorded.completedOn || recorded.completedOn <= asOf;
  if (recorded?.status === MilestoneStatus.CANCELLED) return !recorded.updatedAt || osloToday(recorded.updatedAt) <= asOf;
  return false;
}

export interface MilestoneFollowUp {
  milestone: PlanMilestone;
  /** The status now (not as of `asOf`): DONE for a milestone linked to an adoption that happened, else the recorded one. */
  status: MilestoneStatus;
  /** The recorded progress; null while nothing is recorded (status PLANNED). */
  progress: PlanMilestoneProgress | null;
  dueBy: string | null;
  /** When it was done: the recorded completion date, or the adoption of its version for a milestone linked to it. */
  completedOn: string | null;
  /** Due before `asOf` and, on `asOf`, neither done nor cancelled (judged by the completion date, not today's status). */
  overdue: boolean;
  /** Done on or before `asOf`, but after the day it was due (as fora follow-ups report "done late"). */
  doneLate: boolean;
}

/**
 * A milestone's follow-up on `asOf`. `adoptedOn` is the day its version was adopted (null: not
 * adopted): a milestone linked to the adoption (`doneOnAdoption`) is DONE from that day, whatever is
 * recorded; until then its recorded progress counts as for any milestone.
 */
export function milestoneFollowUp(
  milestone: PlanMilestone,
  progress: PlanMilestoneProgress[],
  asOf: string,
  adoptedOn: string | null = null,
  perMunicipality: MunicipalProgressInput | null = null,
): MilestoneFollowUp {
  const recorded = progress.find((p) => p.milestoneKey === milestone.key) ?? null;
  if (milestone.perMunicipality && perMunicipality?.municipalities.length) return acrossMunicipalities(milestone, recorded, municipalFollowUps(milestone, perMunicipality, asOf), asOf);
  const byAdoption = milestone.doneOnAdoption && adoptedOn !== null;
  const status = byAdoption ? MilestoneStatus.DONE : (recorded?.status ?? MilestoneStatus.PLANNED);
  const dueBy = milestoneDueBy(milestone);
  const completedOn = byAdoption ? adoptedOn : recorded?.status === MilestoneStatus.DONE ? recorded.completedOn : null;
  const closed = byAdoption ? adoptedOn <= asOf || closedOn(recorded, asOf) : closedOn(recorded, asOf);
  return {
    milestone,
    status,
    progress: recorded,
    dueBy,
    completedOn,
    ...lateness(dueBy, completedOn, closed, asOf),
  };
}

/** The rules every milestone follow-up shares: overdue when due before `asOf` and not closed on it; done late when completed after the day due, by `asOf`. */
function lateness(dueBy: string | null, completedOn: string | null, closed: boolean, asOf: string): { overdue: boolean; doneLate: boolean } {
  return {
    overdue: dueBy !== null && dueBy < asOf && !closed,
    doneLate: dueBy !== null && completedOn !== null && completedOn > dueBy && completedOn <= asOf,
  };
}

/** Every milestone's follow-up on `asOf`, in plan order. */
const followUpsOf = (
  milestones: PlanMilestone[],
  progress: PlanMilestoneProgress[],
  asOf: string,
  adoptedOn: string | null = null,
  perMunicipality: MunicipalProgressInput | null = null,
): MilestoneFollowUp[] => milestones.map((m) => milestoneFollowUp(m, progress, asOf, adoptedOn, perMunicipality));

/** The milestones that are overdue on `asOf`, in plan order. */
export const overdueMilestones = (...args: Parameters<typeof followUpsOf>) => followUpsOf(...args).filter((f) => f.overdue);

/** The milestones done late by `asOf` (completed after the day they were due), in plan order. */
export const milestonesDoneLate = (...args: Parameters<typeof followUpsOf>) => followUpsOf(...args).filter((f) => f.doneLate);

// ---- milestones each municipality must reach -----------------------------------------------

/** The covered municipalities (in their order) and every per-municipality progress record of the plan. */
export interface MunicipalProgressInput {
  municipalities: Municipality[];
  progress: PlanMilestoneMunicipalProgress[];
}

/** One covered municipality's follow-up of a milestone it must reach itself, judged as of `asOf`. */
export interface MunicipalMilestoneFollowUp {
  milestone: PlanMilestone;
  municipality: Municipality;
  /** The status recorded now (PLANNED while nothing is recorded). */
  status: MilestoneStatus;
  progress: PlanMilestoneMunicipalProgress | null;
  dueBy: string | null;
  completedOn: string | null;
  /** On `asOf` the municipality had done (by its completion date) or cancelled it. */
  closed: boolean;
  overdue: boolean;
  doneLate: boolean;
}

/**
 * Each covered municipality's follow-up of a per-municipality milestone, by the same rules as a
 * plan-wide milestone (milestoneFollowUp): overdue when due before `asOf` and on `asOf` neither done
 * by its completion date nor cancelled; done late when completed after the day it was due.
 */
export function municipalFollowUps(milestone: PlanMilestone, input: MunicipalProgressInput, asOf: string): MunicipalMilestoneFollowUp[] {
  if (!milestone.perMunicipality) return [];
  const dueBy = milestoneDueBy(milestone);
  return input.municipalities.map((municipality) => {
    const recorded = input.progress.find((p) => p.milestoneKey === milestone.key && p.municipalityId === municipality.id) ?? null;
    const completedOn = recorded?.status === MilestoneStatus.DONE ? recorded.completedOn : null;
    const closed = closedOn(recorded, asOf);
    return {
      milestone,
      municipality,
      status: recorded?.status ?? MilestoneStatus.PLANNED,
      progress: recorded,
      dueBy,
      completedOn,
      closed,
      ...lateness(dueBy, completedOn, closed, asOf),
    };
  });
}

/** The status across municipalities now: DONE when every one has done or cancelled it (and one has done it), CANCELLED when all cancelled, IN_PROGRESS once one has started. */
function statusAcross(rows: MunicipalMilestoneFollowUp[]): MilestoneStatus {
  const statuses = rows.map((r) => r.status);
  const closed = (s: MilestoneStatus) => s === MilestoneStatus.DONE || s === MilestoneStatus.CANCELLED;
  if (statuses.every((s) => s === MilestoneStatus.CANCELLED)) return MilestoneStatus.CANCELLED;
  if (statuses.every(closed)) return MilestoneStatus.DONE;
  return statuses.some((s) => s === MilestoneStatus.IN_PROGRESS || s === MilestoneStatus.DONE) ? MilestoneStatus.IN_PROGRESS : MilestoneStatus.PLANNED;
}

/**
 * The plan-wide follow-up of a milestone every covered municipality must reach: done when the last
 * of them has done it (on the latest completion date); overdue on `asOf` while any municipality is.
 */
function acrossMunicipalities(milestone: PlanMilestone, recorded: PlanMilestoneProgress | null, rows: MunicipalMilestoneFollowUp[], asOf: string): MilestoneFollowUp {
  const status = statusAcross(rows);
  const dates = rows.filter((r) => r.status === MilestoneStatus.DONE).map((r) => r.completedOn);
  const completedOn = status === MilestoneStatus.DONE && dates.every((d) => d !== null) ? (dates as string[]).sort().pop()! : null;
  const dueBy = milestoneDueBy(milestone);
  return {
    milestone,
    status,
    progress: recorded,
    dueBy,
    completedOn,
    // Overdue while any municipality is (not when the last one closes it: each is judged on its own).
    overdue: rows.some((r) => r.overdue),
    doneLate: lateness(dueBy, completedOn, true, asOf).doneLate,
  };
}

// ---- the plan period -----------------------------------------------------------------------

export enum PlanPeriodState {
  /** The period has not started yet. */
  NOT_STARTED = 'NOT_STARTED',
  IN_PERIOD = 'IN_PERIOD',
  /** The period ends within the horizon. */
  ENDING = 'ENDING',
  ENDED = 'ENDED',
}

export enum ActionSource {
  LAW = 'LAW',
  PLAN = 'PLAN',
}

export interface RequiredAction {
  source: ActionSource;
  reference: string | null;
  /** The plan's own rule (its text as written), or what the law asks (a message, rendered in the reader's language by the GraphQL boundary). */
  text: string | Message;
}

export interface PlanExpiry {
  periodStart: string;
  periodEnd: string;
  state: PlanPeriodState;
  /** Whole months from `asOf` to the end of the period (negative once it has ended). */
  monthsLeft: number;
  horizonMonths: number;
  /** ENDING or ENDED: the plan needs attention. */
  flagged: boolean;
  /** What the law and the plan say must happen; empty unless flagged. */
  actions: RequiredAction[];
}

/** The law that makes a plan necessary, quoted as the plans quote it. */
export const LAW_REFERENCE = 'barnevernsloven § 15-1';
export const LAW_TEXT =
  'Kommunestyret selv skal vedta en plan for kommunens forebyggende arbeid etter første ledd. Planen skal beskrive hva som er målene for arbeidet, hvordan arbeidet skal organiseres og fordeles mellom etatene i kommunen, og hvordan etatene skal samarbeide.';

const monthsBetween = (from: string, to: string) => {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
};

/** Adds whole months to a date (the day clamped to the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = Number(lastDayOfMonth(year, month).slice(8));
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Whether the period of a plan ends within `horizonMonths` of `asOf` or has ended, and if so what
 * must happen: the law requires every council itself to have adopted a plan, so a new or revised
 * one must be adopted before this one runs out; and whatever the plan says about its own review and
 * revision (its REVIEW_RULE statements) applies.
 */
export function assessExpiry(period: { periodStartYear: number; periodEndYear: number }, reviewRules: PlanStatement[], asOf: string, horizonMonths = 6): PlanExpiry {
  const periodStart = `${period.periodStartYear}-01-01`;
  const periodEnd = `${period.periodEndYear}-12-31`;
  const state =
    asOf > periodEnd ? PlanPeriodState.ENDED : addMonths(asOf, horizonMonths) >= periodEnd ? PlanPeriodState.ENDING : asOf < periodStart ? PlanPeriodState.NOT_STARTED : PlanPeriodState.IN_PERIOD;
  const flagged = state === PlanPeriodState.ENDING || state === PlanPeriodState.ENDED;
  const rules = reviewRules.filter((r) => r.kind === PlanStatementKind.REVIEW_RULE);
  const actions: RequiredAction[] = !flagged
    ? []
    : [
        {
          source: ActionSource.LAW,
          reference: LAW_REFERENCE,
          text: {
            key: 'plans.followUp.lawAction',
            params: { law: LAW_TEXT, when: { key: state === PlanPeriodState.ENDED ? 'plans.followUp.periodEnded' : 'plans.followUp.periodEnds', params: { date: periodEnd } } },
          },
        },
        ...(rules.length
          ? rules.map((r) => ({ source: ActionSource.PLAN, reference: r.title ?? r.reference, text: r.text }))
          : [{ source: ActionSource.PLAN, reference: null, text: { key: 'plans.followUp.noReviewRule' } as Message }]),
      ];
  return { periodStart, periodEnd, state, monthsLeft: monthsBetween(asOf, periodEnd), horizonMonths, flagged, actions };
}

// ---- yearly reviews per service ------------------------------------------------------------

export interface ServiceReviewStatus {
  service: SharedService;
  /** Measures of the version in force that name the service as responsible. */
  measures: PlanMeasure[];
  /** The service's review in `year`, if any. */
  review: PlanReview | null;
  reviewed: boolean;
  /** A review is asked of the service: the plan states a review rule and the service has measures. */
  required: boolean;
}

export interface ReviewStatus {
  year: number;
  /** The plan's REVIEW_RULE statements (of the version in force); without one, no review is demanded. */
  reviewRules: PlanStatement[];
  /** The plan states a rule for its own review. */
  reviewsRequired: boolean;
  /** The review of the whole plan in `year`, if any. */
  planReview: PlanReview | null;
  services: ServiceReviewStatus[];
  /** Services a review is asked of (`required`) that have not reviewed their measures in `year`. */
  missing: SharedService[];
}

/**
 * Who has and has not reviewed this year: each covered shared service's own measures (those that
 * name it responsible) and whether its leader recorded a review of them in `year`. A review is
 * demanded only where a rule asks for it (the plan states a REVIEW_RULE) and only of a service that
 * has measures of its own: a plan without a rule, or a service without measures, is never missing one.
 */
export function reviewStatus(
  year: number,
  services: SharedService[],
  measures: PlanMeasure[],
  responsible: PlanMeasureResponsible[],
  reviews: PlanReview[],
  statements: PlanStatement[] = [],
): ReviewStatus {
  const reviewRules = statements.filter((s) => s.kind === PlanStatementKind.REVIEW_RULE);
  const reviewsRequired = reviewRules.length > 0;
  const inYear = reviews.filter((r) => Number(r.reviewedOn.slice(0, 4)) === year);
  const rows = services.map((service) => {
    const own = new Set(responsible.filter((r) => r.serviceId === service.id).map((r) => r.measureId));
    const review = inYear.find((r) => r.serviceId === service.id) ?? null;
    const ownMeasures = measures.filter((m) => own.has(m.id));
    return { service, measures: ownMeasures, review, reviewed: !!review, required: reviewsRequired && ownMeasures.length > 0 };
  });
  return {
    year,
    reviewRules,
    reviewsRequired,
    planReview: inYear.find((r) => !r.serviceId) ?? null,
    services: rows,
    missing: rows.filter((r) => r.required && !r.reviewed).map((r) => r.service),
  };
}
