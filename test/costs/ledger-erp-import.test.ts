import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { importCli } from '../../scripts/import';
import { Role } from '../../src/auth/roles';
import { baseUrl, scalar } from '../helpers/fixtures';
import { TEST_ENV } from '../helpers/env';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, CostFixture, mutate, refused } from './fixtures';
import { kostraLine } from './kostra-fixtures';

/**
 * `ledger-erp`: the host's ERP export as the ERP writes it (Windows-1252 / ISO-8859-1, decimal
 * commas, Norwegian dates, the sign conventions), read with the service's mapping into the ledger's
 * own rows and write path. Through the real HTTP server and PostgreSQL.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const entries = (f: CostFixture) => scalar<number>(app, `SELECT count(*)::int FROM ledger_entry WHERE service_id = $1`, [f.serviceId]);
const audits = (f: CostFixture) => scalar<number>(app, `SELECT count(*)::int FROM audit_record WHERE operation = 'import:ledger-erp' AND entity_id = $1`, [f.serviceId]);
const stored = async (f: CostFixture) =>
  (
    await app.owner.query(
      `SELECT e.voucher, e.voucher_line AS line, e.posting_date::text AS date, e.account, e.art, e.funksjon, e.amount_ore::text AS ore, m.number
     FROM ledger_entry e LEFT JOIN municipality m ON m.id = e.municipality_id WHERE e.service_id = $1 ORDER BY 1, 2`,
      [f.serviceId],
    )
  ).rows;

async function importErp(token: string, bytes: Buffer, dryRun = false): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl(app)}/imports/ledger-erp${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: bytes,
  });
  return { status: res.status, body: await res.json() };
}

const MAPPING =
  'mapping { profile encoding delimiter decimalSeparator dateFormat signConvention dateColumn amountColumn artColumn funksjonColumn ansvarColumn prosjektColumn voucherColumn voucherLineColumn municipalityColumn }';

/** A Visma Enterprise–style export (the shipped profile's columns), with æøå, in Windows-1252. */
const vismaFile = (f: CostFixture, lines: string[]) => iconv.encode(['Bilagsnr;Bilagsdato;Art;Ansvar;Funksjon;Prosjekt;Tekst;Beløp;Kommune', ...lines].join('\r\n') + '\r\n', 'win1252');

