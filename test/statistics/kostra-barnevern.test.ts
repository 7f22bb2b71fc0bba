import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expected15f, generate15f } from '../../bench/kostra-15f';
import { importCli } from '../../scripts/import';
import { TEST_ENV } from '../helpers/env';
import { startTestApp, TestApp } from '../helpers/test-app';
import { addKostraTestOwners, EVERY_RULE_OF_THE_ONE_PER_INDIVID_FILE, expectRefused15f, ruleIdsOf, figures, fixture, individIndexOf, lineOf, upload, zipOf } from './kostra-helpers';

/**
 * `kostra-barnevern`: KOSTRA skjema 15F XML files (or a zip of them) from a barnevern fagsystem,
 * through `POST /imports/kostra-barnevern` into the service's activity statistics. Our own files in
 * SSB's format (test/fixtures/kostra/README.md) and generated files (bench/kostra-15f.ts), all
 * synthetic; SSB's own test files are read by test/ssb/kostra-barnevern-ssb.test.ts (committed, `npm test`).
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await addKostraTestOwners(app);
});
afterAll(() => app?.close());

const observations = async () => Number((await app.owner.query(`SELECT count(*) AS n FROM statistics_observation`)).rows[0].n);
const imports = async () => Number((await app.owner.query(`SELECT count(*) AS n FROM audit_record WHERE operation = 'import:kostra-barnevern'`)).rows[0].n);
const rules = ruleIdsOf;
const generated = (o: Parameters<typeof generate15f>[0]) => Buffer.from([...generate15f(o)].join(''), 'utf8');

/** The file is refused with these of SSB's rules (and no other problem), and nothing is written. */
const expectRefused = (name: string, expected: string[], body: Buffer = fixture(name)) => expectRefused15f(app, name, body, expected);

