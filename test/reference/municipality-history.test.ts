import { readKlassBundle } from '../../src/services/reference/klass-bundle';
import { MunicipalityClassification, MunicipalityHistory, osloToday, resolveMunicipalityNumber } from '../../src/services/reference/municipality-history';

// SSB's KLASS 131 documents (../shared/klass-131), asked about as on a fixed day.
const bundle = readKlassBundle();
const history = new MunicipalityHistory(bundle, '2026-12-06');
const numbers = (refs: { number: string }[]) => refs.map((r) => r.number);

describe('municipality history (KLASS 131, bundled)', () => {
  it('maps the numbers Nord-Østerdal had before 2020 to today (a 2019 file says 0439, not 3429)', () => {
    const expected: Record<string, [string, string]> = { '0432': ['3424', 'Rendalen'], '0436': ['3426', 'Tolga'], '0437': ['3427', 'Tynset'], '0438': ['3428', 'Alvdal'], '0439': ['3429', 'Folldal'] };
    for (const [old, [now, name]] of Object.entries(expected)) {
      expect(resolveMunicipalityNumber(history, old, '2019-12-31')).toMatchObject({ status: 'RENUMBERED', currentNumber: now, name, comparable: true });
      expect(history.resolve(now, '2020-01-01')).toMatchObject({ status: 'CURRENT', currentNumber: now, name });
    }
  });

  it('refuses a number that was not valid on the date, naming the number valid then', () => {
    const r = history.resolve('3429', '2019-06-30');
    expect(r.status).toBe('UNKNOWN');
    expect(r.currentNumber).toBeUndefined();
    expect(r.alternatives).toEqual([{ number: '0439', name: 'Folldal' }]);
  });

  it('follows Tromsø through two renumberings: 1902 → 5401 (2020) → 5501 (2024)', () => {
    expect(history.resolve('1902', '2019-01-01')).toMatchObject({ status: 'RENUMBERED', currentNumber: '5501', name: 'Tromsø' });
    expect(history.resolve('5401', '2023-12-31')).toMatchObject({ status: 'RENUMBERED', currentNumber: '5501' });
    expect(history.resolve('5501', '2024-01-01')).toMatchObject({ status: 'CURRENT', currentNumber: '5501' });
    // 5401 used about 2024: no longer valid; the alternative is its successor.
    const stale = history.resolve('5401', '2024-03-01');
    expect(stale.status).toBe('UNKNOWN');
    expect(stale.alternatives).toEqual([{ number: '5501', name: 'Tromsø' }]);
    // 5501 used about 2019: the number Tromsø had then.
    expect(history.resolve('5501', '2019-05-01').alternatives).toEqual([{ number: '1902', name: 'Tromsø' }]);
  });

  it('a merged municipality: each predecessor resolves to it, and its history is the sum of its predecessors', () => {
    // Indre Østfold (3014 in 2020, 3118 since 2024) = Trøgstad, Spydeberg, Askim, Eidsberg, Hobøl (2019).
    for (const n of ['0122', '0123', '0124', '0125', '0138']) {
      expect(history.resolve(n, '2019-06-30')).toMatchObject({ status: 'MERGED', currentNumber: '3118', name: 'Indre Østfold', comparable: true });
    }
    const p = history.predecessorsOn('3118', '2019-06-30');
    expect(numbers(p.predecessors)).toEqual(['0122', '0123', '0124', '0125', '0138']);
    expect(p).toMatchObject({ comparable: true, splitFrom: [] });
    expect(numbers(history.predecessorsOn('3118', '2021-06-30').predecessors)).toEqual(['3014']);
  });

  it('a split municipality: history before the split is not comparable, never guessed', () => {
    // Ålesund 1507 was split into 1508 Ålesund and 1580 Haram in 2024.
    const r = history.resolve('1507', '2023-06-30');
    expect(r).toMatchObject({ status: 'SPLIT', comparable: false });
    expect(r.currentNumber).toBeUndefined();
    expect(numbers(r.alternatives)).toEqual(['1508', '1580']);
    const haram = history.predecessorsOn('1580', '2023-06-30');
    expect(haram.comparable).toBe(false);
    expect(numbers(haram.splitFrom)).toEqual(['1507']);
    // Snillfjord (2019) went to Heim, Hitra and Orkland.
    expect(numbers(history.resolve('5012', '2019-06-30').alternatives)).toEqual(['5055', '5056', '5059']);
    // After the split the new numbers are comparable again.
    expect(history.predecessorsOn('1580', '2024-06-30')).toMatchObject({ comparable: true, predecessors: [{ number: '1580', name: 'Haram' }] });
  });

  it("knows today's municipalities and refuses what is not one", () => {
    const today = history.municipalitiesOn();
    expect(today).toHaveLength(357);
    expect(today).toContainEqual({ number: '5501', name: 'Tromsø' });
    expect(history.resolve('9999', '2024-06-30').status).toBe('UNKNOWN'); // "Uoppgitt" is not a municipality
    expect(history.resolve('0000', '2024-06-30')).toMatchObject({ status: 'UNKNOWN', alternatives: [] });
    expect(history.resolve('0439', '1990-01-01')).toMatchObject({ status: 'UNKNOWN', alternatives: [] });
    expect(history.resolve('0439', '1990-01-01').reason).toMatch(/does not cover 1990-01-01/);
  });

  it("a name change alone keeps the number CURRENT, under today's name", () => {
    const small: MunicipalityClassification = {
      versions: [
        { validFrom: '2020-01-01', validTo: '2022-01-01', items: [{ code: '1111', name: 'Old name' }] },
        { validFrom: '2022-01-01', validTo: null, items: [{ code: '1111', name: 'New name' }] },
      ],
      changes: [{ oldCode: '1111', oldName: 'Old name', newCode: '1111', newName: 'New name', changeOccurred: '2022-01-01' }],
    };
    expect(new MunicipalityHistory(small, '2024-01-01').resolve('1111', '2021-01-01')).toMatchObject({ status: 'CURRENT', currentNumber: '1111', name: 'New name' });
  });

  it('today is the date in Europe/Oslo', () => {
    expect(osloToday(new Date('2024-12-31T23:30:00Z'))).toBe('2025-01-01');
    expect(osloToday(new Date('2024-06-30T21:59:00Z'))).toBe('2024-06-30');
  });
});
