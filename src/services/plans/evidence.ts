import type { Message } from '../../i18n';
import { Forum, ForumKind, ForumMeetingStatus, ForumPlacement } from '../../entities/fora';
import { Unit } from '../../entities/reference/unit';
import { applicableRules, bandOf, DEFAULT_SPACING_DAYS, evaluateRules, WindowStatus } from '../fora/cadence';
import { DatedMeeting, KindConfig, timelineOf } from '../fora/compliance';
import { rulesOn } from '../fora/rules';
import { unitOpenIn } from '../reference/units';
import { CadencePeriod } from '../../entities/fora/enums';
import { overlaps, TermDates, Window, windowOf, within, yearOf } from '../fora/periods';

/**
 * Fora evidence of a measure in one municipality, as pure functions of loaded rows (no database,
 * no clock): which fora of the measure's forum kind existed there in the period, which of the units
 * that should have one had one, and how many meetings they held against the kind's cadence minimum.
 * Evidence beside the implementation status a person set, never instead of it.
 * forum-evidence.ts loads; test/plans/forum-evidence.test.ts calls these directly.
 */

/** The most fora and units without a forum the evidence lists in an answer (the counts beside them are whole). */
export const EVIDENCE_LIST_CAP = 5;

/**
 * The term a day lies in, by the region's term dates; between two terms (the summer holiday) the
 * term that ended last. Spring and autumn lie within one calendar year (DEFAULT_TERMS and every
 * setting `setForumTerms` accepts).
 */
export function termAround(day: string, terms: TermDates): Window {
  const year = yearOf(day);
  const spring = windowOf(CadencePeriod.SPRING_TERM, year, 1, terms);
  const autumn = windowOf(CadencePeriod.AUTUMN_TERM, year, 1, terms);
  if (day >= autumn.from) return autumn;
  if (day >= spring.from) return spring;
  return windowOf(CadencePeriod.AUTUMN_TERM, year - 1, 1, terms);
}

export interface ForumEvidence {
  forum: Forum;
  unit: Unit | null;
  /** Meetings held in the period, up to `asOf`. */
  held: number;
  /** The kind's minimum for the period (the strictest rule, its windows in the period added up); null when no rule applies to it. */
  minimum: number | null;
  /** The forum judged by the kind's rules as of `asOf`: the worst window (BELOW_MINIMUM before IN_PROGRESS before ABOVE_MAXIMUM before MET); NOT_APPLICABLE without a rule or when the forum did not exist for a whole window. */
  status: WindowStatus;
}

export interface ForaEvidence {
  kind: ForumKind;
  period: Window;
  asOf: string;
  /** Fora of the kind in the municipality that existed during the period (up to `asOf`). */
  forumsEstablished: number;
  /** Units that should have a forum of the kind (a UNIT kind with required unit kinds); null for other kinds. */
  unitsRequired: number | null;
  /** Of those, the units that had one. */
  unitsCovered: number | null;
  unitsWithoutForum: Unit[];
  meetingsHeld: number;
  /** Meetings of these fora in the period still planned (neither held nor cancelled). */
  meetingsPlanned: number;
  forums: ForumEvidence[];
  forumsMeetingMinimum: number;
  forumsBelowMinimum: number;
  forumsInProgress: number;
  /** Not over, but can no longer reach the minimum (fora compliance's AT_RISK). */
  forumsAtRisk: number;
  /** One sentence for people: a message, rendered in the reader's language (plan-texts-resolver.ts). */
  summary: Message;
}

export interface EvidenceInput {
  config: KindConfig;
  period: Window;
  asOf: string;
  terms: TermDates;
  /** Fora of the kind in the municipality (any period). */
  forums: Forum[];
  /** Units of the municipality. */
  units: Unit[];
  /** Meetings of these fora, dated in Oslo, in (at least) the years of the period. */
  meetings: DatedMeeting[];
}

const WORST_FIRST = [WindowStatus.BELOW_MINIMUM, WindowStatus.AT_RISK, WindowStatus.IN_PROGRESS, WindowStatus.ABOVE_MAXIMUM, WindowStatus.MET, WindowStatus.NOT_APPLICABLE];

