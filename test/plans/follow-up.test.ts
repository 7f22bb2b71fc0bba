import { MilestoneStatus, PlanMeasure, PlanMeasureResponsible, PlanMilestone, PlanMilestoneProgress, PlanReview, PlanStatement, PlanStatementKind, PlanTerm } from '../../src/entities/plans';
import { Message, render } from '../../src/i18n';
import { SharedService } from '../../src/entities/reference/shared-service';
import { ActionSource, addMonths, assessExpiry, milestoneDueBy, milestoneFollowUp, milestonesDoneLate, overdueMilestones, PlanPeriodState, reviewStatus } from '../../src/services/plans/follow-up';

/** Follow-up after adoption as plain functions: due dates, overdue, expiry, yearly reviews per service. */
const make = <T extends object>(cls: new () => T, fields: Partial<T>): T => Object.assign(new cls(), fields);
const milestone = (key: string, due: Partial<PlanMilestone>) => make(PlanMilestone, { key, title: key, dueDate: null, dueYear: null, dueMonth: null, dueTerm: null, doneOnAdoption: false, ...due });
const progress = (milestoneKey: string, status: MilestoneStatus) => make(PlanMilestoneProgress, { milestoneKey, status });

describe('milestones', () => {
  it('are due by their date, the end of their month, term or year, or not at all', () => {
    expect(milestoneDueBy(milestone('d', { dueDate: '2025-03-14', dueYear: 2025, dueTerm: PlanTerm.SPRING }))).toBe('2025-03-14');
    expect(milestoneDueBy(milestone('m', { dueYear: 2022, dueMonth: 9 }))).toBe('2022-09-30'); // "innen september 2022"
    expect(milestoneDueBy(milestone('f', { dueYear: 2024, dueMonth: 2 }))).toBe('2024-02-29');
    expect(milestoneDueBy(milestone('s', { dueYear: 2024, dueTerm: PlanTerm.SPRING }))).toBe('2024-06-30');
    expect(milestoneDueBy(milestone('a', { dueYear: 2023, dueTerm: PlanTerm.AUTUMN }))).toBe('2023-12-31');
    expect(milestoneDueBy(milestone('y', { dueYear: 2024 }))).toBe('2024-12-31'); // "i 2024"
    expect(milestoneDueBy(milestone('n', {}))).toBeNull();
  });

  it('are overdue after their last day unless done or cancelled; recorded progress counts, by lineage key', () => {
    const spring = milestone('k', { dueYear: 2024, dueTerm: PlanTerm.SPRING });
    expect(milestoneFollowUp(spring, [], '2024-06-30')).toMatchObject({ status: MilestoneStatus.PLANNED, progress: null, overdue: false });
    expect(milestoneFollowUp(spring, [], '2024-07-01')).toMatchObject({ status: MilestoneStatus.PLANNED, overdue: true });
    expect(milestoneFollowUp(spring, [progress('k', MilestoneStatus.IN_PROGRESS)], '2026-11-24').overdue).toBe(true);
    for (const closed of [MilestoneStatus.DONE, MilestoneStatus.CANCELLED]) expect(milestoneFollowUp(spring, [progress('k', closed)], '2026-11-24').overdue).toBe(false);
    expect(milestoneFollowUp(spring, [progress('other', MilestoneStatus.DONE)], '2026-11-24').overdue).toBe(true);
    expect(milestoneFollowUp(milestone('n', {}), [], '2099-01-01').overdue).toBe(false);
  });

  it('are judged as of the day asked: done after that day is still overdue on it, and done after the deadline is done late', () => {
    // Due 2025-12-31, completed 2026-11-16: overdue on 2026-01-10, done late from 2026-11-16.
    const yearly = milestone('k', { dueYear: 2025 });
    const done = [make(PlanMilestoneProgress, { milestoneKey: 'k', status: MilestoneStatus.DONE, completedOn: '2026-11-16' })];
    expect(milestoneFollowUp(yearly, done, '2026-01-10')).toMatchObject({ status: MilestoneStatus.DONE, overdue: true, doneLate: false });
    expect(milestoneFollowUp(yearly, done, '2026-11-15')).toMatchObject({ overdue: true, doneLate: false });
    expect(milestoneFollowUp(yearly, done, '2026-11-16')).toMatchObject({ overdue: false, doneLate: true });
    const inTime = [make(PlanMilestoneProgress, { milestoneKey: 'k', status: MilestoneStatus.DONE, completedOn: '2025-12-31' })];
    expect(milestoneFollowUp(yearly, inTime, '2026-01-10')).toMatchObject({ overdue: false, doneLate: false });
    // A cancellation counts from the (Oslo) day it was recorded: 2026-03-01 23:30 UTC is 2 March in Oslo.
    const cancelled = [make(PlanMilestoneProgress, { milestoneKey: 'k', status: MilestoneStatus.CANCELLED, completedOn: null, updatedAt: new Date('2026-03-01T23:30:00Z') })];
    expect(milestoneFollowUp(yearly, cancelled, '2026-03-01').overdue).toBe(true);
    expect(milestoneFollowUp(yearly, cancelled, '2026-03-02')).toMatchObject({ overdue: false, doneLate: false });
    expect(milestonesDoneLate([yearly, milestone('n', {})], done, '2027-01-01').map((f) => f.milestone.key)).toEqual(['k']);
  });

  it('are done on the adoption of their version when linked to it, whatever is recorded', () => {
    const adoption = milestone('v', { dueYear: 2023, dueTerm: PlanTerm.SPRING, doneOnAdoption: true });
    expect(milestoneFollowUp(adoption, [], '2023-07-01', null)).toMatchObject({ status: MilestoneStatus.PLANNED, completedOn: null, overdue: true });
    expect(milestoneFollowUp(adoption, [], '2023-07-01', '2023-04-20')).toMatchObject({ status: MilestoneStatus.DONE, completedOn: '2023-04-20', overdue: false, doneLate: false });
    expect(milestoneFollowUp(adoption, [progress('v', MilestoneStatus.IN_PROGRESS)], '2024-01-01', '2023-09-01')).toMatchObject({ status: MilestoneStatus.DONE, overdue: false, doneLate: true });
    expect(milestoneFollowUp(adoption, [], '2023-08-01', '2023-09-01')).toMatchObject({ overdue: true, doneLate: false });
    // Not linked: an adopted version does not make it done.
    expect(milestoneFollowUp(milestone('u', { dueYear: 2023, dueTerm: PlanTerm.SPRING }), [], '2023-07-01', '2023-04-20')).toMatchObject({ status: MilestoneStatus.PLANNED, overdue: true });
  });

  it('lists the overdue ones in plan order', () => {
    const list = [milestone('a', { dueYear: 2023 }), milestone('b', { dueYear: 2030 }), milestone('c', { dueYear: 2024, dueMonth: 3 }), milestone('d', { dueYear: 2022 })];
    expect(overdueMilestones(list, [progress('d', MilestoneStatus.DONE)], '2025-01-01').map((f) => f.milestone.key)).toEqual(['a', 'c']);
  });
});