describe('ledger-erp with the Visma Enterprise profile (Windows-1252, "1 234,50", leading minus)', () => {
  let f: CostFixture;
  let file: Buffer;
  beforeAll(async () => {
    f = await costFixture(app);
    const mapping = await mutate(app, f.hostFinance, 'defineLedgerMapping', { serviceId: f.serviceGid, profile: 'VISMA_ENTERPRISE', municipalityColumn: 'Kommune' }, MAPPING);
    expect(mapping.mapping).toEqual({
      profile: 'VISMA_ENTERPRISE',
      encoding: 'WINDOWS_1252',
      delimiter: ';',
      decimalSeparator: ',',
      dateFormat: 'DD_MM_YYYY',
      signConvention: 'LEADING_MINUS',
      dateColumn: 'Bilagsdato',
      amountColumn: 'Beløp',
      artColumn: 'Art',
      funksjonColumn: 'Funksjon',
      ansvarColumn: 'Ansvar',
      prosjektColumn: 'Prosjekt',
      voucherColumn: 'Bilagsnr',
      voucherLineColumn: null,
      municipalityColumn: 'Kommune',
    });
    file = vismaFile(f, [
      `1001;31.01.2026;10100;2440;${f.shared.funksjon}0;;Lønn Ærlig Øvre Å;1 234,50;`,
      `1001;31.01.2026;10100;2440;${f.shared.funksjon}0;P7;Korrigert lønn;-1 234,50;`,
      `1002;15.01.2026;37500;2440;${f.direct.funksjon};;Fosterhjem Tynset;12 000,00;3427`,
    ]);
  });

  it('reads the æøå header and values, amounts and dates, and writes the ledger entries; the same file again changes nothing', async () => {
    expect(file.includes(Buffer.from('Bel\xf8p', 'latin1'))).toBe(true); // really Windows-1252, not UTF-8
    const dry = await importErp(f.hostFinance, file, true);
    expect(dry.body).toMatchObject({ kind: 'ledger-erp', dryRun: true, applied: false, records: 3, inserted: 3, problems: [] });
    expect(await entries(f)).toBe(0);

    const done = await importErp(f.hostFinance, file);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ applied: true, inserted: 3, problems: [] });
    expect(await stored(f)).toEqual([
      { voucher: '1001', line: 1, date: '2026-01-31', account: `10100-2440-${f.shared.funksjon}0`, art: '101', funksjon: f.shared.funksjon, ore: '123450', number: null },
      { voucher: '1001', line: 2, date: '2026-01-31', account: `10100-2440-${f.shared.funksjon}0-P7`, art: '101', funksjon: f.shared.funksjon, ore: '-123450', number: null },
      { voucher: '1002', line: 1, date: '2026-01-15', account: `37500-2440-${f.direct.funksjon}`, art: '375', funksjon: f.direct.funksjon, ore: '1200000', number: '3427' },
    ]);
    expect(await audits(f)).toBe(1);

    const again = await importErp(f.hostFinance, file);
    expect(again.body).toMatchObject({ applied: false, inserted: 0, unchanged: 3, problems: [] });
    expect([await entries(f), await audits(f)]).toEqual([3, 1]);
  });

  it('numbers a voucher’s lines in file order wherever they are, also more than a numbering chunk (500 records) apart; the same file again changes nothing', async () => {
    const g = await costFixture(app);
    await mutate(app, g.hostFinance, 'defineLedgerMapping', { serviceId: g.serviceGid, profile: 'VISMA_ENTERPRISE' }, MAPPING);
    // Voucher 3000's three lines: the first, the 700th and the last record; 1 200 one-line vouchers between.
    const line = (voucher: string, kroner: number) => `${voucher};31.01.2026;10100;2440;${g.shared.funksjon};;tekst;${kroner},00;`;
    const between = Array.from({ length: 1200 }, (_, i) => line(`V${i}`, 1 + i));
    const body = vismaFile(g, [line('3000', 11), ...between.slice(0, 698), line('3000', 22), ...between.slice(698), line('3000', 33)]);
    const res = await importErp(g.hostFinance, body);
    expect(res.body).toMatchObject({ applied: true, records: 1203, inserted: 1203, problems: [] });
    const lines = (await stored(g)).filter((e: { voucher: string }) => e.voucher === '3000' || e.voucher === 'V0' || e.voucher === 'V1199');
    expect(lines.map((e: { voucher: string; line: number; ore: string }) => [e.voucher, e.line, e.ore])).toEqual([
      ['3000', 1, '1100'],
      ['3000', 2, '2200'],
      ['3000', 3, '3300'],
      ['V0', 1, '100'],
      ['V1199', 1, '120000'],
    ]);
    const again = await importErp(g.hostFinance, body);
    expect(again.body).toMatchObject({ applied: false, inserted: 0, unchanged: 1203, problems: [] });
  });

  it('refuses letters in an amount and a date that does not exist with file line and column, and writes nothing', async () => {
    const g = await costFixture(app);
    await mutate(app, g.hostFinance, 'defineLedgerMapping', { serviceId: g.serviceGid, profile: 'VISMA_ENTERPRISE' }, MAPPING);
    const bad = vismaFile(g, [
      `2001;31.01.2026;10100;2440;${g.shared.funksjon};;ok;100,00;`,
      `2002;31.01.2026;10100;2440;${g.shared.funksjon};;bokstaver;12a4,50;`,
      `2003;31.02.2026;10100;2440;${g.shared.funksjon};;dato;100,00;`,
    ]);
    const res = await importErp(g.hostFinance, bad);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ applied: false, inserted: 0 });
    expect(res.body.problems).toEqual([
      expect.objectContaining({ line: 3, field: 'Beløp', message: '"12a4,50" is not an amount in kroner with the decimal separator "," (e.g. 1 234,50 or -1 234,50; at most two decimals).' }),
      expect.objectContaining({ line: 4, field: 'Bilagsdato', message: '"31.02.2026" is not a date DD.MM.YYYY (e.g. 31.01.2026).' }),
    ]);
    expect(await entries(g)).toBe(0);
  });

  it('names the file’s own line past empty lines and a text with a line break (CR LF) in quotes, and a line with another number of fields', async () => {
    const g = await costFixture(app);
    await mutate(app, g.hostFinance, 'defineLedgerMapping', { serviceId: g.serviceGid, profile: 'VISMA_ENTERPRISE' }, MAPPING);
    const bad = vismaFile(g, [
      '',
      `2101;31.01.2026;10100;2440;${g.shared.funksjon};;"Lønn,\r\nandre linje";100,00;`,
      '   ',
      `2102;31.01.2026;10100;2440;${g.shared.funksjon};;bokstaver;12a4,50;`,
      `2103;31.01.2026;10100;2440;${g.shared.funksjon};;for få felt;100,00`,
    ]);
    // Lines: 1 header, 2 empty, 3–4 voucher 2101, 5 blank, 6 voucher 2102, 7 voucher 2103.
    const res = await importErp(g.hostFinance, bad);
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ line: 6, field: 'Beløp', message: '"12a4,50" is not an amount in kroner with the decimal separator "," (e.g. 1 234,50 or -1 234,50; at most two decimals).' }),
      expect.objectContaining({ line: 7, field: null, message: 'Line 7 has 8 fields; the header (line 1) has 9 (delimiter ";").' }),
    ]);
    expect(await entries(g)).toBe(0);
  });

  it('refuses a mapping that names a column the file does not have, naming it, and writes nothing', async () => {
    const g = await costFixture(app);
    await mutate(app, g.hostFinance, 'defineLedgerMapping', { serviceId: g.serviceGid, profile: 'VISMA_ENTERPRISE', prosjektColumn: 'Prosjektnr' }, MAPPING);
    const res = await importErp(g.hostFinance, vismaFile(g, [`3001;31.01.2026;10100;2440;${g.shared.funksjon};;x;100,00;`]));
    expect(res.body.problems).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'Prosjektnr',
        message:
          'The mapping\'s prosjekt column "Prosjektnr" is not in the file\'s header (line 1: "Bilagsnr", "Bilagsdato", "Art", "Ansvar", "Funksjon", "Prosjekt", "Tekst", "Beløp", "Kommune"); fix the mapping (defineLedgerMapping) or the export.',
      }),
    ]);
    expect(await entries(g)).toBe(0);
  });

  it('says so when the service has no mapping yet', async () => {
    const g = await costFixture(app);
    const res = await importErp(g.hostFinance, vismaFile(g, [`4001;31.01.2026;10100;2440;${g.shared.funksjon};;x;100,00;`]));
    expect(res.body.problems).toEqual([
      expect.objectContaining({ line: null, field: null, message: 'Your service has no ledger mapping yet: define one with defineLedgerMapping (docs/costs.md, "ERP ledger exports").' }),
    ]);
  });
});

