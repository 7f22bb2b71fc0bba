import fc from 'fast-check';
import { basisPoints, divRound, keyWeights, largestRemainder, runRateForecast } from '../../src/services/costs/allocation';
import { kroner, percent } from '../../src/services/costs/format';
import { allocateByKey, computeReport, monthlyBudget, MonthKey, ReportInput } from '../../src/services/costs/report-math';

/** The exact money arithmetic (pure): properties with fast-check, and the worked example of docs/costs.md. */

const money = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
const weightsArb = fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0n));
const populationsArb = fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 1, maxLength: 12 }).filter((p) => p.some((x) => x > 0));
const bpArb = fc.integer({ min: 0, max: 10000 });
const abs = (x: bigint) => (x < 0n ? -x : x);

describe('largestRemainder', () => {
  it('always adds up to the total exactly', () => {
    fc.assert(
      fc.property(money, weightsArb, (total, weights) => {
        expect(largestRemainder(total, weights).reduce((a, b) => a + b, 0n)).toBe(total);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives every part its exact quota rounded down or up, never a whole øre off', () => {
    fc.assert(
      fc.property(money, weightsArb, (total, weights) => {
        const sum = weights.reduce((a, b) => a + b, 0n);
        largestRemainder(total, weights).forEach((part, i) => {
          // |part × sum − total × w| < sum  ⇔  |part − exact quota| < 1 øre
          expect(abs(part * sum - total * weights[i]) < sum).toBe(true);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('never gives a larger weight a smaller part (in absolute value, also for credits)', () => {
    fc.assert(
      fc.property(money, weightsArb, (total, weights) => {
        const parts = largestRemainder(total, weights);
        for (let i = 0; i < weights.length; i++) {
          for (let j = 0; j < weights.length; j++) {
            if (weights[i] > weights[j]) expect(abs(parts[i]) >= abs(parts[j])).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives equal weights parts that differ by at most one øre, the extra øre to the earlier ones', () => {
    expect(largestRemainder(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(largestRemainder(-10n, [1n, 1n, 1n])).toEqual([-4n, -3n, -3n]);
    expect(largestRemainder(0n, [5n, 7n])).toEqual([0n, 0n]);
  });

  it('refuses weights that cannot split anything', () => {
    expect(() => largestRemainder(1n, [])).toThrow(RangeError);
    expect(() => largestRemainder(1n, [0n, 0n])).toThrow(RangeError);
    expect(() => largestRemainder(1n, [1n, -1n])).toThrow(RangeError);
  });
});

describe('allocateByKey (an equal part and a part by population)', () => {
  const ownersOf = (populations: number[]) => populations.map((population, i) => ({ id: `m${i}`, number: String(3400 + i), population }));

  it('allocates exactly, and a larger population never gets a smaller share (also of an equal split)', () => {
    fc.assert(
      fc.property(money, bpArb, populationsArb, (total, equalBp, populations) => {
        const parts = allocateByKey(total, equalBp, 10000 - equalBp, ownersOf(populations));
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
        for (let i = 0; i < populations.length; i++) {
          for (let j = 0; j < populations.length; j++) {
            if (populations[i] > populations[j]) expect(abs(parts[i]) >= abs(parts[j])).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives a larger population a per-capita share of the population part that is never smaller, beyond the one øre rounding allows', () => {
    // Whole øre make exact per-capita equality impossible (3 and 4 children sharing 2 øre: someone
    // pays 0). What holds: with the whole cost split by population, a larger population's per-capita
    // amount is never below a smaller one's by more than the rounding of one øre each.
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), populationsArb, (total, populations) => {
        const parts = allocateByKey(total, 0, 10000, ownersOf(populations));
        for (let i = 0; i < populations.length; i++) {
          for (let j = 0; j < populations.length; j++) {
            const [pi, pj] = [BigInt(populations[i]), BigInt(populations[j])];
            if (pi > pj && pj > 0n) {
              // parts[i]/pi ≥ parts[j]/pj − (1/pi + 1/pj)  ⇔  parts[i]·pj ≥ parts[j]·pi − pj − pi
              expect(parts[i] * pj >= parts[j] * pi - pi - pj).toBe(true);
            }
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the extra øre of a tie to the larger population, then to the lower kommunenummer', () => {
    expect(
      allocateByKey(2n, 10000, 0, [
        { id: 'a', number: '3424', population: 10 },
        { id: 'b', number: '3426', population: 20 },
        { id: 'c', number: '3427', population: 20 },
      ]),
    ).toEqual([0n, 1n, 1n]);
  });

  it('splits the equal part equally when no one has children registered and the key has no population part', () => {
    expect(keyWeights(10000, 0, [0, 0])).toEqual([1n, 1n]);
    expect(() => keyWeights(5000, 5000, [0, 0])).toThrow(RangeError);
    expect(() => keyWeights(5000, 4000, [1, 2])).toThrow(RangeError);
  });

  it('reproduces the worked example of docs/costs.md (30 % equal, 70 % by population 1.1.2024)', () => {
    // Rendalen, Tolga, Tynset, Alvdal, Folldal; 1 000 000,00 kr of shared costs.
    const parts = allocateByKey(100_000_000n, 3000, 7000, ownersOf([286, 305, 1151, 519, 264]));
    expect(parts.map((p) => kroner(p))).toEqual(['139 287,13', '144 554,45', '379 089,11', '203 881,19', '133 188,12']);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(100_000_000n);
  });
});

describe('rounding, percentages and the forecast', () => {
  it('rounds halves away from zero', () => {
    expect([divRound(5n, 2n), divRound(-5n, 2n), divRound(4n, 3n), divRound(-4n, 3n), divRound(5n, -2n)]).toEqual([3n, -3n, 1n, -1n, -3n]);
  });

  it('states deviations as basis points of the absolute base, none for a zero base', () => {
    expect(basisPoints(150n, 1000n)).toBe(1500);
    expect(basisPoints(-150n, -1000n)).toBe(-1500);
    expect(basisPoints(1n, 0n)).toBeNull();
    expect(percent(1234)).toBe('12,34');
    expect(percent(-5)).toBe('-0,05');
  });

  it('forecasts by run-rate with the budget profile', () => {
    // 10 % over the profile so far → 10 % over for the year.
    expect(runRateForecast(330n, 300n, 1200n, 3)).toBe(1320n);
    // Nothing budgeted so far: the actual plus the rest of the budget.
    expect(runRateForecast(50n, 0n, 1200n, 3)).toBe(1250n);
    // No budget at all: the actual, evenly extrapolated.
    expect(runRateForecast(50n, 0n, 0n, 3)).toBe(200n);
    expect(() => runRateForecast(1n, 1n, 1n, 13)).toThrow(RangeError);
  });

  it('spreads a budget over the months by its profile, exactly', () => {
    fc.assert(
      fc.property(
        money,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }).filter((p) => p.some((x) => x > 0)),
        (amount, profile) => {
          const months = monthlyBudget(amount, profile);
          expect(months.reduce((a, b) => a + b, 0n)).toBe(amount);
          profile.forEach((w, i) => w === 0 && expect(months[i]).toBe(0n));
        },
      ),
      { numRuns: 500 },
    );
    expect(() => monthlyBudget(1n, [1, 1])).toThrow(RangeError);
  });

  it('formats øre as Norwegian kroner without ever touching a float', () => {
    expect(kroner(123456789012345678n)).toBe('1 234 567 890 123 456,78');
    expect(kroner(-5n)).toBe('-0,05');
    expect(kroner(100n, { grouped: false })).toBe('1,00');
  });
});

describe('computeReport', () => {
  const owners = [
    { id: 'a', number: '3424', population: 286 },
    { id: 'b', number: '3427', population: 1151 },
    { id: 'c', number: '3429', population: 264 },
  ];
  const key = (over: Partial<MonthKey> = {}): MonthKey => ({ agreementId: 'k', equalBp: 4000, populationBp: 6000, ownerIds: ['a', 'b', 'c'], directCategoryIds: new Set(['direct']), ...over });
  const input = (over: Partial<ReportInput> = {}): ReportInput => ({
    year: 2024,
    month: 3,
    owners,
    categories: [
      { id: 'shared', position: 1, code: 'felles' },
      { id: 'direct', position: 2, code: 'direkte' },
    ],
    keys: Array.from({ length: 12 }, () => key()),
    budgets: new Map([
      ['shared', { amount: 1_200_000_01n, profile: Array(12).fill(1) }],
      ['direct', { amount: 600_000_00n, profile: Array(12).fill(1) }],
    ]),
    actuals: [
      { categoryId: 'shared', month: 1, municipalityId: null, amount: 100_000_01n },
      { categoryId: 'shared', month: 3, municipalityId: null, amount: 99_999_99n },
      { categoryId: 'direct', month: 2, municipalityId: 'c', amount: 45_000_00n },
      { categoryId: 'direct', month: 2, municipalityId: null, amount: 3_00n },
      { categoryId: 'shared', month: 4, municipalityId: null, amount: 7n },
    ],
    ...over,
  });

  it('adds up: every total is the sum of its lines, and all actuals are the ledger up to the report month', () => {
    const { lines } = computeReport(input());
    const grand = lines.find((l) => !l.municipalityId && !l.categoryId)!;
    expect(grand.actualYtd).toBe(100_000_01n + 99_999_99n + 45_000_00n + 3_00n);
    expect(grand.budgetYear).toBe(1_200_000_01n + 600_000_00n);
    for (const field of ['budgetYear', 'budgetYtd', 'actualYtd', 'forecast', 'deviation'] as const) {
      const detail = lines.filter((l) => l.municipalityId && l.categoryId).reduce((a, l) => a + l[field], 0n);
      expect(grand[field]).toBe(detail);
      for (const o of owners) {
        const own = lines.filter((l) => l.municipalityId === o.id && l.categoryId).reduce((a, l) => a + l[field], 0n);
        expect(lines.find((l) => l.municipalityId === o.id && !l.categoryId)![field]).toBe(own);
      }
    }
    // The direct charge lands on Folldal only; the unassigned 3 kr are shared by the key.
    const direct = (id: string) => lines.find((l) => l.municipalityId === id && l.categoryId === 'direct')!.actualYtd;
    expect(direct('c') - 45_000_00n + direct('a') + direct('b')).toBe(3_00n);
    // Shares of the report month add up to 100 %.
    expect(lines.filter((l) => l.sharePpm !== null).reduce((a, l) => a + l.sharePpm!, 0)).toBe(1_000_000);
  });

  it('is deterministic: the same input gives the same lines and hash; another figure another hash', () => {
    expect(computeReport(input())).toEqual(computeReport(input()));
    const other = computeReport(input({ actuals: [...input().actuals, { categoryId: 'shared', month: 2, municipalityId: null, amount: 1n }] }));
    expect(other.contentSha256).not.toBe(computeReport(input()).contentSha256);
  });

  it("uses each month's own key and owners (a new agreement does not rewrite earlier months)", () => {
    const keys = Array.from({ length: 12 }, (_, i) => (i < 1 ? key({ ownerIds: ['a', 'b'] }) : key({ equalBp: 10000, populationBp: 0 })));
    const { lines } = computeReport(
      input({
        keys,
        budgets: new Map(),
        actuals: [
          { categoryId: 'shared', month: 1, municipalityId: null, amount: 300n },
          { categoryId: 'shared', month: 2, municipalityId: null, amount: 300n },
        ],
      }),
    );
    const actual = (id: string) => lines.find((l) => l.municipalityId === id && l.categoryId === 'shared')!.actualYtd;
    // January: Rendalen and Tynset only, 40/60 key; February: three owners, equally.
    const january = allocateByKey(300n, 4000, 6000, [owners[0], owners[1]]);
    expect([actual('a'), actual('b'), actual('c')]).toEqual([january[0] + 100n, january[1] + 100n, 100n]);
  });

  it('refuses a month up to the report month that no agreement covers', () => {
    const keys = input().keys.map((k, i) => (i === 1 ? null : k));
    expect(() => computeReport(input({ keys }))).toThrow('no agreement covers month 2');
    // After the report month the report month's key is used.
    const later = input().keys.map((k, i) => (i > 5 ? null : k));
    expect(computeReport(input({ keys: later })).lines.length).toBe(computeReport(input()).lines.length);
  });
});