describe('the plan period', () => {
  const rule = make(PlanStatement, { kind: PlanStatementKind.REVIEW_RULE, title: 'Årlig gjennomgang', reference: null, text: 'Planen gjennomgås en gang per år.' });
  const other = make(PlanStatement, { kind: PlanStatementKind.MOTTO, title: null, reference: null, text: 'Sammen' });
  const period = { periodStartYear: 2023, periodEndYear: 2026 };

  it('adds months, keeping the day within the month', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2026-11-24', 1)).toBe('2026-12-24');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
  });

  it('is in period, ending within the horizon, ended, or not started', () => {
    const at = (asOf: string, horizon = 6) => assessExpiry(period, [rule], asOf, horizon);
    expect([at('2022-12-01').state, at('2025-06-30').state, at('2026-06-30').state, at('2026-11-24').state, at('2027-01-01').state]).toEqual([
      PlanPeriodState.NOT_STARTED,
      PlanPeriodState.IN_PERIOD,
      PlanPeriodState.IN_PERIOD,
      PlanPeriodState.ENDING,
      PlanPeriodState.ENDED,
    ]);
    expect(at('2026-07-01').state).toBe(PlanPeriodState.ENDING);
    expect(at('2026-06-30', 3).state).toBe(PlanPeriodState.IN_PERIOD);
    expect(at('2025-12-31', 12).state).toBe(PlanPeriodState.ENDING);
    expect([at('2026-11-24').monthsLeft, at('2028-02-01').monthsLeft, at('2026-12-31').monthsLeft]).toEqual([1, -14, 0]);
  });

  it('says what the law and the plan require once flagged, and nothing before', () => {
    expect(assessExpiry(period, [rule], '2025-01-01').actions).toEqual([]);
    const ended = assessExpiry(period, [other, rule], '2027-03-01');
    expect(ended).toMatchObject({ flagged: true, periodEnd: '2026-12-31', horizonMonths: 6 });
    expect(ended.actions.map((a) => [a.source, a.reference])).toEqual([
      [ActionSource.LAW, 'barnevernsloven § 15-1'],
      [ActionSource.PLAN, 'Årlig gjennomgang'],
    ]);
    const law = ended.actions[0].text as Message;
    expect(render('en', law)).toContain('Kommunestyret selv skal vedta en plan');
    expect(render('en', law)).toContain('The plan period ended on 2026-12-31');
    expect(render('nb', law)).toContain('Planperioden sluttet 2026-12-31: kommunestyret i hver kommune planen gjelder, må selv vedta');
    expect(ended.actions[1].text).toBe('Planen gjennomgås en gang per år.');
    expect(assessExpiry(period, [other], '2026-11-24').actions[1]).toEqual({ source: ActionSource.PLAN, reference: null, text: { key: 'plans.followUp.noReviewRule' } });
  });
});

