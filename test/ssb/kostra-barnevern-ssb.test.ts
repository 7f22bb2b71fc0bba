import { startTestApp, TestApp } from '../helpers/test-app';
import { addKostraTestOwners, EVERY_RULE_OF_THE_ONE_PER_INDIVID_FILE, expectRefused15f, ruleIdsOf, figures, individIndexOf, upload } from '../statistics/kostra-helpers';
import { ssbFile, ssbTestfiles } from './ssb-files';

/**
 * `kostra-barnevern` on SSB's own 15F test files (statisticsnorway/kostra-kontrollprogram,
 * kontroller/src/test/resources/testfiler/15F, committed under SSB's MIT licence in
 * test/fixtures/ssb-kostra-kontrollprogram/15F; test/ssb/README.md): one test per file, each file
 * getting the verdict SSB's name for it states. Runs in `npm test`. The personal-data scan over
 * these files is test/statistics/kostra-personal-data.test.ts (tables, log and answers).
 */

/** Every file of SSB's 15F folder, each named by one test below (a file SSB adds fails "has a test"). */
const TESTED = [
  'Testfil_00_Blank.txt',
  'Testfil_00_Junk.dat',
  'Testfil_01_FEIL_2020_15F_ugyldig_xml.xml',
  'Testfil_02_FEIL_2020_15F_for_3401_feil_i_avgiver.xml',
  'Testfil_03_FEIL_2020_15F_for_030102.xml',
  'Testfil_04_FEIL_2020_15F_for_3401.xml',
  'Testfil_05_FEIL_2020_15F_for_3401_feil_i_melding_mangler_kode.xml',
  'Testfil_06_FEIL_2020_15F_for_3401.xml',
  'Testfil_11_ADVARSEL_2020_15F_for_3401.xml',
  'Testfil_12_ADVARSEL_2020_15F_for_3035_Visma.xml',
  'Testfil_21_OK_2020_15F_for_3401.xml',
  'Testfil_22_OK_2020_15F_for_030102.xml',
  'out2.xml',
  'testfile_all_fields_set.xml',
];

it("every one of SSB's 15F test files has a test here", () => {
  expect(ssbTestfiles()).toEqual([...TESTED].sort());
});

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await addKostraTestOwners(app);
});
afterAll(() => app?.close());

const observations = async () => Number((await app.owner.query(`SELECT count(*) AS n FROM statistics_observation`)).rows[0].n);
const rules = ruleIdsOf;

/** The file is refused with these of SSB's rules (and no other problem), and nothing is written. */
const expectRefused = (name: string, expected: string[], body: Buffer = ssbFile(name)) => expectRefused15f(app, name, body, expected);

