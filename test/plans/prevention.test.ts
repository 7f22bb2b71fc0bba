import { render } from '../../src/i18n';
import { PlanFactor, PlanFactorKind, PlanMeasure, PlanMeasureFactor, PlanMeasureTargetGroup, PlanTargetGroupFactor, PreventionLevel } from '../../src/entities/plans';
import { ageBandsOf, agesOverlap, checkAgeBands, computePreventionCoverage, DEFAULT_AGE_BANDS, factorsByMeasure, GapKind } from '../../src/services/plans/prevention';

/** The prevention gap analysis as plain functions: rows in, layout out, no database. */
const make = <T extends object>(cls: new () => T, fields: Partial<T>): T => Object.assign(new cls(), fields);
const factor = (id: string, kind: PlanFactorKind, ageFrom: number | null = null) => make(PlanFactor, { id, kind, code: id, title: id, ageFrom, ageTo: null });
const measure = (id: string, levels: PreventionLevel[], ageFrom: number | null = null, ageTo: number | null = null) => make(PlanMeasure, { id, title: id, preventionLevels: levels, ageFrom, ageTo });
const { UNIVERSAL, SELECTIVE, INDICATED } = PreventionLevel;

describe('age bands', () => {
  it('overlap when they share an age; open bounds reach every age', () => {
    expect(agesOverlap({ from: 0, to: 5 }, { from: 5, to: 12 })).toBe(true);
    expect(agesOverlap({ from: 0, to: 5 }, { from: 6, to: 12 })).toBe(false);
    expect(agesOverlap({ from: 8, to: null }, { from: 0, to: 5 })).toBe(false);
    expect(agesOverlap({ from: null, to: null }, { from: 16, to: 17 })).toBe(true);
  });

  it('must be ordered and apart, each ending after it starts', () => {
    expect(checkAgeBands(DEFAULT_AGE_BANDS)).toBeNull();
    expect(checkAgeBands([])).toEqual({ key: 'plans.errors.ageBandsNone' });
    expect(checkAgeBands([{ from: 6, to: 5 }])).toEqual({ key: 'plans.errors.ageBandEndsBeforeStart', params: { n: 1 } });
    expect(
      checkAgeBands([
        { from: 0, to: 6 },
        { from: 6, to: 12 },
      ]),
    ).toEqual({ key: 'plans.errors.ageBandsOverlap', params: { a: 1, b: 2 } });
    expect(
      checkAgeBands([
        { from: 0, to: null },
        { from: 6, to: 12 },
      ]),
    ).toEqual({ key: 'plans.errors.ageBandsOverlap', params: { a: 1, b: 2 } });
  });

  it("turns a caller's bands into labelled bands, and refuses bad ones as BAD_USER_INPUT", () => {
    expect(ageBandsOf(null)).toBeUndefined();
    expect(ageBandsOf([{ from: 0, to: 5 }, { from: 6 }])).toEqual([
      { from: 0, to: 5, label: '0–5 år' },
      { from: 6, to: null, label: 'fra 6 år' },
    ]);
    expect(() => ageBandsOf([{ from: 10, to: 5 }])).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'ageBands' }) }));
    expect(() => ageBandsOf(Array.from({ length: 21 }, (_, i) => ({ from: i, to: i })))).toThrow('at most 20');
  });
});

