import { CadencePeriod, ForumLeadership, UnitSizeBand } from '../../src/entities/fora/enums';
import { ForumKind, ForumLeaderTerm, ForumMembership } from '../../src/entities/fora';
import { applicableRules, bandOf, evaluateRules, judge, WindowStatus, yearlyMinimum } from '../../src/services/fora/cadence';
import { KindConfig, LeadershipIssue, leadershipViolations } from '../../src/services/fora/compliance';
import { ANNUAL_HOURS_PER_FTE, serviceLoad } from '../../src/services/fora/load';
import { addMonths, DEFAULT_TERMS, parsePeriod, schoolMonthCount, weekdayOf, windowsOverlapping } from '../../src/services/fora/periods';
import { planSchedule } from '../../src/services/fora/schedule';
import { osloDate, osloInstant } from '../../src/services/fora/time';

/** The pure rules of the fora feature, without a database. (The national-ID rule: test/personal-data/.) */

describe('periods and terms', () => {
  it("parses years, half-years, terms and months, with the region's terms", () => {
    expect(parsePeriod('2024-SPRING', DEFAULT_TERMS)).toMatchObject({ kind: CadencePeriod.SPRING_TERM, from: '2024-01-01', to: '2024-06-30' });
    expect(parsePeriod('2024-autumn', DEFAULT_TERMS)).toMatchObject({ kind: CadencePeriod.AUTUMN_TERM, from: '2024-08-01', to: '2024-12-31' });
    expect(parsePeriod('2024-02', DEFAULT_TERMS)).toMatchObject({ kind: CadencePeriod.MONTH, from: '2024-02-01', to: '2024-02-29' });
    expect(parsePeriod('2024-H2', DEFAULT_TERMS)).toMatchObject({ kind: CadencePeriod.HALF_YEAR, from: '2024-07-01', to: '2024-12-31' });
    expect(parsePeriod('2024', DEFAULT_TERMS)).toMatchObject({ kind: CadencePeriod.YEAR, from: '2024-01-01', to: '2024-12-31' });
    const custom = { springStart: '01-03', springEnd: '06-20', autumnStart: '08-18', autumnEnd: '12-20' };
    expect(parsePeriod('2024-AUTUMN', custom)).toMatchObject({ from: '2024-08-18', to: '2024-12-20' });
    for (const bad of ['2024-13', '24', '2024-H3', '2024-WINTER', '1999', '']) expect([bad, parsePeriod(bad, DEFAULT_TERMS)]).toEqual([bad, null]);
  });

  it('counts months only where they touch a term (July is off by default)', () => {
    expect(schoolMonthCount(DEFAULT_TERMS)).toBe(11);
    expect(windowsOverlapping(CadencePeriod.MONTH, { from: '2024-06-15', to: '2024-08-15' }, DEFAULT_TERMS).map((w) => w.label)).toEqual(['2024-06', '2024-08']);
    expect(schoolMonthCount({ springStart: '01-01', springEnd: '05-31', autumnStart: '09-01', autumnEnd: '12-31' })).toBe(9);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });

  it('turns local Oslo times into instants across daylight saving', () => {
    expect(osloInstant('2024-01-15', '12:30').toISOString()).toBe('2024-01-15T11:30:00.000Z');
    expect(osloInstant('2024-07-15', '12:30').toISOString()).toBe('2024-07-15T10:30:00.000Z');
    expect(osloDate(new Date('2024-03-31T22:30:00Z'))).toBe('2024-04-01');
  });
});

const rule = (period: CadencePeriod, minMeetings: number, maxMeetings: number | null = null, unitSize = UnitSizeBand.ANY) => ({ period, minMeetings, maxMeetings, unitSize });
const always = { from: '2000-01-01', to: null };