describe('yearly reviews per service', () => {
  const service = (id: string) => make(SharedService, { id, name: id });
  const services = [service('barnevern'), service('ppt'), service('nav')];
  const measures = ['m1', 'm2', 'm3'].map((id) => make(PlanMeasure, { id, title: id }));
  const responsible = [
    make(PlanMeasureResponsible, { measureId: 'm1', serviceId: 'barnevern' }),
    make(PlanMeasureResponsible, { measureId: 'm2', serviceId: 'barnevern' }),
    make(PlanMeasureResponsible, { measureId: 'm2', serviceId: 'ppt' }),
    make(PlanMeasureResponsible, { measureId: 'm3', serviceId: null, roleName: 'Rektor' }),
  ];
  const review = (serviceId: string | null, reviewedOn: string) => make(PlanReview, { serviceId, reviewedOn });

  const rule = make(PlanStatement, { kind: PlanStatementKind.REVIEW_RULE, title: null, reference: null, text: 'Tjenesteleder evaluerer egne tiltak en gang per år.' });
  const motto = make(PlanStatement, { kind: PlanStatementKind.MOTTO, title: null, reference: null, text: 'Sammen' });

  it("shows each service's own measures and whether it reviewed them in the year; the plan-wide review apart; demands reviews only of services with measures", () => {
    const reviews = [review('barnevern', '2026-03-01'), review('ppt', '2025-11-30'), review(null, '2026-06-01')];
    const status = reviewStatus(2026, services, measures, responsible, reviews, [motto, rule]);
    expect(status.services.map((s) => [s.service.id, s.measures.map((m) => m.id), s.reviewed, s.required])).toEqual([
      ['barnevern', ['m1', 'm2'], true, true],
      ['ppt', ['m2'], false, true],
      ['nav', [], false, false],
    ]);
    expect(status.planReview?.reviewedOn).toBe('2026-06-01');
    expect([status.reviewsRequired, status.reviewRules]).toEqual([true, [rule]]);
    // NAV has no measures of its own: no review is asked of it.
    expect(status.missing.map((s) => s.id)).toEqual(['ppt']);
    expect(reviewStatus(2025, services, measures, responsible, reviews, [rule]).services.map((s) => s.reviewed)).toEqual([false, true, false]);
  });

  it('demands no review of a plan that states no review rule', () => {
    const status = reviewStatus(2026, services, measures, responsible, [], [motto]);
    expect([status.reviewsRequired, status.reviewRules, status.missing]).toEqual([false, [], []]);
    expect(status.services.map((s) => s.required)).toEqual([false, false, false]);
  });
});
