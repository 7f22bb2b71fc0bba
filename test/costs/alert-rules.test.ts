import { AlertBasis } from '../../src/entities/costs/enums';
import { crosses, evaluateRules, LineFigures, lineKey, RuleSpec } from '../../src/services/costs/alert-rules';

/** When a deviation is "a large change in the cost picture" (pure). */

const rule = (over: Partial<RuleSpec> = {}): RuleSpec => ({ id: 'r', basis: AlertBasis.BUDGET, thresholdBp: 1500, thresholdOre: 25_000_000n, municipalityId: null, categoryId: null, ...over });
const line = (municipalityId: string, budgetYtd: bigint, actualYtd: bigint, forecast = 0n, categoryId = 'c'): LineFigures => ({ municipalityId, categoryId, budgetYtd, actualYtd, forecast });

describe('crosses', () => {
  it('needs both thresholds when both are set, either one when only one is', () => {
    expect(crosses(rule(), 30_000_000n, 100_000_000n)).toBe(true); // 30 %, 300 000 kr
    expect(crosses(rule(), 30_000_00n, 10_000_000n)).toBe(false); // 30 %, but 30 000 kr
    expect(crosses(rule(), 30_000_000n, 1_000_000_000n)).toBe(false); // 300 000 kr, but 3 %
    expect(crosses(rule({ thresholdOre: null }), 30_000_00n, 10_000_000n)).toBe(true);
    expect(crosses(rule({ thresholdBp: null }), 30_000_000n, 1_000_000_000n)).toBe(true);
  });

  it('counts increases only, an increase from nothing as infinitely large, and no deviation as none', () => {
    expect(crosses(rule(), -30_000_000n, 100_000_000n)).toBe(false);
    expect(crosses(rule({ thresholdOre: null }), -1n, 0n)).toBe(false);
    expect(crosses(rule(), 30_000_000n, 0n)).toBe(true);
    expect(crosses(rule({ thresholdOre: null }), 0n, 0n)).toBe(false);
  });
});

describe('evaluateRules', () => {
  it('raises a BUDGET alert on the crossing only, not again while the line stays over', () => {
    const now = [line('a', 100_000_000n, 140_000_000n), line('b', 100_000_000n, 101_000_000n)];
    expect(evaluateRules([rule()], now, null).map((c) => [c.municipalityId, c.deviation, c.deviationBp])).toEqual([['a', 40_000_000n, 4000]]);
    const before = new Map([[lineKey('a', 'c'), line('a', 90_000_000n, 130_000_000n)]]);
    expect(evaluateRules([rule()], now, before)).toEqual([]);
  });

  it('compares the forecast with the previous report for PREVIOUS_REPORT rules, and needs one', () => {
    const r = rule({ basis: AlertBasis.PREVIOUS_REPORT, thresholdBp: 1000, thresholdOre: null });
    const now = [line('a', 0n, 0n, 1_200_000n), line('b', 0n, 0n, 1_050_000n)];
    const before = new Map([
      [lineKey('a', 'c'), line('a', 0n, 0n, 1_000_000n)],
      [lineKey('b', 'c'), line('b', 0n, 0n, 1_000_000n)],
    ]);
    expect(evaluateRules([r], now, before).map((c) => [c.municipalityId, c.compared, c.actual, c.deviationBp])).toEqual([['a', 1_000_000n, 1_200_000n, 2000]]);
    expect(evaluateRules([r], now, null)).toEqual([]);
  });

  it("keeps to the rule's municipality and category", () => {
    const now = [line('a', 100_000_000n, 140_000_000n), line('b', 100_000_000n, 140_000_000n), line('a', 100_000_000n, 140_000_000n, 0n, 'd')];
    expect(evaluateRules([rule({ municipalityId: 'b' })], now, null).map((c) => c.municipalityId)).toEqual(['b']);
    expect(evaluateRules([rule({ categoryId: 'd' })], now, null).map((c) => `${c.municipalityId}${c.categoryId}`)).toEqual(['ad']);
  });
});
