import { signToken } from '../../src/auth/jwt';
import { regionId } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { costFixture, CostFixture, mutate, publishMonth } from './fixtures';

/**
 * Issue 19, several roles at once, in costs: the host's finance officer of service A who is also
 * the finance officer of Folldal (an owner of every service). One token, no Samvirke-Role header:
 * A's drafts and budgets as HOST_FINANCE, another service's published reports as Folldal's
 * MUNICIPAL_FINANCE — and never one role's scope lent to the other (B's budgets, writing to B).
 */
let app: TestApp;
let a: CostFixture;
let b: CostFixture;
let token: string;
let aDraft: string;
let bPublished: string;
let bDraft: string;

const uuid = (gid: string) => Buffer.from(gid, 'base64').toString('utf8').split(':')[1];

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}
const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const reportIds = async (serviceId: string, headers: Record<string, string> = {}) =>
  ((await post(`query($s: ID) { costReports(serviceId: $s, first: 50) { nodes { id status } } }`, { s: serviceId }, headers)).data?.costReports.nodes ?? []).map((n: { id: string }) => n.id).sort();

beforeAll(async () => {
  app = await startTestApp();
  a = await costFixture(app);
  b = await costFixture(app);
  await publishMonth(app, a, '2024-01');
  bPublished = await publishMonth(app, b, '2024-01');
  aDraft = (await mutate(app, a.hostFinance, 'prepareCostReport', { serviceId: a.serviceGid, period: '2024-02' }, 'report { id }')).report.id;
  bDraft = (await mutate(app, b.hostFinance, 'prepareCostReport', { serviceId: b.serviceGid, period: '2024-02' }, 'report { id }')).report.id;
  const region = await regionId(app, 'nord-osterdal');
  const subject = 'host-and-folldal-finance';
  const person = (await app.owner.query(`INSERT INTO person (region_id, issuer, subject, display_name) VALUES ($1, 'samvirke-dev', $2, 'Økonomi vert og Folldal') RETURNING id`, [region, subject]))
    .rows[0].id;
  const grant = (role: string, column: string, scope: string) =>
    app.owner.query(`INSERT INTO role_assignment (region_id, person_id, role, ${column}, granted_by) VALUES ($1, $2, $3, $4, 'test')`, [region, person, role, scope]);
  await grant('HOST_FINANCE', 'service_id', uuid(a.serviceGid));
  await grant('MUNICIPAL_FINANCE', 'municipality_id', a.municipalities['3429']);
  token = await signToken(app.config, { sub: subject });
});
afterAll(() => app.close());

describe('host finance of one service who is also an owner municipality’s finance', () => {
  it('acts with both roles in one request', async () => {
    expect((await post(`{ viewer { roles } }`)).data.viewer.roles).toEqual(['HOST_FINANCE', 'MUNICIPAL_FINANCE']);
  });

  it('reads the union: its service’s drafts, and as an owner the published versions of another service, not its drafts', async () => {
    expect(await reportIds(a.serviceGid)).toContain(aDraft);
    const ofB = await reportIds(b.serviceGid);
    expect(ofB).toContain(bPublished);
    expect(ofB).not.toContain(bDraft);
    // node(id:) obeys the same rule as the list.
    const node = async (id: string) => (await post(`query($id: ID!) { node(id: $id) { id } }`, { id })).data?.node;
    expect([await node(aDraft), await node(bPublished), await node(bDraft)]).toEqual([{ id: aDraft }, { id: bPublished }, null]);
  });

  it('reads and sets budgets of its own service only: the municipal role lends no service scope', async () => {
    const budgets = async (s: string, headers: Record<string, string> = {}) => post(`query($s: ID) { costBudgets(year: 2024, serviceId: $s) { amountOre } }`, { s }, headers);
    expect((await budgets(a.serviceGid)).data.costBudgets.length).toBeGreaterThan(0);
    expect(codeOf(await budgets(b.serviceGid))).toBe('FORBIDDEN');
    const set = (s: string, c: string) =>
      post(`mutation($i: SetCostBudgetInput!) { setCostBudget(input: $i) { budget { amountOre } userErrors { code } } }`, { i: { serviceId: s, categoryId: c, year: 2024, amountOre: '100' } });
    expect(codeOf(await set(b.serviceGid, b.shared.gid))).toBe('FORBIDDEN');
    const before = (await app.owner.query(`SELECT amount_ore::text FROM cost_budget WHERE service_id = $1 ORDER BY category_id`, [uuid(b.serviceGid)])).rows;
    expect((await set(a.serviceGid, a.shared.gid)).data.setCostBudget).toEqual({ budget: { amountOre: 100 }, userErrors: [] });
    expect((await app.owner.query(`SELECT amount_ore::text FROM cost_budget WHERE service_id = $1 ORDER BY category_id`, [uuid(b.serviceGid)])).rows).toEqual(before);
  });

  it('narrowed to one role by Samvirke-Role, it has that role’s rights only', async () => {
    const asMunicipal = { 'Samvirke-Role': 'MUNICIPAL_FINANCE' };
    expect((await post(`{ viewer { roles } }`, {}, asMunicipal)).data.viewer.roles).toEqual(['MUNICIPAL_FINANCE']);
    expect(await reportIds(a.serviceGid, asMunicipal)).not.toContain(aDraft);
    expect(codeOf(await post(`query($s: ID) { costBudgets(year: 2024, serviceId: $s) { amountOre } }`, { s: a.serviceGid }, asMunicipal))).toBe('FORBIDDEN');
  });

  it('audits what it does under the role that allowed it', async () => {
    const [row] = (await app.owner.query(`SELECT actor, actor_role FROM audit_record WHERE operation = 'setCostBudget' ORDER BY at DESC LIMIT 1`)).rows;
    expect(row).toEqual({ actor: 'host-and-folldal-finance', actor_role: 'HOST_FINANCE' });
  });
});
