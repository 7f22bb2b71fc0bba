import { Role } from '../../src/auth/roles';
import { baseUrl } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * Personal data in an imported file is used to count and never stored or echoed: a national identity
 * number in any text column of any import kind is refused (PERSONAL_DATA message, nothing written),
 * and no problem message of the answer repeats one, whether an importer would have quoted the bad
 * cell, csv-parse its field, or the header an unknown column name.
 */

// A valid fødselsnummer (test number from the guard's own tests), spelled as pasted from Word.
const FNR = '15076500565';
const SPELLINGS = [FNR, '150765 00565', '150765-00565', '15.07.65 00565'];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const KINDS = [
  { kind: 'population', token: () => app.token(Role.REGION_ADMIN), header: 'kommunenummer,year,aged_0_17', row: (v: string) => `${v},2026,10`, textColumn: 'kommunenummer' },
  {
    kind: 'ledger',
    token: () => app.token(Role.HOST_FINANCE, { service: 'barnevern' }),
    header: 'voucher,voucher_line,posting_date,account,art,funksjon,amount_ore,kommunenummer',
    row: (v: string) => `${v},1,2024-01-15,1000,100,244,1250,3429`,
    textColumn: 'voucher',
  },
  {
    kind: 'statistics',
    token: () => app.token(Role.SERVICE_LEADER, { service: 'barnevern' }),
    header: 'kommunenummer,period,metric,value',
    row: (v: string) => `3429,2024-01,${v},3`,
    textColumn: 'metric',
  },
];

const written = async () =>
  (
    await app.owner.query(`SELECT (SELECT count(*) FROM municipality_population)::int AS population, (SELECT count(*) FROM ledger_entry)::int AS ledger,
      (SELECT count(*) FROM statistics_observation)::int AS observations, (SELECT count(*) FROM audit_record WHERE operation LIKE 'import:%')::int AS audited`)
  ).rows[0];

async function upload(kind: string, token: string, body: string, type = 'text/csv') {
  const res = await fetch(`${baseUrl(app)}/imports/${kind}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  return { status: res.status, text: await res.text() };
}

const echoes = (text: string) => /15\D{0,3}07\D{0,3}65\D{0,3}00565/.test(text);

describe.each(KINDS.map((k) => [k.kind, k] as const))('POST /imports/%s', (_name, k) => {
  it.each(SPELLINGS)('refuses a national identity number (%s) in a text column, names the field, repeats nothing, writes nothing', async (spelling) => {
    const before = await written();
    const answer = await upload(k.kind, await k.token(), `${k.header}\n${k.row(spelling.includes(' ') ? `"${spelling}"` : spelling)}\n`);
    expect(answer.status).toBe(422);
    const body = JSON.parse(answer.text);
    expect(body.problems).toEqual([expect.objectContaining({ line: 2, field: k.textColumn, message: expect.stringContaining('national identity number') })]);
    expect(echoes(answer.text)).toBe(false);
    expect(await written()).toEqual(before);
  });

  it('repeats no national identity number from a header or a CSV syntax error', async () => {
    const token = await k.token();
    const header = await upload(k.kind, token, `${k.header},${FNR}\n${k.row('x')},1\n`);
    expect(header.status).toBe(422);
    expect(echoes(header.text)).toBe(false);
    const quote = await upload(k.kind, token, `${k.header}\n${k.row(`${FNR}"x`)}\n`);
    expect(quote.status).toBe(422);
    expect(echoes(quote.text)).toBe(false);
    expect(JSON.parse(quote.text).problems[0]).toEqual(expect.objectContaining({ line: 2 }));
  });
});

it('keeps an 11-digit amount in øre an amount (numeric columns are numbers, not text)', async () => {
  const token = await app.token(Role.HOST_FINANCE, { service: 'barnevern' });
  const answer = await upload('ledger', token, `voucher,voucher_line,posting_date,account,art,funksjon,amount_ore,kommunenummer\nBIG-1,1,2024-01-15,1000,100,244,${FNR},3429\n`);
  const body = JSON.parse(answer.text);
  expect(body.problems.map((p: { message: string }) => p.message).join(' ')).not.toContain('national identity number');
});
