import { Role } from '../../src/auth/roles';
import { features } from '../../src/features';
import { fromGlobalId } from '../../src/global-id';
import { ReadRule, readsWholeRegion } from '../../src/services/access';
import { asApiRole, regionId } from '../helpers/fixtures';
import { ok, startTestApp, TestApp } from '../helpers/test-app';
import { buildScenario, Scenario } from './fixtures';

/**
 * The audit trail obeys the read rules of what it records (docs/permissions.md, "Audit trail"): a
 * record of entity type X is listed to a role exactly when the role may read that X, and of a
 * record only the snapshots (before, after) the role may read are shown.
 */

interface Rec {
  entity: string;
  entityId: string;
  operation: string;
  before: any;
  after: any;
}

let app: TestApp;
let s: Scenario;
let admin: string;
let auditor: string;
let region: string;
let folldal: string;

/** Every record the token sees (all pages), or of one entity type. */
async function trail(token: string, entity?: string): Promise<Rec[]> {
  const out: Rec[] = [];
  let after: string | null = null;
  for (;;) {
    const data: any = ok(
      await app.gql(
        `query($after: String, $entity: String) { auditRecords(first: 100, after: $after, entity: $entity) {
      nodes { entity entityId operation before after } pageInfo { hasNextPage endCursor } totalCount } }`,
        { after, entity: entity ?? null },
        token,
      ),
    );
    out.push(...data.auditRecords.nodes);
    if (!data.auditRecords.pageInfo.hasNextPage) {
      expect(data.auditRecords.totalCount).toBe(out.length);
      return out;
    }
    after = data.auditRecords.pageInfo.endCursor;
  }
}
const uuidOf = (r: Rec) => fromGlobalId(r.entityId)!.id;
const types = (records: Rec[]) => new Set(records.map((r) => r.entity));

beforeAll(async () => {
  app = await startTestApp();
  s = await buildScenario(app);
  admin = await app.token(Role.REGION_ADMIN);
  auditor = await app.token(Role.AUDITOR, { municipality: '3429' });
  region = await regionId(app, 'nord-osterdal');
  folldal = (await app.owner.query(`SELECT id FROM municipality WHERE number = '3429'`)).rows[0].id;
}, 120_000);
afterAll(() => app.close());

describe('REGION_ADMIN', () => {
  it('sees no budgets, ledger, alert rules, reports, alerts or webhooks (the matrix forbids them), nor their amounts, notes and reasons', async () => {
    const records = await trail(admin);
    for (const hidden of ['CostBudget', 'CostAlertRule', 'CostReport', 'CostAlert', 'CostWebhook']) expect(types(records)).not.toContain(hidden);
    const text = JSON.stringify(records);
    for (const secret of [s.budgetOre, 'Budsjettnotat (test)', s.ruleName, s.draftReason, s.draftNote]) expect(text).not.toContain(secret);
  });

  it('sees consents of the fora it runs (regional) only, as Forum.consents shows them', async () => {
    const consents = (await trail(admin, 'ForumCaseConsent')).map((r) => r.entityId);
    expect(consents).toContain(s.consents.regional);
    expect(consents).not.toContain(s.consents.unit);
    expect(consents).not.toContain(s.consents.municipal);
  });

  it('still sees what it may read: units, fora and kinds, cost categories and agreements', async () => {
    const records = await trail(admin);
    for (const shown of ['Unit', 'Forum', 'ForumKind', 'ForumCaseConsent', 'CostCategory', 'CostAgreement']) expect(types(records)).toContain(shown);
    expect(records.some((r) => r.entity === 'Unit' && r.entityId === s.unit && r.after)).toBe(true);
    // The fixture's agreement record, with its correction reason: agreements are the region's to read.
    expect(records.some((r) => r.entity === 'CostAgreement' && r.after?.correction?.reason === 'Testavtale (fixture)')).toBe(true);
  });
});

