import { addMonths, BarnevernCounts, Individ, Tiltak } from '../../src/services/statistics/barnevern-15f';
import { barnevernRules, birthDate, dufValid, isOmsorgstiltak, isPlassering, mod11Valid, ssbValidNumber } from '../../src/services/statistics/barnevern-15f-rules';
import { dufNumber, syntheticFnr } from '../../bench/kostra-15f';

/** The 15F definitions (docs/statistics.md) and SSB's number rules, as pure functions. */

const at = { line: 1, path: '/Barnevern/Individ[1]' };
const tiltak = (o: Partial<Omit<Tiltak, 'kategori'>> & { lov?: string; kapittel?: string; paragraf?: string; ledd?: string | null; bokstav?: string | null; kategori?: string }): Tiltak => ({
  id: 'T1',
  ...at,
  startDato: o.startDato ?? '2023-03-01',
  sluttDato: o.sluttDato ?? null,
  lovhjemmel: { lov: o.lov ?? 'BVL', kapittel: o.kapittel ?? '4', paragraf: o.paragraf ?? '4', ledd: o.ledd ?? null, bokstav: o.bokstav ?? null },
  jmfrLover: ['BVL'],
  kategori: { kode: o.kategori ?? '4.6', presisering: false },
  opphevelse: null,
});
const individ = (o: Partial<Individ>): Individ => ({
  id: 'I1',
  ...at,
  startDato: '2023-01-01',
  sluttDato: null,
  avslutta3112: '2',
  fodselsnummer: null,
  duf: dufNumber(1),
  journalnummer: 'J1',
  bydelsnummer: null,
  bydelsnavn: null,
  meldinger: [],
  planer: [],
  tiltak: [],
  flyttinger: [],
  ...o,
});
const yearFigures = (counts: BarnevernCounts) =>
  Object.fromEntries(
    counts
      .records('3427')
      .filter((r) => !r.period.includes('-'))
      .map((r) => [r.metric, r.value]),
  );

describe('omsorgstiltak and placements as SSB classifies them', () => {
  it.each([
    [{ paragraf: '12' }, true],
    [{ paragraf: '8', ledd: '2' }, true],
    [{ paragraf: '8', ledd: '3' }, true],
    [{ paragraf: '8', ledd: '1' }, false],
    [{ paragraf: '4', ledd: '2' }, false],
    [{ lov: 'BVL2021', kapittel: '5', paragraf: '1', bokstav: 'a' }, true],
    [{ lov: 'BVL2021', kapittel: '5', paragraf: '1', bokstav: 'h' }, false],
    [{ lov: 'BVL2021', kapittel: '3', paragraf: '1' }, false],
  ])('%o → omsorgstiltak %s', (o, expected) => expect(isOmsorgstiltak(tiltak(o))).toBe(expected));

  it.each([
    ['1.1', true],
    ['2.99', true],
    ['8.2', true],
    ['8.1', false],
    ['4.6', false],
  ])('Kategori %s → placement %s', (kategori, expected) => expect(isPlassering(tiltak({ kategori }))).toBe(expected));
});

