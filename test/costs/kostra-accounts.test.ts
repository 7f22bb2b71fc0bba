import { Role } from '../../src/auth/roles';
import { ApiQuery, asApiRole, baseUrl, regionId, scalar } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, CostFixture, importLedger, ledgerCsv, publishMonth } from './fixtures';
import { amountOf, funksjonOf, kostraFileLines, kostraLine, OWN_KOSTRA_FILE } from './kostra-fixtures';

/**
 * `kostra-regnskap` through the real HTTP server and PostgreSQL (our own file in SSB's format, bad files,
 * history of corrected files), the reconciliation against Samvirke's published reports with what
 * each role sees, and RLS of the new tables with the service checks bypassed.
 */
let app: TestApp;
let region: string;

beforeAll(async () => {
  app = await startTestApp();
  region = await regionId(app, 'nord-osterdal');
  // Our file is Kongsvinger's (0402 in 2019, 3401 today), as SSB's test file: a municipality of the test region here.
  await app.owner.query(`INSERT INTO municipality (region_id, number, name) VALUES ($1, '3401', 'Kongsvinger')`, [region]);
});
afterAll(() => app.close());

async function importKostra(token: string, body: Buffer | string, dryRun = false): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl(app)}/imports/kostra-regnskap${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
    body,
  });
  return { status: res.status, body: await res.json() };
}
const files = (number: string) =>
  app.owner
    .query(
      `SELECT f.year, f.quarter, f.skjema, f.region_code, f.line_count, f.superseded_at IS NOT NULL AS superseded, (SELECT count(*)::int FROM kostra_accounts_line l WHERE l.file_id = f.id) AS lines
                     FROM kostra_accounts_file f JOIN municipality m ON m.id = f.municipality_id WHERE m.number = $1 ORDER BY f.imported_at`,
      [number],
    )
    .then((r) => r.rows);

describe('kostra-regnskap: a whole file (test/fixtures/kostra/regnskap)', () => {
  it('imports the 0A 2019 file of Kongsvinger (0402 → 3401); the same file again changes nothing; a corrected one supersedes it, history kept', async () => {
    const lines = kostraFileLines(OWN_KOSTRA_FILE);
    const n = lines.length;
    const barnevern = lines.filter((l) => ['244', '251', '252'].includes(funksjonOf(l))).length;
    expect([n, barnevern]).toEqual([36, 11]);
    const finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3401' });
    const dry = await importKostra(finance, OWN_KOSTRA_FILE, true);
    expect(dry.body).toMatchObject({ kind: 'kostra-regnskap', dryRun: true, applied: false, records: n, inserted: n, problems: [] });
    expect(await files('3401')).toEqual([]);

    const done = await importKostra(finance, OWN_KOSTRA_FILE);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ applied: true, inserted: n });
    expect(done.body.changes[0]).toBe(`3401 Kongsvinger, 0A 2019 quarter 4: ${n} lines (${barnevern} on barnevern, funksjon 244/251/252), amounts in 1000 kr.`);
    expect(await files('3401')).toEqual([{ year: 2019, quarter: 4, skjema: '0A', region_code: '040200', line_count: n, superseded: false, lines: n }]);
    // Amounts are stored in 1000 kr as in the file (line 1's positions 40–48), and the signs kept.
    const stored = async (line: number) =>
      scalar<string>(
        app,
        `SELECT l.amount_1000_kr::text FROM kostra_accounts_line l JOIN kostra_accounts_file f ON f.id = l.file_id
          WHERE l.line = $1 AND f.superseded_at IS NULL AND f.municipality_id = (SELECT id FROM municipality WHERE number = '3401')`,
        [line],
      );
    expect(await stored(1)).toBe(String(amountOf(lines[0])));
    const income = lines.findIndex((l) => amountOf(l) < 0);
    expect(await stored(income + 1)).toBe(String(amountOf(lines[income])));

    const again = await importKostra(finance, OWN_KOSTRA_FILE);
    expect(again.body).toMatchObject({ applied: false, inserted: 0, unchanged: n, problems: [] });
    expect(await files('3401')).toHaveLength(1);

    const corrected = [`${lines[0].slice(0, 39)}${String(amountOf(lines[0]) + 1).padStart(9)}`, ...lines.slice(1)].join('\n');
    const replaced = await importKostra(finance, corrected);
    expect(replaced.body).toMatchObject({ applied: true, inserted: n });
    expect(replaced.body.changes[1]).toMatch(/^Supersedes the file imported on \d{4}-\d{2}-\d{2}, which is kept as history\.$/);
    expect((await files('3401')).map((f: any) => f.superseded)).toEqual([true, false]);
    expect(await stored(1)).toBe(String(amountOf(lines[0]) + 1));
    expect(await scalar<number>(app, `SELECT count(*)::int FROM audit_record WHERE operation = 'import:kostra-regnskap'`)).toBe(2);
  });
});