describe('prevention coverage', () => {
  // R1 concerns every age, R2 applies from age 8 ("Fra 8-års alder"); P1 and P2 are protective.
  const factors = [factor('P1', PlanFactorKind.PROTECTIVE), factor('R1', PlanFactorKind.RISK), factor('R2', PlanFactorKind.RISK, 8), factor('P2', PlanFactorKind.PROTECTIVE)];
  const measures = [
    measure('A', [SELECTIVE], 0, 5), // addresses R1 directly
    measure('B', [UNIVERSAL, INDICATED]), // every age; addresses R2 through its target group
    measure('C', []), // no level stated; addresses P1
    measure('D', [INDICATED], 13, 17), // addresses nothing
  ];
  const input = {
    measures,
    factors,
    measureFactors: [make(PlanMeasureFactor, { measureId: 'A', factorId: 'R1' }), make(PlanMeasureFactor, { measureId: 'C', factorId: 'P1' })],
    measureTargetGroups: [make(PlanMeasureTargetGroup, { measureId: 'B', targetGroupId: 'G' })],
    targetGroupFactors: [make(PlanTargetGroupFactor, { targetGroupId: 'G', factorId: 'R2' })],
  };
  const coverage = computePreventionCoverage(input);
  const cells = (id: string) => coverage.factors.find((f) => f.factor.id === id)!.cells;
  const grid = (id: string) => cells(id).map((c) => (!c.applicable ? '·' : c.measures.map((m) => m.id).join('') || '_'));

  it("counts a factor as addressed through a measure's target groups too", () => {
    expect([...factorsByMeasure(input)].map(([m, f]) => [m, [...f]])).toEqual([
      ['A', ['R1']],
      ['C', ['P1']],
      ['B', ['R2']],
    ]);
  });

  it('lays each factor out by level × band: risk factors first, inapplicable bands marked, gaps counted', () => {
    expect(coverage.factors.map((f) => [f.factor.id, f.measures.map((m) => m.id), f.gapCount])).toEqual([
      ['R1', ['A'], 11],
      ['R2', ['B'], 3],
      ['P1', ['C'], 12],
      ['P2', [], 12],
    ]);
    // Levels UNIVERSAL, SELECTIVE, INDICATED × bands 0–5, 6–12, 13–15, 16–17.
    expect(grid('R1')).toEqual(['_', '_', '_', '_', 'A', '_', '_', '_', '_', '_', '_', '_']);
    expect(grid('R2')).toEqual(['·', 'B', 'B', 'B', '·', '_', '_', '_', '·', 'B', 'B', 'B']);
  });

  it('lists the gaps, the measures that address no stated risk, those without a level and factors without any measure', () => {
    expect(coverage.gaps.filter((g) => g.factor.id === 'R2').map((g) => [g.level, g.band.label])).toEqual([
      [SELECTIVE, '6–12 år'],
      [SELECTIVE, '13–15 år'],
      [SELECTIVE, '16–17 år'],
    ]);
    expect(coverage.gaps).toHaveLength(11 + 3 + 12 + 12);
    expect(coverage.measuresAddressingNoRisk.map((m) => m.id)).toEqual(['C', 'D']);
    expect(coverage.measuresWithoutLevel.map((m) => m.id)).toEqual(['C']);
    expect(coverage.factorsWithoutMeasures.map((f) => f.id)).toEqual(['P2']);
  });

  it('tells a gap where no measure lies on the level and age from one where measures lie there but are not linked to the factor', () => {
    // Overall: UNIVERSAL B B B B · SELECTIVE A _ _ _ · INDICATED B B BD BD.
    expect(coverage.factors.map((f) => [f.factor.id, f.gapCount, f.notLinkedCount])).toEqual([
      ['R1', 11, 8],
      ['R2', 3, 0],
      ['P1', 12, 9],
      ['P2', 12, 9],
    ]);
    const r1 = cells('R1');
    const mark = { [GapKind.NO_MEASURE]: '_', [GapKind.NOT_LINKED]: 'u' };
    expect(r1.map((c) => (c.gapKind ? mark[c.gapKind] : '·')).join('')).toBe('uuuu·___uuuu');
    expect(r1[11].unlinkedMeasures.map((m) => m.id)).toEqual(['B', 'D']);
    expect(r1[5].unlinkedMeasures).toEqual([]);
    expect(coverage.gaps.find((g) => g.factor.id === 'P2' && g.level === SELECTIVE && g.band.label === '0–5 år')).toMatchObject({ kind: GapKind.NOT_LINKED, unlinkedMeasures: [measures[0]] });
    expect([coverage.assessed, coverage.gapCount, coverage.gapsWithoutMeasure, coverage.gapsNotLinked]).toEqual([true, 38, 12, 26]);
    expect(render('nb', coverage.summary)).toBe(
      '38 hull: 12 steder der ingen tiltak i planen treffer nivået og alderen i det hele tatt; 26 steder der planen har tiltak for nivået og alderen, men de er ikke koblet til faktoren.',
    );
    expect(render('en', coverage.summary)).toBe(
      '38 gaps: 12 places where no measure of the plan addresses the level and age at all; 26 places where the plan has measures for the level and age, but they are not linked to the factor.',
    );
  });

  it('says "not assessed" for a plan that states no factors, not "0 gaps"', () => {
    const none = computePreventionCoverage({ ...input, factors: [], measureFactors: [], targetGroupFactors: [] });
    expect([none.assessed, none.gapCount, none.gapsWithoutMeasure, none.gapsNotLinked, none.gaps]).toEqual([false, null, null, null, []]);
    expect(render('en', none.summary)).toBe('Not assessed: the plan states no risk or protective factors to hold its measures against.');
    const covered = computePreventionCoverage({ ...input, factors: [factor('R1', PlanFactorKind.RISK)], measures: [measure('A', [UNIVERSAL, SELECTIVE, INDICATED])] });
    expect([covered.assessed, covered.gapCount, render('en', covered.summary)]).toEqual([true, 0, 'No gaps: every stated factor has a measure on every level and for every age it concerns.']);
  });

  it('shows every measure by level × band in the overall table, whatever it addresses', () => {
    const overall = coverage.overall.map((c) => c.measures.map((m) => m.id).join('') || '_');
    expect(overall).toEqual(['B', 'B', 'B', 'B', 'A', '_', '_', '_', 'B', 'B', 'BD', 'BD']);
    expect(coverage.overall.every((c) => c.applicable)).toBe(true);
  });

  it('uses the bands it is given', () => {
    const two = computePreventionCoverage({
      ...input,
      ageBands: ageBandsOf([
        { from: 0, to: 7 },
        { from: 8, to: null },
      ]),
    });
    expect(two.factors.find((f) => f.factor.id === 'R2')!.cells.map((c) => c.applicable)).toEqual([false, true, false, true, false, true]);
  });
});