describe('ledger-erp with the Unit4/Agresso profile (ISO-8859-1, trailing minus "1 234,50-", sequence column)', () => {
  it('reads trailing-minus credits and the voucher line column', async () => {
    const f = await costFixture(app);
    await mutate(app, f.hostFinance, 'defineLedgerMapping', { serviceId: f.serviceGid, profile: 'UNIT4_AGRESSO' }, MAPPING);
    const file = iconv.encode(
      [
        'Bilagsnr;Sekvensnr;Bilagsdato;Konto;Ansvar;Tjeneste;Prosjekt;Beskrivelse;Beløp',
        `U-9;1;31.01.2026;11500;2440;${f.shared.funksjon};;Kjøp av tjenester, Ålesund;1 234,50`,
        `U-9;2;31.01.2026;11500;2440;${f.shared.funksjon};;Kreditnota, Bærum;1 234,50-`,
        `U-9;3;31.01.2026;11500;2440;${f.shared.funksjon};;Kreditnota;-99,90`,
      ].join('\n'),
      'iso-8859-1',
    );
    const res = await importErp(f.hostFinance, file);
    expect(res.body).toMatchObject({ applied: true, inserted: 3, problems: [] });
    expect((await stored(f)).map((r: any) => [r.line, r.art, r.ore])).toEqual([
      [1, '115', '123450'],
      [2, '115', '-123450'],
      [3, '115', '-9990'],
    ]);
  });

  it('refuses a voucher line that repeats one of an earlier batch of the same file (the runner keeps no identity per line), and writes nothing', async () => {
    const f = await costFixture(app);
    await mutate(app, f.hostFinance, 'defineLedgerMapping', { serviceId: f.serviceGid, profile: 'UNIT4_AGRESSO' }, MAPPING);
    const rows = Array.from({ length: 2100 }, (_, i) => `B-${i};1;31.01.2026;10100;2440;${f.shared.funksjon};;linje;1,00`);
    // Line 2102 (the 2101st record, in a later batch than the first) repeats line 2 (B-0/1, in the first batch).
    rows.push(`B-0;1;31.01.2026;10100;2440;${f.shared.funksjon};;linje;1,00`);
    const file = iconv.encode(['Bilagsnr;Sekvensnr;Bilagsdato;Konto;Ansvar;Tjeneste;Prosjekt;Beskrivelse;Beløp', ...rows].join('\n'), 'iso-8859-1');
    const res = await importErp(f.hostFinance, file);
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.objectContaining({ line: 2102, field: null, message: 'Duplicate of an earlier line of this file (B-0/1).' })]);
    expect(await entries(f)).toBe(0);
  });
});