describe("SSB's test files (kontroller/src/test/resources/testfiler/15F)", () => {
  it.each([
    ['Testfil_21_OK_2020_15F_for_3401.xml', '3401'],
    ['Testfil_22_OK_2020_15F_for_030102.xml', '0301'],
  ])('%s imports: the figures SSB’s definitions give (docs/statistics.md)', async (name, number) => {
    const res = await upload(app, 'kostra-barnevern', ssbFile(name), { fileName: name });
    expect([res.status, res.body.applied, res.body.problems, res.body.warnings]).toEqual([200, true, [], []]);
    const got = await figures(app, 'barnevern', number, 2020);
    expect(got).toMatchObject({
      reports_received: 9,
      'reports_received 2020-02': 9,
      'reports_received 2020-03': 0,
      investigations_started: 9,
      investigations_closed: 9,
      // U1 ran 2020-02-17 → 2020-06-17 (four months); U2 2020-02-17 → 2020-05-17 (three) counts as within.
      investigations_closed_within_3_months: 8,
      'investigations_closed 2020-06': 1,
      // One child with two BVL § 4-12 tiltak (omsorgstiltak), both ended before 31.12.
      children_care_measures: 1,
      children_care_measures_at_year_end: 0,
      children_support_measures: 0,
      voluntary_placements: 0,
    });
  });

  it.each([
    ['Testfil_00_Blank.txt', ['other']],
    ['Testfil_00_Junk.dat', ['other']],
    // «ugyldig xml»: every attribute empty, against the XSD.
    ['Testfil_01_FEIL_2020_15F_ugyldig_xml.xml', ['AVGIVER_01', 'AVGIVER_06', 'INDIVID_01']],
    // «feil i avgiver»: year 0001, kommunenavn blank, organisasjonsnummer zeros.
    ['Testfil_02_FEIL_2020_15F_for_3401_feil_i_avgiver.xml', ['AVGIVER_02', 'AVGIVER_03', 'AVGIVER_06']],
    // Oslo without bydel.
    ['Testfil_03_FEIL_2020_15F_for_030102.xml', ['INDIVID_09', 'INDIVID_10']],
    // «feil i melding, mangler kode»: a Melder without its Kode.
    ['Testfil_05_FEIL_2020_15F_for_3401_feil_i_melding_mangler_kode.xml', ['INDIVID_01', 'MELDING_04']],
    // «Dufnummer» (not the XSD's DUFnummer), dates the wrong way round, no number, no content.
    ['Testfil_06_FEIL_2020_15F_for_3401.xml', ['INDIVID_01', 'INDIVID_02A', 'INDIVID_03', 'INDIVID_06']],
  ])('%s is refused for SSB’s stated reason', async (name, expected) => {
    const body = await expectRefused(name, expected);
    if (expected[0] === 'other') expect(body.problems[0].message).toMatch(/^Not well-formed XML \(line 1, column \d+\): \w/);
  });

  it('Testfil_04_FEIL (one broken rule per Individ) is refused with each of SSB’s rules named, the line and the element path', async () => {
    const body = await expectRefused('Testfil_04_FEIL_2020_15F_for_3401.xml', EVERY_RULE_OF_THE_ONE_PER_INDIVID_FILE);
    expect(body.problems).toContainEqual({
      key: 'statistics.15f.finding',
      params: expect.objectContaining({ rule: 'MELDING_02A' }),
      line: 53,
      field: 'Testfil_04_FEIL_2020_15F_for_3401.xml /Barnevern/Individ[13]/Melding',
      message: expect.stringMatching(/^MELDING_02A \(SSB Melding Kontroll 2a: Startdato etter sluttdato\): Melding \(Id M1\): its StartDato 2020-01-10 is after its SluttDato 2020-01-09\.$/),
    });
    // SSB's ADVARSEL rules are warnings even in a refused file.
    expect(rules(body.warnings)).toEqual(['INDIVID_11', 'INDIVID_12', 'MELDING_03', 'TILTAK_05', 'TILTAK_06', 'TILTAK_09', 'UNDERSOKELSE_08']);
  });

  // Named ADVARSEL in 2020, each file has one Individ that SSB's control program of today refuses
  // (docs/statistics.md, "SSB's ADVARSEL test files"): Testfil_11's fødselsnummer 01011655555 breaks
  // Individ03 (Severity.ERROR: neither modulus 11 nor a birth date with 00100/00200/99999), Testfil_12's
  // Individ StartDato 1995-04-03 breaks Individ01a (Severity.ERROR: dates 1998-01-01 … 2049-12-31).
  // So the file is refused for exactly that Individ, with SSB's warnings beside it, and with that one
  // value corrected imports with SSB's warnings (ADVARSEL does not refuse a file).
  it.each([
    // Beside the refusal, INDIVID_12 (a warning) names the same number: no fødselsnummer SSB accepts.
    [
      'Testfil_11_ADVARSEL_2020_15F_for_3401.xml',
      '3401',
      'INDIVID_03',
      ['01011655555', '01011600100'],
      ['INDIVID_11', 'MELDING_03', 'TILTAK_05', 'TILTAK_06', 'TILTAK_09', 'UNDERSOKELSE_08'],
      ['INDIVID_12'],
    ],
    // Eidsvoll's 3035 of 2020 is 3240 since 2024 (KLASS 131): the figures are stored under today's number.
    ['Testfil_12_ADVARSEL_2020_15F_for_3035_Visma.xml', '3240', 'INDIVID_01A', ['StartDato="1995-04-03"', 'StartDato="1998-04-03"'], ['INDIVID_11', 'MELDING_03', 'UNDERSOKELSE_08'], []],
  ])(
    '%s is refused for its one Individ SSB’s rules of today refuse (ERROR), and imports with SSB’s warnings once that is corrected',
    async (name, number, refusedFor, [wrong, right], warnings, alsoWhenRefused) => {
      const text = ssbFile(name).toString('latin1');
      expect(text.split(wrong)).toHaveLength(2);
      const refused = await expectRefused(name, [refusedFor]);
      // Named by the line its <Individ> starts on.
      const individ = text.slice(0, text.indexOf(wrong)).lastIndexOf('<Individ ');
      expect(refused.problems).toEqual([
        {
          key: 'statistics.15f.finding',
          params: expect.objectContaining({ rule: refusedFor }),
          line: text.slice(0, individ).split('\n').length,
          field: `${name} /Barnevern/Individ[${individIndexOf(text, wrong)}]`,
          message: expect.stringMatching(new RegExp(`^${refusedFor} \\(SSB `)),
        },
      ]);
      expect(rules(refused.warnings)).toEqual([...warnings, ...alsoWhenRefused].sort());
      const corrected = Buffer.from(ssbFile(name).toString('latin1').replace(wrong, right), 'latin1');
      const res = await upload(app, 'kostra-barnevern', corrected, { fileName: name });
      expect([res.status, res.body.applied, res.body.problems]).toEqual([200, true, []]);
      expect(rules(res.body.warnings)).toEqual(warnings);
      for (const w of res.body.warnings)
        expect(w).toEqual({
          key: 'statistics.15f.finding',
          params: expect.any(Object),
          line: expect.any(Number),
          field: expect.stringMatching(new RegExp(`^${name.replace(/\./g, '\\.')} /Barnevern/Individ\\[\\d+\\]`)),
          message: expect.any(String),
        });
      expect((await figures(app, 'barnevern', number, 2020)).reports_received).toBeGreaterThan(0);
    },
  );
});

