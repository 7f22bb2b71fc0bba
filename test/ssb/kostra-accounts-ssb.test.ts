import { Readable } from 'node:stream';
import { Role } from '../../src/auth/roles';
import { kostraAccountsImport } from '../../src/services/costs/kostra-accounts-import';
import { readImport } from '../../src/services/imports/run';
import { baseUrl, regionId, scalar } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { ssbFile } from './ssb-files';

/**
 * `kostra-regnskap` on SSB's own accounting test file `0A_V2019_K4_R040200_OK.dat`
 * (statisticsnorway/kostra-kontrollprogram, kontroller/src/test/resources/testfiler/0A; test/ssb/README.md):
 * read without a problem, and imported through the real HTTP server. `npm run test:ssb` only: the file
 * is SSB's and not in this repository (`npm test` checks the same on our own file, test/costs/kostra-accounts*.test.ts).
 */
const NAME = '0A_V2019_K4_R040200_OK.dat';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  // SSB's test file is Kongsvinger's (0402 in 2019, 3401 today): a municipality of the test region here.
  await app.owner.query(`INSERT INTO municipality (region_id, number, name) VALUES ($1, '3401', 'Kongsvinger')`, [await regionId(app, 'nord-osterdal')]);
});
afterAll(() => app?.close());

async function importKostra(token: string, body: Buffer | string, dryRun = false): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl(app)}/imports/kostra-regnskap${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
    body,
  });
  return { status: res.status, body: await res.json() };
}

describe('kostra-regnskap: SSB’s test file', () => {
  it('reads SSB’s own test file (0A 2019, Kongsvinger) without a problem: every line 48 characters, every code known', async () => {
    const { rows, records, problems } = await readImport(kostraAccountsImport, Readable.from([ssbFile(NAME, '0A')]), { format: 'kostra', dryRun: true });
    expect(problems.report()).toEqual([]);
    expect(records).toBe(1644);
    expect(rows[0].row).toEqual({ line: 1, skjema: '0A', year: 2019, quarter: 4, region: '040200', kontoklasse: '1', funksjon: '120', art: '010', amount: 36328 });
    expect(rows.filter((r) => ['244', '251', '252'].includes(r.row.funksjon)).length).toBeGreaterThan(20);
  });

  it('imports the 0A 2019 file of Kongsvinger (0402 → 3401); the same file again changes nothing; a corrected one supersedes it', async () => {
    const file = ssbFile(NAME, '0A');
    const finance = await app.token(Role.MUNICIPAL_FINANCE, { municipality: '3401' });
    const dry = await importKostra(finance, file, true);
    expect(dry.body).toMatchObject({ kind: 'kostra-regnskap', dryRun: true, applied: false, records: 1644, inserted: 1644, problems: [] });

    const done = await importKostra(finance, file);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ applied: true, inserted: 1644 });
    expect(done.body.changes[0]).toMatch(/^3401 Kongsvinger, 0A 2019 quarter 4: 1644 lines \(\d+ on barnevern, funksjon 244\/251\/252\), amounts in 1000 kr\.$/);
    // Amounts are stored in 1000 kr as in the file: line 1 says 36328.
    expect(await scalar<string>(app, `SELECT amount_1000_kr::text FROM kostra_accounts_line WHERE line = 1 AND municipality_id = (SELECT id FROM municipality WHERE number = '3401')`)).toBe('36328');

    const again = await importKostra(finance, file);
    expect(again.body).toMatchObject({ applied: false, inserted: 0, unchanged: 1644, problems: [] });

    const corrected = file.toString('latin1').replace(/^(.{39}) {4}36328/, '$1    36329');
    const replaced = await importKostra(finance, corrected);
    expect(replaced.body).toMatchObject({ applied: true, inserted: 1644 });
    expect(replaced.body.changes[1]).toMatch(/^Supersedes the file imported on \d{4}-\d{2}-\d{2}, which is kept as history\.$/);
  });
});