describe('kostra-regnskap: the audit trail', () => {
  it('shows the municipality’s auditor the import of its own accounts, not another municipality’s', async () => {
    const tolga = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3426' });
    expect((await importKostra(tolga, kostraLine({ region: '342600', year: 2023 }))).body).toMatchObject({ applied: true });
    const trail = async (number: string) =>
      ok(await app.gql(`{ auditRecords(entity: "KostraAccountsFile", first: 50) { nodes { operation } } }`, {}, await app.token(Role.AUDITOR, { municipality: number }))).auditRecords.nodes;
    expect(await trail('3426')).toContainEqual({ operation: 'import:kostra-regnskap' });
    expect(await trail('3424')).toEqual([]);
  });
});

describe('kostra-regnskap: bad files are refused with line and positions, nothing written', () => {
  let finance: string;
  beforeAll(async () => {
    finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
  });
  const folldal = (o: Parameters<typeof kostraLine>[0] = {}) => kostraLine({ region: '342900', ...o });

  it.each([
    [
      'a line of 47 characters',
      () => `${folldal()}\n${folldal().slice(0, 47)}\n`,
      [{ line: 2, field: null, message: 'Line 2 has 47 characters; a KOSTRA accounting line has exactly 48 (positions 1–48).' }],
    ],
    ['a line of 49 characters', () => `${folldal()} \n`, [{ line: 1, field: null, message: 'Line 1 has 49 characters; a KOSTRA accounting line has exactly 48 (positions 1–48).' }]],
    [
      'a funksjon that does not exist',
      () => folldal({ funksjon: '999' }),
      [{ line: 1, field: 'funksjon', message: "Line 1, positions 33–36 (funksjon): 999 is not a KOSTRA funksjon of a municipality's accounts in 2024 (SSB Kontroll 010)." }],
    ],
    [
      'letters in the amount',
      () => folldal({ amount: '1O0' }),
      [{ line: 1, field: 'belop', message: 'Line 1, positions 40–48 (belop): "      1O0" must be a whole number of 1000 kr, right-aligned, with a minus in front for income (SSB Kontroll 014).' }],
    ],
    [
      'two years in one file',
      () => `${folldal()}\n${folldal({ year: 2023 })}`,
      [
        {
          line: 2,
          field: 'aargang',
          message: "Line 2 is for 0A 2023 annual accounts, region 342900; line 1 for 0A 2024 annual accounts, region 342900: one file holds one municipality's accounts of one period.",
        },
      ],
    ],
    [
      'a municipality outside the region',
      () => kostraLine({ region: '030100' }),
      [{ line: 1, field: 'region', message: 'Line 1, positions 8–13 (region): kommunenummer 0301 is not a municipality of your region.' }],
    ],
    [
      'XML instead of position lines',
      () => '<?xml version="1.0"?><Barnevern/>',
      [{ line: 1, field: null, message: 'Line 1 has 33 characters; a KOSTRA accounting line has exactly 48 (positions 1–48).' }],
    ],
  ])('%s', async (_what, file, problems) => {
    const before = await scalar<number>(app, `SELECT count(*)::int FROM kostra_accounts_file`);
    const res = await importKostra(finance, file());
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ applied: false, inserted: 0, problems });
    expect(await scalar<number>(app, `SELECT count(*)::int FROM kostra_accounts_file`)).toBe(before);
  });

  it('warns, and keeps the line, for a funksjon or art not in the year’s list in quarters 1–3 (SSB Kontroll 010/012 are ADVARSEL there); refuses them in quarter 4', async () => {
    const q2 = [folldal({ kvartal: '2', funksjon: '999', amount: 5 }), folldal({ kvartal: '2', art: '999', amount: 7 }), folldal({ kvartal: '2', amount: 11 })].join('\n');
    const res = await importKostra(finance, q2);
    expect([res.status, res.body.applied, res.body.inserted, res.body.problems]).toEqual([200, true, 3, []]);
    expect(res.body.warnings).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'funksjon',
        key: 'costs.kostraQuarterUnknownFunksjon',
        message: "Line 1, positions 33–36 (funksjon): 999 is not a KOSTRA funksjon of a municipality's accounts in 2024; in quarter 2 SSB only warns (Kontroll 010), so the line is kept.",
      }),
      expect.objectContaining({ line: 2, field: 'art', key: 'costs.kostraQuarterUnknownArt' }),
    ]);
    const stored = await app.owner.query(
      `SELECT l.funksjon, l.art FROM kostra_accounts_line l JOIN kostra_accounts_file f ON f.id = l.file_id JOIN municipality m ON m.id = f.municipality_id
        WHERE m.number = '3429' AND f.year = 2024 AND f.quarter = 2 AND f.superseded_at IS NULL ORDER BY l.line`,
    );
    expect(stored.rows.map((r: any) => `${r.funksjon}/${r.art}`)).toEqual(['999/010', '244/999', '244/010']);

    const q4 = await importKostra(finance, folldal({ kvartal: '4', funksjon: '999' }));
    expect([q4.status, q4.body.problems.map((p: any) => [p.line, p.field])]).toEqual([422, [[1, 'funksjon']]]);
  });

  it('refuses another municipality’s file to a municipal finance officer (FORBIDDEN), and accepts it from the host finance of a service that municipality owns', async () => {
    const res = await importKostra(finance, kostraLine({ region: '342700' }));
    expect(res.status).toBe(403);
    const f = await costFixture(app);
    expect((await importKostra(f.hostFinance, kostraLine({ region: '342600', year: 2022 }))).body).toMatchObject({ applied: true, inserted: 1 });
  });
});