describe('cadence rules', () => {
  const tst = [rule(CadencePeriod.AUTUMN_TERM, 2), rule(CadencePeriod.SPRING_TERM, 3), rule(CadencePeriod.MONTH, 1, null, UnitSizeBand.LARGE)];

  it('applies the size threshold: LARGE rules only from largeUnitSize on', () => {
    expect(bandOf(199, 200)).toBe(UnitSizeBand.BELOW_LARGE);
    expect(bandOf(200, 200)).toBe(UnitSizeBand.LARGE);
    expect(bandOf(5000, null)).toBe(UnitSizeBand.BELOW_LARGE);
    expect(applicableRules(tst, UnitSizeBand.BELOW_LARGE).map((r) => r.period)).toEqual([CadencePeriod.AUTUMN_TERM, CadencePeriod.SPRING_TERM]);
    expect(applicableRules(tst, UnitSizeBand.LARGE)).toHaveLength(3);
  });

  it('judges a window: too few once it is over, too many at once, not applicable when the forum did not exist for all of it', () => {
    const w = parsePeriod('2024-AUTUMN', DEFAULT_TERMS)!;
    expect(judge(w, 1, 2, null, '2025-01-10', always).status).toBe(WindowStatus.BELOW_MINIMUM);
    expect(judge(w, 1, 2, null, '2024-10-01', always).status).toBe(WindowStatus.IN_PROGRESS);
    expect(judge(w, 2, 2, null, '2025-01-10', always).status).toBe(WindowStatus.MET);
    expect(judge(w, 5, 2, 4, '2024-10-01', always).status).toBe(WindowStatus.ABOVE_MAXIMUM);
    expect(judge(w, 0, 2, null, '2025-01-10', { from: '2024-09-01', to: null }).status).toBe(WindowStatus.NOT_APPLICABLE);
  });

  it('counts both terms of a year separately (2 in the autumn, 3 in the spring)', () => {
    const meetings = ['2024-02-06', '2024-04-09', '2024-09-10', '2024-11-12'];
    const result = evaluateRules(applicableRules(tst, UnitSizeBand.BELOW_LARGE), meetings, parsePeriod('2024', DEFAULT_TERMS)!, DEFAULT_TERMS, '2025-06-01', always);
    expect(result.map((r) => r.windows.map((w) => [w.window.label, w.count, w.status]))).toEqual([[['2024-AUTUMN', 2, WindowStatus.MET]], [['2024-SPRING', 2, WindowStatus.BELOW_MINIMUM]]]);
  });

  it('demands per year the strictest of the rules', () => {
    expect(yearlyMinimum(applicableRules(tst, UnitSizeBand.BELOW_LARGE), DEFAULT_TERMS)).toBe(2 + 3);
    expect(yearlyMinimum(applicableRules(tst, UnitSizeBand.LARGE), DEFAULT_TERMS)).toBe(11);
    expect(yearlyMinimum([rule(CadencePeriod.MONTH, 2, 4)], DEFAULT_TERMS)).toBe(22);
    expect(yearlyMinimum([rule(CadencePeriod.YEAR, 4)], DEFAULT_TERMS)).toBe(4);
    expect(yearlyMinimum([rule(CadencePeriod.HALF_YEAR, 3)], DEFAULT_TERMS)).toBe(6);
  });
});

describe('term schedule', () => {
  const term = parsePeriod('2031-AUTUMN', DEFAULT_TERMS)!;
  const tuesday = 2;

  it('plans the minimum of the term on the chosen weekday, evenly spread, skipping excluded dates', () => {
    const plan = planSchedule({ term, rules: [rule(CadencePeriod.AUTUMN_TERM, 2)], terms: DEFAULT_TERMS, weekday: tuesday, existing: [], excluded: [] });
    if (!plan.ok) throw new Error('no plan');
    expect(plan.dates).toHaveLength(2);
    expect(plan.dates.every((d) => weekdayOf(d) === tuesday)).toBe(true);
    // Evenly: one in each half of the term.
    expect(plan.dates[0] < '2031-10-16' && plan.dates[1] > '2031-10-16').toBe(true);
    const skipped = planSchedule({ term, rules: [rule(CadencePeriod.AUTUMN_TERM, 2)], terms: DEFAULT_TERMS, weekday: tuesday, existing: [], excluded: plan.dates });
    if (!skipped.ok) throw new Error('no plan');
    expect(skipped.dates.some((d) => plan.dates.includes(d))).toBe(false);
  });

  it('counts meetings that exist, so a second run plans nothing', () => {
    const first = planSchedule({ term, rules: [rule(CadencePeriod.AUTUMN_TERM, 2)], terms: DEFAULT_TERMS, weekday: tuesday, existing: [], excluded: [] });
    if (!first.ok) throw new Error('no plan');
    const second = planSchedule({ term, rules: [rule(CadencePeriod.AUTUMN_TERM, 2)], terms: DEFAULT_TERMS, weekday: tuesday, existing: first.dates, excluded: [] });
    expect(second).toEqual({ ok: true, dates: [], existingInTerm: 2, totalInTerm: 2 });
  });

  it('meets a monthly minimum in every school month of the term and never passes a monthly maximum', () => {
    const plan = planSchedule({ term, rules: [rule(CadencePeriod.MONTH, 2, 3), rule(CadencePeriod.AUTUMN_TERM, 12)], terms: DEFAULT_TERMS, weekday: tuesday, existing: [], excluded: [] });
    if (!plan.ok) throw new Error('no plan');
    const perMonth = new Map<string, number>();
    for (const d of plan.dates) perMonth.set(d.slice(0, 7), (perMonth.get(d.slice(0, 7)) ?? 0) + 1);
    expect([...perMonth.keys()]).toEqual(['2031-08', '2031-09', '2031-10', '2031-11', '2031-12']);
    expect([...perMonth.values()].every((n) => n >= 2 && n <= 3)).toBe(true);
    expect(plan.dates).toHaveLength(12);
  });

  it('shares a yearly minimum between the terms by their length', () => {
    const spring = planSchedule({ term: parsePeriod('2031-SPRING', DEFAULT_TERMS)!, rules: [rule(CadencePeriod.YEAR, 4)], terms: DEFAULT_TERMS, weekday: tuesday, existing: [], excluded: [] });
    const autumn = planSchedule({ term, rules: [rule(CadencePeriod.YEAR, 4)], terms: DEFAULT_TERMS, weekday: tuesday, existing: [], excluded: [] });
    expect(spring.ok && autumn.ok && spring.dates.length + autumn.dates.length).toBe(4);
  });

  it('says which window cannot be filled when too many dates are excluded', () => {
    const allTuesdays = windowsOverlapping(CadencePeriod.MONTH, term, DEFAULT_TERMS)
      .flatMap((m) => Array.from({ length: 31 }, (_, i) => `${m.label}-${String(i + 1).padStart(2, '0')}`))
      .filter((d) => d <= '2031-09-30' && d >= '2031-09-01');
    const plan = planSchedule({ term, rules: [rule(CadencePeriod.MONTH, 1)], terms: DEFAULT_TERMS, weekday: tuesday, existing: [], excluded: allTuesdays });
    expect(plan).toEqual({ ok: false, window: '2031-09', needed: 1, possible: 0 });
  });
});