describe("our own 15F files in SSB's format (test/fixtures/kostra/barnevern)", () => {
  it.each([
    ['ok-2020-3401.xml', '3401'],
    ['ok-2020-0301.xml', '0301'],
  ])('%s imports: the figures the definitions give (docs/statistics.md)', async (name, number) => {
    const res = await upload(app, 'kostra-barnevern', fixture(name), { fileName: name });
    expect([res.status, res.body.applied, res.body.problems, res.body.warnings]).toEqual([200, true, [], []]);
    const got = await figures(app, 'barnevern', number, 2020);
    expect(got).toMatchObject({
      // Six meldinger received: four in March, two in September.
      reports_received: 6,
      'reports_received 2020-03': 4,
      'reports_received 2020-09': 2,
      'reports_received 2020-04': 0,
      // Four undersøkelser started (March ×3, September), three closed: C1 03-06 → 05-20 and C3 03-25 → 04-30
      // within three months, C2 03-16 → 08-03 not; C5's is still open.
      investigations_started: 4,
      investigations_closed: 3,
      investigations_closed_within_3_months: 2,
      'investigations_closed 2020-08': 1,
      // C3: an omsorgstiltak (BVL § 4-12) that ended 2020-11-30.
      children_care_measures: 1,
      children_care_measures_at_year_end: 0,
      // C1 (4.6, open), C4 (placement 1.1 on § 4-4, open), C6 (3.99, ended 2020-12-15).
      children_support_measures: 3,
      children_support_measures_at_year_end: 2,
      voluntary_placements: 1,
    });
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'blank.txt', ['other']],
    ['a text file that is not XML', Buffer.from('Kommune;Barn;Tiltak;3401;12;4', 'latin1'), 'junk.dat', ['other']],
    // Every attribute empty, against the XSD.
    ['feil-2020-3401-ugyldig-xml.xml', undefined, undefined, ['AVGIVER_01', 'AVGIVER_06', 'INDIVID_01']],
    // Year 0001, Kommunenavn blank, Organisasjonsnummer zeros.
    ['feil-2020-3401-avgiver.xml', undefined, undefined, ['AVGIVER_02', 'AVGIVER_03', 'AVGIVER_06']],
    // Oslo: one child without Bydelsnummer, one without Bydelsnavn.
    ['feil-2020-0301-uten-bydel.xml', undefined, undefined, ['INDIVID_09', 'INDIVID_10']],
    // A Melder without its Kode.
    ['feil-2020-3401-melder-uten-kode.xml', undefined, undefined, ['INDIVID_01', 'MELDING_04']],
    // «Dufnummer» (not the XSD's DUFnummer), dates the wrong way round, no number, no content.
    ['feil-2020-3401-individ.xml', undefined, undefined, ['INDIVID_01', 'INDIVID_02A', 'INDIVID_03', 'INDIVID_06']],
  ])('%s is refused for SSB’s rules', async (what, body, fileName, expected) => {
    const name = fileName ?? what;
    const refused = await expectRefused(name, expected, body ?? fixture(name));
    if (expected[0] === 'other') expect(refused.problems[0].message).toMatch(/^Not well-formed XML \(line 1, column \d+\): \w/);
  });

  it('one broken rule per Individ is refused with each of SSB’s rules named, the line and the element path', async () => {
    const name = 'feil-2020-3401-en-regel-per-individ.xml';
    const body = await expectRefused(name, EVERY_RULE_OF_THE_ONE_PER_INDIVID_FILE);
    const text = fixture(name).toString('latin1');
    const melding = '<Melding Id="M1" StartDato="2020-01-10" SluttDato="2020-01-09"';
    expect(body.problems).toContainEqual(
      expect.objectContaining({
        line: lineOf(text, melding),
        field: `${name} /Barnevern/Individ[${individIndexOf(text, melding)}]/Melding`,
        message: expect.stringMatching(/^MELDING_02A \(SSB Melding Kontroll 2a: Startdato etter sluttdato\): Melding \(Id M1\): its StartDato 2020-01-10 is after its SluttDato 2020-01-09\.$/),
      }),
    );
    // SSB's ADVARSEL rules are warnings even in a refused file.
    expect(rules(body.warnings)).toEqual(['INDIVID_11', 'INDIVID_12', 'MELDING_03', 'TILTAK_05', 'TILTAK_06', 'TILTAK_09', 'UNDERSOKELSE_08']);
  });

  // Each file has one Individ that SSB's rules refuse: the file is refused for exactly that, and with
  // it corrected imports with SSB's warnings (ADVARSEL does not refuse a file).
  it.each([
    // 31021500100: an "unknown" ending after a date that does not exist (31 February), no modulus 11; 15081500100 is a birth date and 00100.
    ['advarsel-2020-3401.xml', '3401', 'INDIVID_03', ['31021500100', '15081500100'], ['INDIVID_11', 'MELDING_03', 'TILTAK_05', 'TILTAK_06', 'TILTAK_09', 'UNDERSOKELSE_08']],
    // Eidsvoll's 3035 of 2020 is 3240 since 2024 (KLASS 131): the figures are stored under today's number.
    ['advarsel-2020-3035.xml', '3240', 'INDIVID_01A', ['StartDato="1995-04-03"', 'StartDato="1998-04-03"'], ['INDIVID_11', 'MELDING_03', 'UNDERSOKELSE_08']],
  ])('%s imports with SSB’s warnings once its one refused Individ is corrected', async (name, number, refusedFor, [wrong, right], warnings) => {
    await expectRefused(name, [refusedFor]);
    const text = fixture(name).toString('latin1');
    expect(text.split(wrong)).toHaveLength(2);
    const corrected = Buffer.from(text.replace(wrong, right), 'latin1');
    const res = await upload(app, 'kostra-barnevern', corrected, { fileName: name });
    expect([res.status, res.body.applied, res.body.problems]).toEqual([200, true, []]);
    expect(rules(res.body.warnings)).toEqual(warnings);
    for (const w of res.body.warnings)
      expect(w).toEqual({
        line: expect.any(Number),
        field: expect.stringMatching(new RegExp(`^${name.replace(/\./g, '\\.')} /Barnevern/Individ\\[\\d+\\]`)),
        key: 'statistics.15f.finding',
        params: expect.any(Object),
        message: expect.any(String),
      });
    expect((await figures(app, 'barnevern', number, 2020)).reports_received).toBeGreaterThan(0);
  });

  it('advarsel-2020-3401-importeres.xml, which breaks only SSB’s ADVARSEL rules, imports as it is, each warning with its rule, line and element path', async () => {
    const name = 'advarsel-2020-3401-importeres.xml';
    const text = fixture(name).toString('latin1');
    const res = await upload(app, 'kostra-barnevern', fixture(name), { fileName: name });
    // Imported, not refused: every record stored or already there (the corrected SSB-style file of
    // the test above may have stored the same municipality-year with the same counts).
    expect([res.status, res.body.problems, res.body.inserted + res.body.updated + res.body.unchanged]).toEqual([200, [], res.body.records]);
    expect(res.body.records).toBeGreaterThan(0);
    expect(rules(res.body.warnings)).toEqual(['INDIVID_11', 'MELDING_03', 'TILTAK_05', 'TILTAK_06', 'TILTAK_09', 'UNDERSOKELSE_08']);
    // M1 was received 2020-02-03 and concluded 2020-02-20: more than SSB's 7 days (+ 1 of grace).
    const m1 = '<Melding Id="M1"';
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({
        line: lineOf(text, m1),
        field: `${name} /Barnevern/Individ[${individIndexOf(text, m1)}]/Melding`,
        message: expect.stringMatching(/^MELDING_03 \(SSB /),
      }),
    );
    for (const w of res.body.warnings)
      expect(w).toEqual({
        line: expect.any(Number),
        field: expect.stringMatching(/^advarsel-2020-3401-importeres\.xml \/Barnevern\/Individ\[\d+\]/),
        key: 'statistics.15f.finding',
        params: expect.any(Object),
        message: expect.any(String),
      });
    // The figures are stored as for an OK file: three meldinger received in 2020, one investigation started.
    expect(await figures(app, 'barnevern', '3401', 2020)).toMatchObject({ reports_received: 3, investigations_started: 1 });
  });
});

