import { CadencePeriod, ForumKind, ForumKindCadence, ForumKindRuleVersion, ForumLeadership, UnitSizeBand } from '../../src/entities/fora';
import { UnitKind } from '../../src/entities/reference/unit';
import { rulesOfKind as rulesOf, rulesOn, ruleTimeline, sameRules } from '../../src/services/fora/rules';

/** rules.ts as pure functions: the versions of a kind's rules in date order, and the one in force on a day. */
const kind = Object.assign(new ForumKind(), {
  id: 'k',
  regionId: 'r',
  rulesValidFrom: '2026-12-06',
  requiredUnitKinds: [UnitKind.SCHOOL],
  leadership: ForumLeadership.FIXED,
  rotationMonths: null,
  minMeetingMinutes: 150,
  largeUnitSize: 200,
  minDaysBetweenMeetings: null,
});
const cadence = [Object.assign(new ForumKindCadence(), { kindId: 'k', position: 0, period: CadencePeriod.AUTUMN_TERM, unitSize: UnitSizeBand.ANY, minMeetings: 3, maxMeetings: null })];
const version = (validFrom: string, min: number) =>
  Object.assign(new ForumKindRuleVersion(), {
    kindId: 'k',
    validFrom,
    cadence: [{ period: CadencePeriod.AUTUMN_TERM, unitSize: UnitSizeBand.ANY, minMeetings: min, maxMeetings: null }],
    requiredUnitKinds: [],
    leadership: ForumLeadership.FIXED,
    rotationMonths: null,
    minMeetingMinutes: null,
    largeUnitSize: null,
    minDaysBetweenMeetings: null,
  });

it('orders the history before the current rules and ends each version the day before the next', () => {
  const timeline = ruleTimeline(kind, cadence, [version('2025-08-01', 2), version('2000-01-01', 1)]);
  expect(timeline.map((v) => [v.validFrom, v.validTo, v.cadenceRules.map((c) => c.minMeetings)])).toEqual([
    ['2000-01-01', '2025-07-31', [1]],
    ['2025-08-01', '2026-12-05', [2]],
    ['2026-12-06', null, [3]],
  ]);
  expect(timeline[2].cadenceRules[0]).toBe(cadence[0]);
});

it('finds the version in force on a day, and none before the first', () => {
  const timeline = ruleTimeline(kind, cadence, [version('2025-08-01', 2)]);
  expect(rulesOn(timeline, '2025-07-31')).toBeNull();
  expect(rulesOn(timeline, '2025-08-01')?.validFrom).toBe('2025-08-01');
  expect(rulesOn(timeline, '2026-12-05')?.validFrom).toBe('2025-08-01');
  expect(rulesOn(timeline, '2026-12-06')?.validFrom).toBe('2026-12-06');
});

it('tells a change of rules from a change of date only', () => {
  const current = rulesOf(kind, cadence);
  expect(sameRules(current, { ...current, validFrom: '2000-01-01' })).toBe(true);
  expect(sameRules(current, { ...current, minDaysBetweenMeetings: 21 })).toBe(false);
  expect(sameRules(current, rulesOf(kind, [{ period: CadencePeriod.AUTUMN_TERM, minMeetings: 3 }]))).toBe(true);
});
