import { klass131Sample, KLASS_131_SAMPLE_VERSIONS } from '../../src/seed/reference/klass-131-sample';
import { MunicipalityClassification, MunicipalityHistory, osloToday } from '../../src/services/reference/municipality-history';
import { municipalityHistoryCases } from './municipality-history-cases';

// The seed's excerpt of SSB's KLASS 131 (test/ssb/ asks the same of SSB's whole classification), as on a fixed day.
const bundle = klass131Sample();
const history = new MunicipalityHistory(bundle, '2026-12-06');

describe("municipality history (KLASS 131, the seed's excerpt)", () => {
  municipalityHistoryCases(() => history);

  it("knows today's municipalities and refuses what is not one", () => {
    const today = history.municipalitiesOn();
    expect(today).toHaveLength(KLASS_131_SAMPLE_VERSIONS[2024].classificationItems.filter((i) => i.code !== '9999').length);
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
