import { comparedRate, comparisonYears, costChange, countStatuses, dashboardPeriod, referenceComparison, worstStatus } from '../../src/services/dashboards/figures';

/** The pure computations of src/services/dashboards/figures.ts. */
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e: any) {
    return [e.extensions.code, e.extensions.field, e.extensions.rule];
  }
  return null;
};

describe('dashboardPeriod', () => {
  it('is this month by default; asOf is today in this month and the last day of a past one; the term is spring to June, autumn from July', () => {
    expect(dashboardPeriod(null, '2026-03-15')).toEqual({ month: '2026-03', year: 2026, monthOfYear: 3, asOf: '2026-03-15', term: '2026-SPRING' });
    expect(dashboardPeriod('2024-02', '2026-03-15')).toEqual({ month: '2024-02', year: 2024, monthOfYear: 2, asOf: '2024-02-29', term: '2024-SPRING' });
    expect(dashboardPeriod(' 2025-07 ', '2026-03-15').term).toBe('2025-AUTUMN');
    expect(dashboardPeriod('2025-12', '2026-03-15').asOf).toBe('2025-12-31');
  });
  it('refuses the future, other formats and years before 2000, naming period', () => {
    expect(fieldOf(() => dashboardPeriod('2026-04', '2026-03-31'))).toEqual(['BAD_USER_INPUT', 'period', 'future']);
    expect(fieldOf(() => dashboardPeriod('2026', '2026-03-31'))).toEqual(['BAD_USER_INPUT', 'period', 'format']);
    expect(fieldOf(() => dashboardPeriod('2026-00', '2026-03-31'))).toEqual(['BAD_USER_INPUT', 'period', 'format']);
    expect(fieldOf(() => dashboardPeriod('1999-12', '2026-03-31'))).toEqual(['BAD_USER_INPUT', 'period', 'range']);
    // Blank is not "this month": omit the argument for that.
    expect(fieldOf(() => dashboardPeriod('  ', '2026-03-31'))).toEqual(['BAD_USER_INPUT', 'period', 'format']);
  });
});

describe('comparisonYears', () => {
  it('takes up to 20 years ending this year at the latest', () => {
    expect(comparisonYears('2007', '2026', 2026)).toEqual({ from: 2007, to: 2026 });
    expect(comparisonYears('2024', '2024', 2026)).toEqual({ from: 2024, to: 2024 });
  });
  it('names the argument that is wrong', () => {
    expect(fieldOf(() => comparisonYears('2006', '2026', 2026))).toEqual(['BAD_USER_INPUT', 'from', 'range']);
    expect(fieldOf(() => comparisonYears('2020', '2027', 2026))).toEqual(['BAD_USER_INPUT', 'to', 'future']);
    expect(fieldOf(() => comparisonYears('2021', '2020', 2026))).toEqual(['BAD_USER_INPUT', 'to', 'order']);
    expect(fieldOf(() => comparisonYears('20x0', '2020', 2026))).toEqual(['BAD_USER_INPUT', 'from', 'format']);
    expect(fieldOf(() => comparisonYears('1999', '2000', 2026))).toEqual(['BAD_USER_INPUT', 'from', 'range']);
  });
});

describe('countStatuses and worstStatus', () => {
  it('counts per status, most severe first, and places a status it does not know right after BELOW_MINIMUM', () => {
    expect(countStatuses(['MET', 'IN_PROGRESS', 'MET', 'BELOW_MINIMUM', 'AT_RISK', 'NOT_APPLICABLE'])).toEqual([
      { status: 'BELOW_MINIMUM', count: 1 },
      { status: 'AT_RISK', count: 1 },
      { status: 'IN_PROGRESS', count: 1 },
      { status: 'MET', count: 2 },
      { status: 'NOT_APPLICABLE', count: 1 },
    ]);
    expect(countStatuses([])).toEqual([]);
    expect(worstStatus(['MET', 'IN_PROGRESS'])).toBe('IN_PROGRESS');
    expect(worstStatus(['MET', 'AT_RISK', 'IN_PROGRESS'])).toBe('AT_RISK');
    expect(worstStatus(['AT_RISK', 'BELOW_MINIMUM'])).toBe('BELOW_MINIMUM');
    expect(worstStatus([])).toBeNull();
  });
});

describe('costChange', () => {
  const line = (actual: string, forecast: string, deviation: string) => ({ budgetYtdOre: '0', actualYtdOre: actual, forecastOre: forecast, deviationOre: deviation });
  it('is the difference in øre since the month before, beyond 2^53', () => {
    expect(costChange(line('9007199254740993', '100', '-5'), { ...line('1', '250', '5'), period: '2024-09' })).toEqual({
      since: '2024-09',
      actualYtdOre: '9007199254740992',
      forecastOre: '-150',
      deviationOre: '-10',
    });
  });
  it('is null without both months', () => {
    expect(costChange(null, { ...line('1', '1', '1'), period: '2024-09' })).toBeNull();
    expect(costChange(line('1', '1', '1'), null)).toBeNull();
  });
});

describe('comparedRate', () => {
  it('compares shown rates only, and flags 1.5 times or 1/1.5 of the cooperation', () => {
    expect(comparedRate(30, 20)).toEqual({ ratio: 1.5, standsOut: true });
    expect(comparedRate(29.9, 20)).toEqual({ ratio: 1.5, standsOut: true });
    expect(comparedRate(29.8, 20)).toEqual({ ratio: 1.49, standsOut: false });
    expect(comparedRate(10, 15)).toEqual({ ratio: 0.67, standsOut: true });
    expect(comparedRate(11, 15)).toEqual({ ratio: 0.73, standsOut: false });
    expect(comparedRate(null, 15)).toBeNull();
    expect(comparedRate(10, null)).toBeNull();
    expect(comparedRate(10, 0)).toBeNull();
  });
});

describe('referenceComparison', () => {
  it("puts the municipality's, the cooperation's, the county's and the country's rates side by side, null where a figure is missing", () => {
    const own = [{ metricId: 'm', period: '2021', per1000Aged0To17: 72.5 }];
    const cooperation = [
      { metricId: 'm', period: '2021', per1000Aged0To17: null },
      { metricId: 'm', period: '2022', per1000Aged0To17: 63.8 },
    ];
    const areas = [
      { metricId: 'm', year: 2021, areaCode: '34', per1000Aged0To17: 16 },
      { metricId: 'm', year: 2021, areaCode: '0', per1000Aged0To17: 40 },
      { metricId: 'm', year: 2022, areaCode: '03', per1000Aged0To17: 99 },
      { metricId: 'x', year: 2022, areaCode: '34', per1000Aged0To17: 7 },
    ];
    expect(referenceComparison(own, cooperation, areas, '34')).toEqual([
      { metricId: 'm', period: '2021', municipalityPer1000: 72.5, cooperationPer1000: null, countyCode: '34', countyPer1000: 16, countryPer1000: 40 },
      { metricId: 'm', period: '2022', municipalityPer1000: null, cooperationPer1000: 63.8, countyCode: '34', countyPer1000: null, countryPer1000: null },
    ]);
  });
});