describe('defineLedgerMapping', () => {
  it('needs the required settings with CUSTOM, debit and credit columns with DEBIT_CREDIT_COLUMNS, and distinct columns', async () => {
    const f = await costFixture(app);
    const errors = await refused(app, f.hostFinance, 'defineLedgerMapping', {
      serviceId: f.serviceGid,
      encoding: 'UTF_8',
      delimiter: ',',
      decimalSeparator: '.',
      dateFormat: 'YYYY_MM_DD',
      signConvention: 'DEBIT_CREDIT_COLUMNS',
      dateColumn: 'date',
      artColumn: 'art',
      funksjonColumn: 'art',
      voucherColumn: 'voucher',
      debitColumn: 'debit',
    });
    expect(errors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.creditColumn', 'INVALID'],
      ['input.funksjonColumn', 'INVALID'],
    ]);
  });

  it('reads a CUSTOM UTF-8 mapping with debit and credit columns through the import', async () => {
    const f = await costFixture(app);
    await mutate(
      app,
      f.hostFinance,
      'defineLedgerMapping',
      {
        serviceId: f.serviceGid,
        encoding: 'UTF_8',
        delimiter: ',',
        decimalSeparator: '.',
        dateFormat: 'YYYY_MM_DD',
        signConvention: 'DEBIT_CREDIT_COLUMNS',
        dateColumn: 'date',
        artColumn: 'art',
        funksjonColumn: 'function',
        voucherColumn: 'voucher',
        debitColumn: 'debit',
        creditColumn: 'credit',
      },
      MAPPING,
    );
    const res = await importErp(
      f.hostFinance,
      Buffer.from(`voucher,date,art,function,debit,credit\nD-1,2026-01-31,370,${f.shared.funksjon},"1,000.00",\nD-2,2026-01-31,370,${f.shared.funksjon},,250.5\n`),
    );
    expect(res.body).toMatchObject({ applied: true, inserted: 2, problems: [] });
    expect((await stored(f)).map((r: any) => r.ore)).toEqual(['100000', '-25050']);
  });

  it('is for HOST_FINANCE of the service; the leader reads it, another service’s host finance may not', async () => {
    const f = await costFixture(app);
    const g = await costFixture(app);
    await mutate(app, f.hostFinance, 'defineLedgerMapping', { serviceId: f.serviceGid, profile: 'UNIT4_AGRESSO' }, MAPPING);
    const read = ok(await app.gql(`query($s: ID!) { ledgerMapping(serviceId: $s) { profile voucherLineColumn } }`, { s: f.serviceGid }, f.leader));
    expect(read.ledgerMapping).toEqual({ profile: 'UNIT4_AGRESSO', voucherLineColumn: 'Sekvensnr' });
    const other = await app.gql(
      `mutation($i: DefineLedgerMappingInput!) { defineLedgerMapping(input: $i) { userErrors { code } } }`,
      { i: { serviceId: f.serviceGid, profile: 'UNIT4_AGRESSO' } },
      g.hostFinance,
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const leader = await app.gql(
      `mutation($i: DefineLedgerMappingInput!) { defineLedgerMapping(input: $i) { userErrors { code } } }`,
      { i: { serviceId: f.serviceGid, profile: 'UNIT4_AGRESSO' } },
      f.leader,
    );
    expect(leader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3429' });
    expect((await app.gql(`query($s: ID!) { ledgerMapping(serviceId: $s) { profile } }`, { s: f.serviceGid }, finance)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('npm run import -- ledger-erp / kostra-regnskap (the same code path from the command line)', () => {
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const code = await importCli(
      args,
      { DATABASE_URL: app.ownerUrl, APP_DB_PASSWORD: TEST_ENV.appPassword, LOG_LEVEL: 'silent', LANG: 'en_GB.UTF-8' },
      { log: (l) => lines.push(l), error: (l) => lines.push(`! ${l}`) },
    );
    return { code, out: lines.join('\n') };
  };
  const file = (name: string, content: Buffer | string) => {
    const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'erp-')), name);
    fs.writeFileSync(p, content);
    return p;
  };

  it('reads a .csv ERP export with the service’s mapping, and a .dat KOSTRA file, chosen by the file ending', async () => {
    const f = await costFixture(app);
    await mutate(app, f.hostFinance, 'defineLedgerMapping', { serviceId: f.serviceGid, profile: 'VISMA_ENTERPRISE' }, MAPPING);
    const erp = file('hovedbok.csv', vismaFile(f, [`CLI-1;31.01.2026;10100;2440;${f.shared.funksjon};;Lønn;1 234,50;`]));
    const dry = await run(['ledger-erp', erp, '--dry-run', '--role', 'HOST_FINANCE', '--service', f.code]);
    expect(dry).toEqual({ code: 0, out: expect.stringContaining('ledger-erp: 1 records; dry run, would be: 1 new') });
    expect((await run(['ledger-erp', erp, '--role', 'HOST_FINANCE', '--service', f.code])).code).toBe(0);
    expect(await entries(f)).toBe(1);
    const kostra = file('folldal.dat', `${kostraLine({ region: '342900', year: 2020 })}\n`);
    const k = await run(['kostra-regnskap', kostra, '--dry-run', '--role', 'MUNICIPAL_FINANCE', '--municipality', '3429']);
    expect(k).toEqual({ code: 0, out: expect.stringContaining('3429 Folldal, 0A 2020 annual accounts: 1 lines') });
    const bad = await run(['kostra-regnskap', file('bad.dat', `${kostraLine({ region: '342900' }).slice(0, 47)}\n`), '--role', 'MUNICIPAL_FINANCE', '--municipality', '3429']);
    expect(bad).toEqual({ code: 1, out: expect.stringContaining('Line 1 has 47 characters') });
  });
});