describe('generated files and the municipality numbers of their year', () => {
  it('derives every figure of a generated file as defined', async () => {
    const res = await upload(app, 'kostra-barnevern', generated({ kommunenummer: '3427', year: 2022, individs: 300 }), { fileName: 'tynset-2022.xml' });
    expect([res.status, res.body.applied, res.body.problems]).toEqual([200, true, []]);
    expect(await figures(app, 'barnevern', '3427', 2022)).toMatchObject(expected15f(300));
  });

  it('counts a 2019 file of Folldal (0439, before the 2020 renumbering) under Folldal (3429)', async () => {
    const res = await upload(app, 'kostra-barnevern', generated({ kommunenummer: '0439', kommunenavn: 'Folldal', year: 2019, individs: 40 }), { fileName: 'folldal-2019.xml' });
    expect([res.status, res.body.applied]).toEqual([200, true]);
    expect((await figures(app, 'barnevern', '3429', 2019)).reports_received).toBe(40);
  });

  it('reads a zip of files, one per municipality, and refuses two files for the same municipality and year', async () => {
    const a = generated({ kommunenummer: '3424', year: 2021, individs: 12 });
    const b = generated({ kommunenummer: '3426', year: 2021, individs: 7 });
    const ok = await upload(
      app,
      'kostra-barnevern',
      zipOf([
        { name: 'rendalen.xml', data: a },
        { name: 'tolga.xml', data: b },
      ]),
      { type: 'application/zip', fileName: '15F-2021.zip' },
    );
    expect([ok.status, ok.body.applied, ok.body.problems]).toEqual([200, true, []]);
    expect([(await figures(app, 'barnevern', '3424', 2021)).reports_received, (await figures(app, 'barnevern', '3426', 2021)).reports_received]).toEqual([12, 7]);

    const before = await observations();
    const twice = await upload(
      app,
      'kostra-barnevern',
      zipOf([
        { name: 'rendalen.xml', data: a },
        { name: 'rendalen-again.xml', data: generated({ kommunenummer: '3424', year: 2021, individs: 13 }) },
      ]),
      { type: 'application/zip', fileName: 'dup.zip' },
    );
    expect(twice.status).toBe(422);
    expect(twice.body.problems).toEqual([
      expect.objectContaining({
        line: 3,
        field: 'dup.zip/rendalen-again.xml /Barnevern/Avgiver',
        message: 'A second file for municipality 3424 and 2021 in one import (the first is dup.zip/rendalen.xml); send one file per municipality and year.',
      }),
    ]);
    expect(await observations()).toBe(before);
  });
});