describe("an owner municipality's AUDITOR", () => {
  it('sees no draft: not the records of preparing or discarding one, and not the draft a publication replaced', async () => {
    const reports = await trail(auditor, 'CostReport');
    expect(reports.map((r) => r.operation)).not.toContain('prepareCostReport');
    const text = JSON.stringify(reports);
    expect(text).not.toContain(s.draftReason);
    expect(text).not.toContain(s.draftNote);
    for (const r of reports) {
      expect(r.after?.status ?? 'PUBLISHED').toBe('PUBLISHED');
      expect(r.before?.status ?? 'PUBLISHED').toBe('PUBLISHED');
    }
  });

  it('still sees the publication of a report of a service Folldal owns (the published version, not the draft before it)', async () => {
    const published = (await trail(auditor, 'CostReport')).find((r) => r.entityId === s.published && r.operation === 'publishCostReport');
    expect(published).toBeDefined();
    expect(published!.after.status).toBe('PUBLISHED');
    expect(published!.before).toBeNull();
    // The alerts it raised are of every owner; Folldal's auditor reads Folldal's (costAlerts), not the list.
    expect(Object.keys(published!.after)).not.toContain('alerts');
    const { rows } = await app.owner.query(`SELECT after ? 'alerts' AS listed FROM audit_record WHERE operation = 'publishCostReport' AND entity_id = $1`, [fromGlobalId(s.published)!.id]);
    expect(rows[0].listed).toBe(true);
  });

  it('sees nothing of fora (FORBIDDEN to them), not even records of its own municipality', async () => {
    const records = await trail(auditor);
    expect([...types(records)].filter((t) => t.startsWith('Forum'))).toEqual([]);
    // The consent in Folldal's municipal forum is recorded with Folldal's municipality_id.
    const { rows } = await app.owner.query(`SELECT count(*)::int AS n FROM audit_record WHERE entity = 'ForumCaseConsent' AND municipality_id = $1`, [folldal]);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it("still sees its municipality's units, budgets never", async () => {
    const records = await trail(auditor);
    expect(records.some((r) => r.entity === 'Unit' && r.entityId === s.unit)).toBe(true);
    expect(types(records)).not.toContain('CostBudget');
    expect(types(records)).not.toContain('CostAlertRule');
  });
});

describe('RLS alone (the API role with hand-set context, no service layer)', () => {
  const records = (settings: Record<string, string>) => asApiRole(app, settings, (q) => q(`SELECT entity, entity_id, operation, before, after FROM audit_record`));

  it('REGION_ADMIN: no cost record the matrix forbids, consents of regional fora only; units and fora still', async () => {
    const rows = await records({ role: Role.REGION_ADMIN, region_id: region });
    const entities = new Set(rows.map((r: any) => r.entity));
    for (const hidden of ['CostBudget', 'CostAlertRule', 'CostReport', 'CostAlert', 'CostWebhook']) expect(entities).not.toContain(hidden);
    const consents = rows.filter((r: any) => r.entity === 'ForumCaseConsent').map((r: any) => r.entity_id);
    expect(consents).toEqual([fromGlobalId(s.consents.regional)!.id]);
    for (const shown of ['Unit', 'Forum', 'ForumKind', 'CostCategory', 'CostAgreement']) expect(entities).toContain(shown);
  });

  it("an owner's AUDITOR: nothing of fora, no draft-only report record; the publication and its municipality's units still", async () => {
    const rows = await records({ role: Role.AUDITOR, region_id: region, municipality_id: folldal });
    expect(rows.filter((r: any) => r.entity.startsWith('Forum'))).toEqual([]);
    expect(rows.filter((r: any) => r.entity === 'CostReport' && r.operation === 'prepareCostReport')).toEqual([]);
    expect(rows.some((r: any) => r.entity === 'CostReport' && r.operation === 'publishCostReport' && r.entity_id === fromGlobalId(s.published)!.id)).toBe(true);
    expect(rows.some((r: any) => r.entity === 'Unit' && r.entity_id === fromGlobalId(s.unit)!.id)).toBe(true);
  });
});

/** Every entity type with a read rule (node types and audited types of every feature). */
const RULES = new Map<string, ReadRule>([
  ...features.flatMap((f) => f.nodeTypes.map((t) => [t.entity.name, t.read] as [string, ReadRule])),
  ...features.flatMap((f) => Object.entries(f.auditedTypes ?? {})),
]);

describe.each([
  ['REGION_ADMIN', Role.REGION_ADMIN, {}],
  ['AUDITOR of Folldal', Role.AUDITOR, { municipality: '3429' }],
  ['AUDITOR of Tynset', Role.AUDITOR, { municipality: '3427' }],
] as const)('every entity type as %s', (_label, role, scope) => {
  it.each([...RULES.keys(), 'NoSuchType'])("%s: records exactly by the type's read rule", async (type) => {
    const token = await app.token(role, scope);
    const municipality = 'municipality' in scope ? (await app.owner.query(`SELECT id FROM municipality WHERE number = $1`, [scope.municipality])).rows[0].id : null;
    // What RLS of audit_record alone shows this caller.
    const { rows } = await app.owner.query(`SELECT id, entity_id FROM audit_record WHERE region_id = $1 AND entity = $2 AND ($3::uuid IS NULL OR municipality_id = $3 OR $3 = ANY (concerns))`, [
      region,
      type,
      municipality,
    ]);
    const seen = await trail(token, type);
    const rule = RULES.get(type);
    if (!rule || !rule.roles.includes(role)) expect(seen).toEqual([]);
    else if (readsWholeRegion(rule, role)) expect(seen.map(uuidOf).sort()).toEqual(rows.map((r: any) => r.entity_id).sort());
    else {
      // A row rule: a subset, each record with at least one snapshot.
      for (const r of seen) {
        expect(rows.map((x: any) => x.entity_id)).toContain(uuidOf(r));
        expect(r.before !== null || r.after !== null).toBe(true);
      }
    }
  });
});