describe('the figures of one year', () => {
  it('counts a child once, under omsorgstiltak when it had one in the year, and at 31.12 only what is still in force', () => {
    const counts = new BarnevernCounts(2023);
    // Support measure all year, care measure ended in June: care during the year, support at 31.12.
    counts.add(individ({ tiltak: [tiltak({ startDato: '2022-05-01' }), tiltak({ paragraf: '12', startDato: '2023-02-01', sluttDato: '2023-06-30' })] }));
    // A voluntary placement (a placement on a hjelpetiltak basis), ended 31.12 (not in force after it).
    counts.add(individ({ duf: dufNumber(2), tiltak: [tiltak({ kategori: '2.1', paragraf: '4', ledd: '6', sluttDato: '2023-12-31' })] }));
    // A care placement in force since 2021: not a voluntary placement.
    counts.add(individ({ duf: dufNumber(3), tiltak: [tiltak({ kategori: '2.2', paragraf: '12', startDato: '2021-01-01' })] }));
    // A measure that ended in 2022 does not count in 2023.
    counts.add(individ({ duf: dufNumber(4), tiltak: [tiltak({ startDato: '2022-01-01', sluttDato: '2022-12-31' })] }));
    expect(yearFigures(counts)).toMatchObject({
      children_care_measures: 2,
      children_support_measures: 1,
      voluntary_placements: 1,
      children_care_measures_at_year_end: 1,
      children_support_measures_at_year_end: 1,
    });
  });

  it('counts meldinger and undersøkelser by the month of their dates in the year, and within three calendar months', () => {
    const counts = new BarnevernCounts(2023);
    const melding = (start: string, u: { startDato: string; sluttDato: string | null } | null) => ({
      id: 'M',
      ...at,
      startDato: start,
      sluttDato: null,
      konklusjon: null,
      melder: [],
      saksinnhold: [],
      undersokelse: u && { id: 'U', ...at, ...u, konklusjon: '1', presisering: false, vedtaksgrunnlag: [] },
    });
    counts.add(
      individ({
        meldinger: [
          melding('2022-12-20', { startDato: '2022-12-27', sluttDato: '2023-03-27' }), // received 2022; closed within 3 months in March 2023
          melding('2023-01-31', { startDato: '2023-01-31', sluttDato: '2023-05-01' }), // closed after 3 months (30 April is the limit)
          melding('2023-11-02', { startDato: '2023-11-09', sluttDato: null }), // still open
        ],
      }),
    );
    const all = Object.fromEntries(counts.records('3427').map((r) => [`${r.metric} ${r.period}`, r.value]));
    expect(all).toMatchObject({
      'reports_received 2023': 2,
      'reports_received 2023-01': 1,
      'reports_received 2023-11': 1,
      'investigations_started 2023': 2,
      'investigations_closed 2023': 2,
      'investigations_closed 2023-03': 1,
      'investigations_closed_within_3_months 2023': 1,
      'investigations_closed_within_3_months 2023-05': 0,
    });
    expect(addMonths('2023-01-31', 3)).toBe('2023-04-30');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
  });
});

describe("SSB's number rules and the municipality numbers of a year", () => {
  it('reads fødselsnumre as SSB does: modulus 11, D-numbers, synthetic months, the "unknown" endings', () => {
    expect(mod11Valid(syntheticFnr(0))).toBe(true);
    expect(mod11Valid('01011655555')).toBe(false);
    expect(ssbValidNumber('01012199999', 2020)).toBe(true); // a birth date and 99999: a child without a number yet
    expect(ssbValidNumber('31022199999', 2020)).toBe(false); // no such date
    expect(birthDate('55010588161', 2020)).toEqual({ year: 2005, month: 1, day: 15 }); // D-number: day + 40
    expect(birthDate('01019599112', 2020)?.year).toBe(1995);
    expect(birthDate('01012199999', 2020)?.year).toBe(2021);
    expect(dufValid(dufNumber(7))).toBe(true);
    expect(dufValid('201912345678')).toBe(false);
  });

  it('applies TILTAK_24 from the reporting year 2023, as SSB wrote it', () => {
    const bad = individ({ tiltak: [{ ...tiltak({ startDato: '2022-03-01' }), lovhjemmel: { lov: '1', kapittel: '4', paragraf: '4', ledd: null, bokstav: null } }] });
    expect(barnevernRules(bad, { year: 2022, kommunenummer: '3427' }).map((f) => f.rule)).not.toContain('TILTAK_24');
    expect(barnevernRules({ ...bad, tiltak: bad.tiltak.map((t) => ({ ...t, startDato: '2023-02-01' })) }, { year: 2023, kommunenummer: '3427' }).map((f) => f.rule)).toContain('TILTAK_24');
    const noJmfr = individ({ tiltak: [{ ...tiltak({ startDato: '2023-02-01' }), jmfrLover: [] }] });
    expect(barnevernRules(noJmfr, { year: 2023, kommunenummer: '3427' }).map((f) => f.rule)).toContain('TILTAK_24');
  });
});