describe('bad input: a clear problem naming the file and the line or element, nothing written', () => {
  const OK = fixture('ok-2020-3401.xml');
  const OK_TEXT = OK.toString('latin1');

  it.each([
    [
      'XML of another schema',
      Buffer.from('<?xml version="1.0"?>\n<Regnskap><Linje/></Regnskap>\n'),
      'other.xml',
      { line: 2, field: 'other.xml /Regnskap', message: "This is not a KOSTRA 15F (barnevern) file: its root element is <Regnskap>, not <Barnevern> (SSB's KostraBarnevern.xsd)." },
    ],
    [
      "a truncated file (cut inside the second Individ's Melding)",
      OK.subarray(0, OK.indexOf('<Undersokelse Id="U2"')),
      'cut.xml',
      { line: lineOf(OK_TEXT, '<Undersokelse Id="U2"'), field: 'cut.xml /Barnevern/Individ[2]/Melding', message: 'The file ends before </Melding> (truncated?).' },
    ],
    [
      'a year the file does not claim (its name says 2021, Versjon 2020)',
      OK,
      'ok-2021-3401.xml',
      { line: 3, field: 'ok-2021-3401.xml /Barnevern/Avgiver', message: 'AVGIVER_02 (SSB Avgiver K2: Årgang): The file reports the year 2020 (Versjon), but its name says 2021.' },
    ],
    [
      'a date that is no date',
      Buffer.from(OK_TEXT.replace('<Plan Id="P3" StartDato="2020-05-11"', '<Plan Id="P3" StartDato="2020-02-30"'), 'latin1'),
      'bad-date.xml',
      {
        line: lineOf(OK_TEXT, '<Plan Id="P3"'),
        field: `bad-date.xml /Barnevern/Individ[${individIndexOf(OK_TEXT, '<Plan Id="P3"')}]/Plan`,
        message: 'INDIVID_01 (the file does not follow SSB\'s XSD): StartDato "2020-02-30" is not a date (YYYY-MM-DD).',
      },
    ],
    [
      "a code not in SSB's code list",
      Buffer.from(OK_TEXT.replace('<Kategori Kode="1.1"/>', '<Kategori Kode="9.99"/>'), 'latin1'),
      'bad-code.xml',
      {
        line: lineOf(OK_TEXT, '<Kategori Kode="1.1"/>'),
        field: `bad-code.xml /Barnevern/Individ[${individIndexOf(OK_TEXT, '<Kategori Kode="1.1"/>')}]/Tiltak/Kategori`,
        message: expect.stringMatching(/^INDIVID_01 \(the file does not follow SSB's XSD\): Kode "9\.99" is not in SSB's code list/),
      },
    ],
    [
      'entities of a DTD (never expanded)',
      Buffer.from('<?xml version="1.0"?>\n<!DOCTYPE Barnevern [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n<Barnevern>&b;</Barnevern>\n'),
      'dtd.xml',
      { line: 3, field: 'dtd.xml /Barnevern', message: expect.stringMatching(/^Not well-formed XML \(line 3, column \d+\)/) },
    ],
  ])('%s', async (_what, body, fileName, problem) => {
    const before = await observations();
    const res = await upload(app, 'kostra-barnevern', body, { fileName });
    expect(res.status).toBe(422);
    expect(res.body.problems).toContainEqual(expect.objectContaining(problem));
    expect(await observations()).toBe(before);
  });

  it('a file for a year that has not ended', async () => {
    const year = new Date().getUTCFullYear();
    const res = await upload(app, 'kostra-barnevern', generated({ kommunenummer: '3427', year, individs: 2 }), { fileName: 'early.xml' });
    expect([res.status, res.body.problems]).toEqual([
      422,
      [
        expect.objectContaining({
          line: 3,
          field: 'early.xml /Barnevern/Avgiver',
          message: `AVGIVER_02 (SSB Avgiver K2: Årgang): The reporting year ${year} (Versjon) has not ended yet; a 15F file reports a finished year.`,
        }),
      ],
    ]);
  });

  it('a file of a municipality that is not an owner of the service (Sør-Aurdal, Valdres)', async () => {
    const before = await observations();
    const res = await upload(app, 'kostra-barnevern', generated({ kommunenummer: '3449', year: 2022, individs: 5 }), { fileName: 'sor-aurdal.xml' });
    expect(res.status).toBe(422);
    expect(res.body.problems[0]).toEqual({
      line: 3,
      field: 'kommunenummer',
      key: 'imports.fromSource',
      params: expect.objectContaining({ source: 'sor-aurdal.xml /Barnevern/Avgiver (line 3)' }),
      message: expect.stringMatching(/^sor-aurdal\.xml \/Barnevern\/Avgiver \(line 3\): 3449 is not a municipality of this service/),
    });
    expect(await observations()).toBe(before);
  });
});

describe('re-import and correction', () => {
  it('changes nothing when the same file comes again; a corrected file replaces that municipality-year and keeps the history', async () => {
    const first = generated({ kommunenummer: '3428', year: 2023, individs: 30 });
    expect((await upload(app, 'kostra-barnevern', first, { fileName: 'alvdal-2023.xml' })).body.applied).toBe(true);
    const tynset = await figures(app, 'barnevern', '3427', 2022);
    const before = [await observations(), await imports()];
    const again = await upload(app, 'kostra-barnevern', first, { fileName: 'alvdal-2023.xml' });
    expect([again.status, again.body.applied, again.body.inserted, again.body.updated, again.body.deleted]).toEqual([200, false, 0, 0, 0]);
    expect([await observations(), await imports()]).toEqual(before);

    const corrected = await upload(app, 'kostra-barnevern', generated({ kommunenummer: '3428', year: 2023, individs: 31 }), { fileName: 'alvdal-2023.xml' });
    expect([corrected.status, corrected.body.applied]).toEqual([200, true]);
    expect((await figures(app, 'barnevern', '3428', 2023)).reports_received).toBe(31);
    const history = (
      await app.owner.query(
        `SELECT o.value FROM statistics_observation o JOIN municipality m ON m.id = o.municipality_id JOIN statistics_metric s ON s.id = o.metric_id
        WHERE m.number = '3428' AND o.year = 2023 AND o.month IS NULL AND s.code = 'reports_received' AND o.replaced_at IS NOT NULL`,
      )
    ).rows;
    expect(history).toEqual([{ value: 30 }]);
    // Another owner's figures of the same metrics are left as they were.
    expect(await figures(app, 'barnevern', '3427', 2022)).toEqual(tynset);
  });
});

describe('npm run import -- kostra-barnevern (the same code path from the command line)', () => {
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const code = await importCli(
      args,
      { DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_ENV.appPassword, LOG_LEVEL: 'silent', LANG: 'en_GB.UTF-8' },
      { log: (l) => lines.push(l), error: (l) => lines.push(`! ${l}`) },
    );
    return { code, out: lines.join('\n') };
  };
  const as = ['--role', 'SERVICE_LEADER', '--service', 'barnevern'];
  const write = (name: string, content: Buffer) => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kostra-')), name);
    fs.writeFileSync(p, content);
    return p;
  };

  it('chooses the 15F reader by the file ending, names the file in problems, prints warnings, and exits 1 on a refused file', async () => {
    const good = write('tolga-2020.xml', generated({ kommunenummer: '3426', year: 2020, individs: 3 }));
    const dry = await run(['kostra-barnevern', good, '--dry-run', ...as]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('warning, line 4, tolga-2020.xml /Barnevern/Individ[1]: INDIVID_11 (SSB Individ Kontroll 11: Fødselsnummer)');
    // 4 flows × (12 months + the year) + 5 stocks; the demo seed already has Tolga's 2020.
    expect(dry.out).toMatch(/kostra-barnevern: 57 records; dry run, would be: \d+ new, \d+ changed, 0 removed, \d+ unchanged/);
    expect(dry.out).toMatch(/\n {2}Tolga \(3426\) reports_received 2020-\d\d: \d+ → \d+\n/);
    const refused = fixture('feil-2020-3401-individ.xml');
    const bad = await run(['kostra-barnevern', write('individ.xml', refused), ...as]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`line ${lineOf(refused.toString('latin1'), '<Individ ')}, individ.xml /Barnevern/Individ[1]: INDIVID_02A (SSB Individ Kontroll 02a: Startdato etter sluttdato)`);
  });
});