describe('rotating leadership', () => {
  const kind = Object.assign(new ForumKind(), { leadership: ForumLeadership.ROTATING, rotationMonths: 12 });
  const config: KindConfig = { kind, members: [], cadence: [], elements: [] };
  const member = (id: string, personName: string | null) => Object.assign(new ForumMembership(), { id, personName });
  const term = (membershipId: string, validFrom: string, validTo: string | null) => Object.assign(new ForumLeaderTerm(), { membershipId, validFrom, validTo });
  const period = { from: '2024-01-01', to: '2025-12-31' };

  it('accepts a new leader every year', () => {
    const out = leadershipViolations(
      config,
      [term('a', '2023-08-01', '2024-07-31'), term('b', '2024-08-01', '2025-07-31'), term('a', '2025-08-01', null)],
      [member('a', 'Kari'), member('b', 'Ola')],
      [],
      period,
      '2025-10-01',
    );
    expect(out).toEqual([]);
  });

  it('finds a leader who served too long, and the same person following themself', () => {
    const out = leadershipViolations(config, [term('a', '2023-08-01', '2024-07-31'), term('a2', '2024-08-01', null)], [member('a', 'Kari'), member('a2', 'kari ')], [], period, '2025-10-01');
    expect(out.map((v) => [v.issue, v.date])).toEqual([
      [LeadershipIssue.TERM_TOO_LONG, '2025-08-01'],
      [LeadershipIssue.NOT_ROTATED, '2024-08-01'],
    ]);
  });

  it('finds a held meeting without a leader (any kind)', () => {
    const fixed: KindConfig = { ...config, kind: Object.assign(new ForumKind(), { leadership: ForumLeadership.FIXED, rotationMonths: null }) };
    const out = leadershipViolations(fixed, [term('a', '2024-03-01', null)], [], [{ meeting: {} as never, date: '2024-02-10' }], period, '2025-01-01');
    expect(out.map((v) => v.issue)).toEqual([LeadershipIssue.NO_LEADER]);
  });
});

describe('service load', () => {
  it('adds up hours per unit by the rules, and what monthly meetings in the largest units would add', () => {
    const kind = Object.assign(new ForumKind(), { id: 'k', name: 'TST', placement: 'UNIT', requiredUnitKinds: ['SCHOOL'], minMeetingMinutes: 150, largeUnitSize: 200 });
    const seat = { id: 's', kindId: 'k', code: 'barnevern', name: 'Barnevern', attendance: 'MANDATORY', serviceKind: 'BARNEVERN', attendancesPerHalfYear: null };
    const cadence = [rule(CadencePeriod.AUTUMN_TERM, 2), rule(CadencePeriod.SPRING_TERM, 3)];
    const municipality = { id: 'm', number: '3429', name: 'Folldal' };
    const units = [
      { id: 'u1', municipalityId: 'm', kind: 'SCHOOL', size: 100 },
      { id: 'u2', municipalityId: 'm', kind: 'SCHOOL', size: 300 },
      { id: 'u3', municipalityId: 'm', kind: 'KINDERGARTEN', size: 40 },
    ];
    const load = serviceLoad({
      service: { kind: 'BARNEVERN' } as never,
      owners: [municipality as never],
      units: units as never,
      forums: [],
      terms: DEFAULT_TERMS,
      kinds: [{ kind, members: [seat as never], cadence: cadence as never, elements: [] }],
    });
    const perYear = 2 * 5; // two schools (the kindergarten is not required) × (2 + 3)
    expect(load.meetingsPerYear).toBe(perYear);
    expect(load.hoursPerYear).toBe((perYear * 150) / 60);
    expect(load.hoursPerMonth).toBe(Math.round(((perYear * 150) / 60 / 12) * 100) / 100);
    expect(load.fullTimeEquivalents).toBe(Math.round(((perYear * 150) / 60 / ANNUAL_HOURS_PER_FTE) * 1000) / 1000);
    // The large school (300 ≥ 200) meeting every school month: 5 + 11 meetings.
    expect(load.ifLargestMonthly.meetingsPerYear).toBe(5 + 11);
    expect(load.ifLargestMonthly.unitsAffected).toBe(1);
    expect(load.ifLargestMonthly.extraHoursPerMonth).toBeCloseTo(((11 - 5) * 150) / 60 / 12, 1);
  });
});