/** The evidence of one kind in one municipality for a period, as of a day. */
export function foraEvidence(input: EvidenceInput): ForaEvidence {
  const { config, period, asOf, terms } = input;
  const { kind } = config;
  const until = asOf < period.to ? asOf : period.to;
  const forums = input.forums.filter((f) => f.kindId === kind.id && f.establishedOn <= until && overlaps({ from: f.establishedOn, to: f.closedOn ?? '9999-12-31' }, period));
  const units = new Map(input.units.map((u) => [u.id, u]));
  // Judged as fora compliance judges (compliance.ts): each window by the kind's rules in force on
  // its first day, the units that should have a forum by the rules and units of the period's start.
  const timeline = timelineOf(config);
  const inForce = (date: string) => rulesOn(timeline, date);
  const requiredKinds = inForce(period.from)?.requiredUnitKinds ?? [];
  const required = kind.placement === ForumPlacement.UNIT && requiredKinds.length ? input.units.filter((u) => requiredKinds.includes(u.kind) && unitOpenIn(u, period)) : null;
  // Sets and groups, not a search per unit and forum: both lists grow with the municipality's fora.
  const unitsWithForum = new Set(forums.map((f) => f.unitId));
  const unitsWithoutForum = required ? required.filter((u) => !unitsWithForum.has(u.id)) : [];
  const meetingsOf = new Map<string, typeof input.meetings>();
  for (const m of input.meetings) {
    const list = meetingsOf.get(m.meeting.forumId);
    if (list) list.push(m);
    else meetingsOf.set(m.meeting.forumId, [m]);
  }

  const rows = forums.map((forum): ForumEvidence => {
    const meetings = meetingsOf.get(forum.id) ?? [];
    const heldDates = meetings.filter((m) => m.meeting.status === ForumMeetingStatus.HELD && m.date <= asOf).map((m) => m.date);
    const plannedDates = meetings.filter((m) => m.meeting.status === ForumMeetingStatus.PLANNED).map((m) => m.date);
    const unit = forum.unitId ? (units.get(forum.unitId) ?? null) : null;
    const judged = timeline.flatMap((version) =>
      evaluateRules(
        applicableRules(version.cadenceRules, bandOf(unit?.size, version.largeUnitSize)),
        heldDates,
        period,
        terms,
        asOf,
        { from: forum.establishedOn, to: forum.closedOn },
        { planned: plannedDates, booked: [...heldDates, ...plannedDates], spacing: version.minDaysBetweenMeetings ?? DEFAULT_SPACING_DAYS },
        (w) => inForce(w.from) === version,
      ).filter((r) => r.windows.length),
    );
    const statuses = judged.flatMap((r) => r.windows.map((w) => w.status));
    return {
      forum,
      unit,
      held: heldDates.filter((d) => within(d, period)).length,
      minimum: judged.length ? Math.max(...judged.map((r) => r.windows.reduce((sum, w) => sum + w.min, 0))) : null,
      status: WORST_FIRST.find((s) => statuses.includes(s)) ?? WindowStatus.NOT_APPLICABLE,
    };
  });
  const planned = forums.reduce((sum, f) => sum + (meetingsOf.get(f.id) ?? []).filter((m) => m.meeting.status === ForumMeetingStatus.PLANNED && within(m.date, period)).length, 0);
  const count = (s: WindowStatus) => rows.filter((r) => r.status === s).length;
  const evidence = {
    kind,
    period,
    asOf,
    forumsEstablished: forums.length,
    unitsRequired: required ? required.length : null,
    unitsCovered: required ? required.length - unitsWithoutForum.length : null,
    unitsWithoutForum,
    meetingsHeld: rows.reduce((sum, r) => sum + r.held, 0),
    meetingsPlanned: planned,
    forums: rows,
    forumsMeetingMinimum: count(WindowStatus.MET) + count(WindowStatus.ABOVE_MAXIMUM),
    forumsBelowMinimum: count(WindowStatus.BELOW_MINIMUM),
    forumsInProgress: count(WindowStatus.IN_PROGRESS),
    forumsAtRisk: count(WindowStatus.AT_RISK),
  };
  return { ...evidence, summary: summaryOf(evidence) };
}

/**
 * One sentence for people, as a message (rendered in the reader's language by
 * MeasureForaEvidenceTextResolver): "2 fora (TST) at 2 of 2 units that should have one; 4 meetings
 * held in 2025-AUTUMN; 2 of 2 fora met the minimum." Its optional parts are lists of messages
 * (empty when left out), each with its own plural forms.
 */
function summaryOf(e: Omit<ForaEvidence, 'summary'>): Message {
  const kind = e.kind.name;
  const period = e.period.label;
  if (!e.forumsEstablished) {
    const should: Message[] = e.unitsRequired ? [{ key: 'plans.evidence.unitsShould', params: { count: e.unitsRequired } }] : [];
    return { key: 'plans.evidence.none', params: { kind, period, units: should } };
  }
  const units: Message[] = e.unitsRequired === null ? [] : [{ key: 'plans.evidence.units', params: { covered: e.unitsCovered ?? 0, count: e.unitsRequired } }];
  const planned: Message[] = e.meetingsPlanned ? [{ key: 'plans.evidence.planned', params: { count: e.meetingsPlanned } }] : [];
  const judged = e.forums.filter((f) => f.minimum !== null && f.status !== WindowStatus.NOT_APPLICABLE).length;
  const details: Message[] = [];
  if (e.forumsBelowMinimum) details.push({ key: 'plans.evidence.below', params: { count: e.forumsBelowMinimum } });
  if (e.forumsAtRisk) details.push({ key: 'plans.evidence.atRisk', params: { count: e.forumsAtRisk } });
  if (e.forumsInProgress) details.push({ key: 'plans.evidence.inProgress', params: { count: e.forumsInProgress } });
  const against: Message = judged ? { key: 'plans.evidence.judged', params: { met: e.forumsMeetingMinimum, count: judged, details } } : { key: 'plans.evidence.noRule' };
  return {
    key: 'plans.evidence.summary',
    params: { count: e.forumsEstablished, kind, units, meetings: { key: 'plans.evidence.meetings', params: { count: e.meetingsHeld, period, planned } }, against },
  };
}