describe("SSB's files without a verdict in their name", () => {
  // out2.xml (Oslo, 2021; not named by SSB's own tests): two Individ without Tiltak whose
  // fødselsnumre make them 120 and 22 years old in 2021. SSB's Individ07 (over 25: must be closed as
  // a client) and Individ08 (over 18: must have a Tiltak) are both Severity.ERROR
  // (kontroller/src/main/kotlin/no/ssb/kostra/validation/rule/barnevern/individrule/Individ07.kt, Individ08.kt).
  it('out2.xml is refused for SSB’s Individ07 and Individ08 (ERROR), naming each Individ', async () => {
    const body = await expectRefused('out2.xml', ['INDIVID_07', 'INDIVID_08']);
    expect(body.problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [4, 'out2.xml /Barnevern/Individ[1]'],
      [4, 'out2.xml /Barnevern/Individ[1]'],
      [11, 'out2.xml /Barnevern/Individ[2]'],
    ]);
    expect(body.warnings).toEqual([]);
  });

  // testfile_all_fields_set.xml (Oslo, 2020): one Individ with every attribute and element the XSD
  // allows. Its DUFnummer "123456123456" breaks only SSB's Individ19 (Severity.WARNING): it imports,
  // with that warning.
  it('testfile_all_fields_set.xml imports with SSB’s one warning (INDIVID_19), and the figures SSB’s definitions give', async () => {
    const name = 'testfile_all_fields_set.xml';
    const res = await upload(app, 'kostra-barnevern', ssbFile(name), { fileName: name });
    expect([res.status, res.body.applied, res.body.problems]).toEqual([200, true, []]);
    expect(res.body.warnings).toEqual([
      { line: 4, field: `${name} /Barnevern/Individ[1]`, key: 'statistics.15f.finding', params: expect.objectContaining({ rule: 'INDIVID_19' }), message: expect.stringMatching(/^INDIVID_19 /) },
    ]);
    expect(await figures(app, 'barnevern', '0301', 2020)).toMatchObject({
      reports_received: 1,
      'reports_received 2020-02': 1,
      investigations_started: 1,
      investigations_closed: 1,
      'investigations_closed 2020-06': 1,
      // U1 ran 2020-02-17 → 2020-06-17: four months.
      investigations_closed_within_3_months: 0,
      // Its one Tiltak is BVL § 4-12 (omsorgstiltak), ended 2020-04-10.
      children_care_measures: 1,
      children_care_measures_at_year_end: 0,
      children_support_measures: 0,
      voluntary_placements: 0,
    });
  });
});

describe("SSB's test files: bad input made from them", () => {
  const ok = () => ssbFile('Testfil_21_OK_2020_15F_for_3401.xml');
  it.each([
    ['a truncated file', () => ok().subarray(0, 3000), 'cut.xml', { line: 75, field: 'cut.xml /Barnevern/Individ[2]/Melding', message: 'The file ends before </Melding> (truncated?).' }],
    [
      'a year the file does not claim (its name says 2021, Versjon 2020)',
      ok,
      'Testfil_2021_3401.xml',
      { line: 3, field: 'Testfil_2021_3401.xml /Barnevern/Avgiver', message: 'AVGIVER_02 (SSB Avgiver K2: Årgang): The file reports the year 2020 (Versjon), but its name says 2021.' },
    ],
    [
      'a date that is no date',
      () => Buffer.from(ok().toString('latin1').replace('StartDato="2020-02-11"', 'StartDato="2020-02-30"'), 'latin1'),
      'bad-date.xml',
      { line: 137, field: 'bad-date.xml /Barnevern/Individ[3]/Plan', message: 'INDIVID_01 (the file does not follow SSB\'s XSD): StartDato "2020-02-30" is not a date (YYYY-MM-DD).' },
    ],
  ])('%s', async (_what, body, fileName, problem) => {
    const before = await observations();
    const res = await upload(app, 'kostra-barnevern', body(), { fileName });
    expect(res.status).toBe(422);
    expect(res.body.problems).toContainEqual(expect.objectContaining(problem));
    expect(await observations()).toBe(before);
  });
});
