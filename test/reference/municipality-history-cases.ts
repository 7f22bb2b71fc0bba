import { MunicipalityHistory, resolveMunicipalityNumber } from '../../src/services/reference/municipality-history';

const numbers = (refs: { number: string }[]) => refs.map((r) => r.number);

/**
 * What history must answer, asked of a classification that holds (at least) the seed's excerpt:
 * run on the excerpt by municipality-history.test.ts and on SSB's whole classification by
 * test/ssb/municipality-history-ssb.test.ts.
 */
export function municipalityHistoryCases(history: () => MunicipalityHistory): void {
  it('maps the numbers Nord-Østerdal had before 2020 to today (a 2019 file says 0439, not 3429)', () => {
    const expected: Record<string, [string, string]> = { '0432': ['3424', 'Rendalen'], '0436': ['3426', 'Tolga'], '0437': ['3427', 'Tynset'], '0438': ['3428', 'Alvdal'], '0439': ['3429', 'Folldal'] };
    for (const [old, [now, name]] of Object.entries(expected)) {
      expect(resolveMunicipalityNumber(history(), old, '2019-12-31')).toMatchObject({ status: 'RENUMBERED', currentNumber: now, name, comparable: true });
      expect(history().resolve(now, '2020-01-01')).toMatchObject({ status: 'CURRENT', currentNumber: now, name });
    }
  });

  it('refuses a number that was not valid on the date, naming the number valid then', () => {
    const r = history().resolve('3429', '2019-06-30');
    expect(r.status).toBe('UNKNOWN');
    expect(r.currentNumber).toBeUndefined();
    expect(r.alternatives).toEqual([{ number: '0439', name: 'Folldal' }]);
  });

  it('follows Tromsø through two renumberings: 1902 → 5401 (2020) → 5501 (2024)', () => {
    expect(history().resolve('1902', '2019-01-01')).toMatchObject({ status: 'RENUMBERED', currentNumber: '5501', name: 'Tromsø' });
    expect(history().resolve('5401', '2023-12-31')).toMatchObject({ status: 'RENUMBERED', currentNumber: '5501' });
    expect(history().resolve('5501', '2024-01-01')).toMatchObject({ status: 'CURRENT', currentNumber: '5501' });
    // 5401 used about 2024: no longer valid; the alternative is its successor.
    const stale = history().resolve('5401', '2024-03-01');
    expect(stale.status).toBe('UNKNOWN');
    expect(stale.alternatives).toEqual([{ number: '5501', name: 'Tromsø' }]);
    // 5501 used about 2019: the number Tromsø had then.
    expect(history().resolve('5501', '2019-05-01').alternatives).toEqual([{ number: '1902', name: 'Tromsø' }]);
  });

  it('a merged municipality: each predecessor resolves to it, and its history is the sum of its predecessors', () => {
    // Indre Østfold (3014 in 2020, 3118 since 2024) = Trøgstad, Spydeberg, Askim, Eidsberg, Hobøl (2019).
    for (const n of ['0122', '0123', '0124', '0125', '0138']) {
      expect(history().resolve(n, '2019-06-30')).toMatchObject({ status: 'MERGED', currentNumber: '3118', name: 'Indre Østfold', comparable: true });
    }
    const p = history().predecessorsOn('3118', '2019-06-30');
    expect(numbers(p.predecessors)).toEqual(['0122', '0123', '0124', '0125', '0138']);
    expect(p).toMatchObject({ comparable: true, splitFrom: [] });
    expect(numbers(history().predecessorsOn('3118', '2021-06-30').predecessors)).toEqual(['3014']);
  });

  it('a split municipality: history before the split is not comparable, never guessed', () => {
    // Ålesund 1507 was split into 1508 Ålesund and 1580 Haram in 2024.
    const r = history().resolve('1507', '2023-06-30');
    expect(r).toMatchObject({ status: 'SPLIT', comparable: false });
    expect(r.currentNumber).toBeUndefined();
    expect(numbers(r.alternatives)).toEqual(['1508', '1580']);
    const haram = history().predecessorsOn('1580', '2023-06-30');
    expect(haram.comparable).toBe(false);
    expect(numbers(haram.splitFrom)).toEqual(['1507']);
    // Snillfjord (2019) went to Heim, Hitra and Orkland.
    expect(numbers(history().resolve('5012', '2019-06-30').alternatives)).toEqual(['5055', '5056', '5059']);
    // After the split the new numbers are comparable again.
    expect(history().predecessorsOn('1580', '2024-06-30')).toMatchObject({ comparable: true, predecessors: [{ number: '1580', name: 'Haram' }] });
  });
}