describe('kostraReconciliation', () => {
  let f: CostFixture;
  const QUERY = `query($s: ID, $y: Int!, $q: Int) { kostraReconciliation(serviceId: $s, year: $y, quarter: $q) {
    year quarter reportPeriod report { period version }
    host { municipality { number } isHost reported grossExpenses1000Kr income1000Kr refundsFromMunicipalities1000Kr cooperationExpenses1000Kr cooperationRefundsFromMunicipalities1000Kr kostra1000Kr kostraOre samvirkeActualOre differenceOre }
    owners { municipality { number } isHost reported paymentsToMunicipalities1000Kr kostra1000Kr kostraOre samvirkeActualOre differenceOre } } }`;

  beforeAll(async () => {
    f = await costFixture(app);
    // Samvirke's side: ledger lines of 2024, December published (year-to-date actual = the year).
    expect(
      (
        await importLedger(
          app,
          f.hostFinance,
          ledgerCsv([
            { voucher: 'R-1', date: '2024-03-10', funksjon: f.shared.funksjon, ore: 1_500_000_00 },
            { voucher: 'R-2', date: '2024-11-10', funksjon: f.direct.funksjon, ore: 40_000_00, kommunenummer: '3429' },
          ]),
        )
      ).body,
    ).toMatchObject({ applied: true });
    await publishMonth(app, f, '2024-12');
    // The host's (Tynset) KOSTRA file: barnevern 244/251/252 in the operating accounts, plus lines the figures must leave out.
    const tynset = (o: Parameters<typeof kostraLine>[0]) => kostraLine({ region: '342700', ...o });
    const hostFile = [
      tynset({ funksjon: '244', art: '010', amount: 1200 }),
      tynset({ funksjon: '251', art: '370', amount: 250 }),
      tynset({ funksjon: '252', art: '370', amount: 100 }),
      tynset({ funksjon: '244', art: '750', amount: -900 }),
      tynset({ funksjon: '244', art: '600', amount: -50 }),
      tynset({ funksjon: '120', art: '010', amount: 5000 }), // not barnevern
      tynset({ funksjon: '244', art: '010', amount: 777, kontoklasse: '0' }), // investment
      // Funksjon 290 (interkommunale samarbeid), coming to 0 as SSB's Kontroll 175 demands: shown beside, never in 244/251/252's figures.
      tynset({ funksjon: '290', art: '010', amount: 800 }),
      tynset({ funksjon: '290', art: '750', amount: -800 }),
    ].join('\n');
    expect((await importKostra(f.hostFinance, hostFile)).body).toMatchObject({ applied: true, inserted: 9 });
    // An owner's own file (Folldal): what it paid other municipalities for barnevern (art 350).
    const folldalFinance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
    const folldalFile = [kostraLine({ region: '342900', funksjon: '244', art: '350', amount: 300 }), kostraLine({ region: '342900', funksjon: '252', art: '350', amount: 120 })].join('\n');
    expect((await importKostra(folldalFinance, folldalFile)).body).toMatchObject({ problems: [] });
  });

  const actual = async (municipality: string | null) =>
    scalar<string>(
      app,
      `SELECT l.actual_ytd_ore::text FROM cost_report_line l JOIN cost_report r ON r.id = l.report_id
      WHERE r.service_id = $1 AND r.period = '2024-12' AND r.status = 'PUBLISHED' AND l.category_id IS NULL AND l.municipality_id IS NOT DISTINCT FROM $2`,
      [f.serviceId, municipality],
    );

  it('shows host finance the host’s KOSTRA barnevern figures (1000 kr, and in øre) against the published year, and every owner', async () => {
    const r = ok(await app.gql(QUERY, { s: f.serviceGid, y: 2024 }, f.hostFinance)).kostraReconciliation;
    const total = await actual(null);
    expect(r.reportPeriod).toBe('2024-12');
    expect(r.report).toEqual({ period: '2024-12', version: 1 });
    // gross 1200 + 250 + 100; income −900 − 50; without the refunds from municipalities (−900): 1550 − 50 = 1500 (1000 kr).
    expect(r.host).toEqual({
      municipality: { number: '3427' },
      isHost: true,
      reported: true,
      grossExpenses1000Kr: 1550,
      income1000Kr: -950,
      refundsFromMunicipalities1000Kr: -900,
      cooperationExpenses1000Kr: 800,
      cooperationRefundsFromMunicipalities1000Kr: -800,
      kostra1000Kr: 1500,
      kostraOre: 150_000_000,
      samvirkeActualOre: Number(total),
      differenceOre: 150_000_000 - Number(total),
    });
    expect(r.owners.map((o: any) => [o.municipality.number, o.isHost, o.reported, o.kostra1000Kr])).toEqual([
      ['3424', false, false, 0],
      ['3426', false, false, 0],
      ['3427', true, true, 0],
      ['3428', false, false, 0],
      ['3429', false, true, 420],
    ]);
    const folldal = r.owners.find((o: any) => o.municipality.number === '3429');
    const share = Number(await actual(f.municipalities['3429']));
    expect(folldal).toMatchObject({ kostraOre: 42_000_000, samvirkeActualOre: share, differenceOre: 42_000_000 - share });
    expect(r.owners.find((o: any) => o.municipality.number === '3424').differenceOre).toBeNull();
  });

  it('shows an owner’s municipal finance the host and its own row only; a municipality that owns nothing of the service is FORBIDDEN', async () => {
    const folldal = ok(await app.gql(QUERY, { s: f.serviceGid, y: 2024 }, await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' }))).kostraReconciliation;
    expect(folldal.host.kostra1000Kr).toBe(1500);
    expect(folldal.owners.map((o: any) => o.municipality.number)).toEqual(['3429']);
    const g = await costFixture(app, { owners: ['3427', '3429'] });
    const tolga = await app.gql(QUERY, { s: g.serviceGid, y: 2024 }, await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3426' }));
    expect(tolga.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await app.gql(QUERY, { s: g.serviceGid, y: 2024 }, f.hostFinance);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(QUERY, { s: f.serviceGid, y: 2024 }, await app.token(Role.MUNICIPAL_DIRECTOR, { municipality: '3429' }))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('reads in the same number of statements for one owner row as for five (loaders, one read)', async () => {
    const five = await app.gql(QUERY, { s: f.serviceGid, y: 2024 }, f.hostFinance);
    const one = await app.gql(QUERY, { s: f.serviceGid, y: 2024 }, await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' }));
    expect(ok(five).kostraReconciliation.owners).toHaveLength(5);
    expect(ok(one).kostraReconciliation.owners).toHaveLength(1);
    expect(five.extensions?.sqlStatements).toEqual(expect.any(Number));
    expect(five.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
  });

  it('for a quarter without a file or a published report, says so (nulls), and refuses a quarter 5', async () => {
    const r = ok(await app.gql(QUERY, { s: f.serviceGid, y: 2024, q: 2 }, f.leader)).kostraReconciliation;
    expect(r).toMatchObject({ quarter: 2, reportPeriod: '2024-06', report: null });
    expect(r.host).toMatchObject({ reported: false, samvirkeActualOre: null, differenceOre: null });
    expect((await app.gql(QUERY, { s: f.serviceGid, y: 2024, q: 5 }, f.leader)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('compares a quarterly file with the year so far (SSB: quarterly accounts are «hittil i år», January to the quarter’s end), not the quarter alone', async () => {
    const g = await costFixture(app);
    // One line in the first quarter, one in the third: the year so far at September holds both.
    const ledger = await importLedger(
      app,
      g.hostFinance,
      ledgerCsv([
        { voucher: 'Q-1', date: '2024-02-10', funksjon: g.shared.funksjon, ore: 300_000_00 },
        { voucher: 'Q-3', date: '2024-08-10', funksjon: g.shared.funksjon, ore: 50_000_00 },
      ]),
    );
    expect(ledger.body).toMatchObject({ applied: true });
    await publishMonth(app, g, '2024-09');
    // Tynset's third-quarter file (kvartal 3): 350 (1000 kr) on 244, the year so far.
    const q3 = kostraLine({ region: '342700', kvartal: '3', funksjon: '244', art: '010', amount: 350 });
    expect((await importKostra(g.hostFinance, q3)).body).toMatchObject({ applied: true, inserted: 1 });
    const r = ok(await app.gql(QUERY, { s: g.serviceGid, y: 2024, q: 3 }, g.hostFinance)).kostraReconciliation;
    expect(r).toMatchObject({ quarter: 3, reportPeriod: '2024-09', report: { period: '2024-09', version: 1 } });
    // Samvirke's figure is January–September (both lines), so the difference is 0, not the first quarter's 300 000 kr.
    expect(r.host).toMatchObject({ reported: true, kostra1000Kr: 350, kostraOre: 350_000_00, samvirkeActualOre: 350_000_00, differenceOre: 0 });
    // The annual figures of the same host are another file (quarter 0), untouched by the quarterly one.
    expect(ok(await app.gql(QUERY, { s: g.serviceGid, y: 2024 }, g.hostFinance)).kostraReconciliation.host.kostra1000Kr).toBe(1500);
  });
});

describe('RLS alone (raw SQL as the API role): KOSTRA accounts and ledger mappings', () => {
  const as = <T>(settings: Record<string, string>, work: (q: ApiQuery) => Promise<T>) => asApiRole(app, { municipality_id: '', service_id: '', unit_id: '', ...settings }, work);
  const count = (q: ApiQuery, table: string) => q(`SELECT count(*)::int AS n FROM ${table}`).then((r) => r[0].n as number);
  const tryWrite = async (q: ApiQuery, sql: string, params: unknown[] = []) => {
    await q('SAVEPOINT w');
    try {
      const r = await q(sql, params);
      await q('RELEASE SAVEPOINT w');
      return (r as any)[1] ?? 1;
    } catch (error) {
      expect(String(error)).toMatch(/permission denied|row-level security|history/);
      await q('ROLLBACK TO SAVEPOINT w');
      return 0;
    }
  };

  it('another region sees and changes nothing; another municipality sees only its own and its host’s files', async () => {
    const f = await costFixture(app);
    const { mapping } = {
      mapping: await app.gql(
        `mutation($i: DefineLedgerMappingInput!) { defineLedgerMapping(input: $i) { userErrors { code } } }`,
        { i: { serviceId: f.serviceGid, profile: 'VISMA_ENTERPRISE' } },
        f.hostFinance,
      ),
    };
    expect(mapping.data.defineLedgerMapping.userErrors).toEqual([]);
    await importKostra(f.hostFinance, kostraLine({ region: '342700', year: 2021 }));
    await importKostra(f.hostFinance, kostraLine({ region: '342800', year: 2021 }));
    const valdres = await regionId(app, 'valdres');
    const sorAurdal = (await app.owner.query(`SELECT id FROM municipality WHERE number = '3449'`)).rows[0].id;
    const vb = (await app.owner.query(`SELECT id FROM shared_service WHERE region_id = $1 AND code = 'barnevern'`, [valdres])).rows[0].id;
    const callers: Record<string, string>[] = [
      { role: 'REGION_ADMIN', region_id: valdres },
      { role: 'HOST_FINANCE', region_id: valdres, service_id: vb },
      { role: 'MUNICIPAL_FINANCE', region_id: valdres, municipality_id: sorAurdal },
    ];
    for (const settings of callers) {
      await as(settings, async (q) => {
        for (const table of ['kostra_accounts_file', 'kostra_accounts_line', 'ledger_mapping']) expect([settings.role, table, await count(q, table)]).toEqual([settings.role, table, 0]);
        expect(await tryWrite(q, `UPDATE kostra_accounts_file SET superseded_at = now()`)).toBe(0);
        expect(
          await tryWrite(
            q,
            `INSERT INTO ledger_mapping (region_id, service_id, profile, encoding, delimiter, decimal_separator, date_format, sign_convention, date_column, amount_column, art_column, funksjon_column, voucher_column, updated_by)
          VALUES ($1, $2, 'CUSTOM', 'UTF_8', ';', ',', 'DD.MM.YYYY', 'LEADING_MINUS', 'd', 'a', 'r', 'f', 'v', 'x')`,
            [region, f.serviceId],
          ),
        ).toBe(0);
      });
    }
    // Alvdal's finance (3428): its own file and the host's (Tynset) files, not another owner's; no ledger mapping.
    const alvdal = f.municipalities['3428'];
    await as({ role: 'MUNICIPAL_FINANCE', region_id: region, municipality_id: alvdal }, async (q) => {
      const seen = await q(`SELECT DISTINCT m.number FROM kostra_accounts_file k JOIN municipality m ON m.id = k.municipality_id ORDER BY 1`);
      expect(seen.map((r: any) => r.number)).not.toContain('3401');
      expect(seen.map((r: any) => r.number)).toEqual(expect.arrayContaining(['3427', '3428']));
      expect(seen.map((r: any) => r.number)).not.toContain('3429');
      expect(await count(q, 'ledger_mapping')).toBe(0);
      // Writing another municipality's accounts: refused by RLS.
      const tynsetFile = (await q(`SELECT id FROM kostra_accounts_file WHERE municipality_id = $1 LIMIT 1`, [f.municipalities['3427']]))[0].id;
      expect(await tryWrite(q, `UPDATE kostra_accounts_file SET superseded_at = now() WHERE id = $1`, [tynsetFile])).toBe(0);
      expect(await tryWrite(q, `DELETE FROM kostra_accounts_line`)).toBe(0);
    });
    // Another service's host finance of the same region: not this service's mapping.
    const g = await costFixture(app, { owners: ['3424'] });
    await as({ role: 'HOST_FINANCE', region_id: region, service_id: g.serviceId }, async (q) => {
      expect((await q(`SELECT count(*)::int AS n FROM ledger_mapping WHERE service_id = $1`, [f.serviceId]))[0].n).toBe(0);
      expect(await tryWrite(q, `UPDATE ledger_mapping SET delimiter = ','`)).toBe(0);
    });
  });
});
