import { ForumKind, ForumKindCadence, ForumKindRuleVersion, ForumLeadership, StoredCadenceRule, UnitSizeBand } from '../../entities/fora';
import { UnitKind } from '../../entities/reference/unit';
import { dayBefore } from '../dates';

/**
 * A forum kind's rules through time, as pure functions (docs/fora.md "Which rules judge which
 * period"). The kind's current rules (its columns and cadence rows) are in force from its
 * `rulesValidFrom`; `forum_kind_rule_version` rows hold the rules it had before, each from its
 * `validFrom` to the day before the next. A window (a term, a month, a half-year, a year) is judged
 * by the rules in force on its FIRST day; a window that began before the kind's first rules is not
 * judged at all. Rules decided during a window apply from the next window: nobody is judged by a
 * rule that was not in force when the window began, and a finished window never changes.
 */

/** Rules in force "since before any data": the first day a report period can name (years 2000–2100). */
export const RULES_SINCE_ALWAYS = '2000-01-01';

/** What a rule version holds (all a report judges by). */
export interface KindRules {
  validFrom: string;
  cadence: StoredCadenceRule[];
  requiredUnitKinds: UnitKind[];
  leadership: ForumLeadership;
  rotationMonths: number | null;
  minMeetingMinutes: number | null;
  largeUnitSize: number | null;
  minDaysBetweenMeetings: number | null;
}

/** A version on the timeline: its last day (null: still in force) and its cadence as rule rows. */
export interface RulesInForce extends KindRules {
  validTo: string | null;
  cadenceRules: ForumKindCadence[];
}

const stored = (c: Pick<StoredCadenceRule, 'period' | 'minMeetings'> & { unitSize?: UnitSizeBand | null; maxMeetings?: number | null }): StoredCadenceRule => ({
  period: c.period,
  unitSize: c.unitSize ?? UnitSizeBand.ANY,
  minMeetings: c.minMeetings,
  maxMeetings: c.maxMeetings ?? null,
});

/** The rules of a kind as its row and cadence rows say (its current rules). */
export function rulesOfKind(
  kind: Pick<ForumKind, 'rulesValidFrom' | 'requiredUnitKinds' | 'leadership' | 'rotationMonths' | 'minMeetingMinutes' | 'largeUnitSize' | 'minDaysBetweenMeetings'>,
  cadence: (Pick<StoredCadenceRule, 'period' | 'minMeetings'> & { unitSize?: UnitSizeBand | null; maxMeetings?: number | null })[],
): KindRules {
  return {
    validFrom: kind.rulesValidFrom ?? RULES_SINCE_ALWAYS,
    cadence: cadence.map(stored),
    requiredUnitKinds: [...(kind.requiredUnitKinds ?? [])].sort(),
    leadership: kind.leadership,
    rotationMonths: kind.rotationMonths ?? null,
    minMeetingMinutes: kind.minMeetingMinutes ?? null,
    largeUnitSize: kind.largeUnitSize ?? null,
    minDaysBetweenMeetings: kind.minDaysBetweenMeetings ?? null,
  };
}

/** Do two versions judge alike (everything but the date)? */
export function sameRules(a: KindRules, b: KindRules): boolean {
  const { validFrom: _a, ...restA } = a;
  const { validFrom: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

function cadenceRows(kind: Pick<ForumKind, 'id' | 'regionId'>, rules: StoredCadenceRule[]): ForumKindCadence[] {
  return rules.map((r, position) => Object.assign(new ForumKindCadence(), { id: `${kind.id}:${position}`, regionId: kind.regionId, kindId: kind.id, position, ...r }));
}

/** Every version of a kind's rules, oldest first: its history rows, then its current rules. */
export function ruleTimeline(kind: ForumKind, cadence: ForumKindCadence[], history: ForumKindRuleVersion[] = []): RulesInForce[] {
  const versions: (KindRules & { cadenceRules?: ForumKindCadence[] })[] = [
    ...history
      .filter((h) => h.kindId === kind.id)
      .map((h) => ({
        validFrom: h.validFrom,
        cadence: h.cadence.map(stored),
        requiredUnitKinds: h.requiredUnitKinds,
        leadership: h.leadership,
        rotationMonths: h.rotationMonths,
        minMeetingMinutes: h.minMeetingMinutes,
        largeUnitSize: h.largeUnitSize,
        minDaysBetweenMeetings: h.minDaysBetweenMeetings,
      }))
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom)),
    { ...rulesOfKind(kind, cadence), cadenceRules: cadence },
  ];
  return versions.map((v, i) => ({
    ...v,
    validTo: i + 1 < versions.length ? dayBefore(versions[i + 1].validFrom) : null,
    cadenceRules: v.cadenceRules ?? cadenceRows(kind, v.cadence),
  }));
}

/** The version in force on `date`; null before the kind's first rules. */
export function rulesOn(timeline: RulesInForce[], date: string): RulesInForce | null {
  let found: RulesInForce | null = null;
  for (const v of timeline) if (v.validFrom <= date) found = v;
  return found;
}
