import { Role } from '../../src/auth/roles';
import { costFixture, CostFixture, mutate as costMutate } from '../costs/fixtures';
import { actors, createKind, createUnit, mutate as foraMutate } from '../fora/fixtures';
import { SCOPES } from '../helpers/permission-matrix';
import { ok, TestApp } from '../helpers/test-app';

/**
 * What the read-rule tests (node × role, audit trail × role) need beyond the demo seed, made
 * through the API: consents in a unit forum (the TST tokens' Folldal skole), a municipal forum of
 * Folldal and a regional forum; a cost service of its own with a published month, a correction
 * draft with a reason and a note, an alert rule and budgets; a unit of Folldal.
 */
export interface Scenario {
  cost: CostFixture;
  /** Global IDs of the consents, by the forum's placement. */
  consents: { unit: string; municipal: string; regional: string };
  /** Global ID of the correction draft (2024-01, version 2) and the published version 1. */
  draft: string;
  published: string;
  draftReason: string;
  draftNote: string;
  budgetOre: string;
  ruleName: string;
  unit: string;
}

export interface Principal {
  label: string;
  role: Role;
  token: string | undefined;
}

const consent = (forumId: string) => ({ forumId, subject: 'Sak A', givenBy: 'Foresatte', givenOn: '2024-09-02', scope: 'Drøfting av saken i teamet' });

export async function buildScenario(app: TestApp): Promise<Scenario> {
  const a = await actors(app);
  // Consents: the demo TST of Folldal skole (its TST_LEADER), a municipal forum of Folldal (its director), a regional forum (REGION_ADMIN).
  const {
    rows: [tst],
  } = await app.owner.query(`SELECT f.id FROM forum f JOIN unit u ON u.id = f.unit_id WHERE u.code = 'folldal-skole'`);
  const tstGid = Buffer.from(`Forum:${tst.id}`).toString('base64url');
  const unitConsent = (await foraMutate(app, await a.leader('folldal-skole'), 'recordCaseConsent', consent(tstGid), 'consent { id }')).consent.id;
  const municipalKind = await createKind(app, a.admin, { placement: 'MUNICIPALITY' });
  const { forum: municipal } = await foraMutate(
    app,
    a.admin,
    'createForum',
    { kindId: municipalKind.id, name: 'Drøftingsteam Folldal (test)', municipalityNumber: '3429', establishedOn: '2024-08-01' },
    'forum { id }',
  );
  const municipalConsent = (await foraMutate(app, await a.director('3429'), 'recordCaseConsent', consent(municipal.id), 'consent { id }')).consent.id;
  const regionalKind = await createKind(app, a.admin, { placement: 'REGION' });
  const { forum: regional } = await foraMutate(app, a.admin, 'createForum', { kindId: regionalKind.id, name: 'Regionalt nettverk (test)', establishedOn: '2024-08-01' }, 'forum { id }');
  const regionalConsent = (await foraMutate(app, a.admin, 'recordCaseConsent', consent(regional.id), 'consent { id }')).consent.id;

  // Costs: a month published, then a budget change and a correction draft with its reason and note.
  const cost = await costFixture(app);
  const prepared = await costMutate(app, cost.hostFinance, 'prepareCostReport', { serviceId: cost.serviceGid, period: '2024-01' }, 'report { id }');
  await costMutate(app, cost.hostFinance, 'publishCostReport', { reportId: prepared.report.id }, 'report { id }', 'CostReportIdInput');
  const budgetOre = '987654300';
  await costMutate(
    app,
    cost.hostFinance,
    'setCostBudget',
    { serviceId: cost.serviceGid, categoryId: cost.shared.gid, year: 2024, amountOre: budgetOre, note: 'Budsjettnotat (test)' },
    'budget { id }',
  );
  const draftReason = 'Korrigert budsjett etter vedtak (test)';
  const draftNote = 'Utkastnotat (test)';
  const draft = await costMutate(app, cost.hostFinance, 'prepareCostReport', { serviceId: cost.serviceGid, period: '2024-01', correctionReason: draftReason, note: draftNote }, 'report { id }');
  const ruleName = 'Varselregel (test)';
  await costMutate(app, cost.hostFinance, 'createCostAlertRule', { serviceId: cost.serviceGid, name: ruleName, basis: 'BUDGET', thresholdPercent: 5 }, 'rule { id }');

  const unit = await createUnit(app, a.admin, '3429');
  return {
    cost,
    consents: { unit: unitConsent, municipal: municipalConsent, regional: regionalConsent },
    draft: draft.report.id,
    published: prepared.report.id,
    draftReason,
    draftNote,
    budgetOre,
    ruleName,
    unit: unit.id,
  };
}

/**
 * Every role of src/auth/roles.ts with the matrix tests' scopes, and more scopes where a role's
 * reach depends on it: the cost service's own host finance and leader, another municipality's
 * director and auditor (Tynset, with municipal fora), another unit's TST, another region's admin.
 */
export async function principals(app: TestApp, s: Scenario): Promise<Principal[]> {
  const out: Principal[] = [];
  for (const role of Object.values(Role)) out.push({ label: `${role} ${JSON.stringify(SCOPES[role] ?? {})}`, role, token: SCOPES[role] ? await app.token(role, SCOPES[role]!) : undefined });
  const extra: [Role, Record<string, string>][] = [
    [Role.HOST_FINANCE, { service: s.cost.code }],
    [Role.SERVICE_LEADER, { service: s.cost.code }],
    [Role.MUNICIPAL_DIRECTOR, { municipality: '3427' }],
    [Role.AUDITOR, { municipality: '3427' }],
    [Role.TST_LEADER, { unit: 'tynset-barneskole' }],
    [Role.REGION_ADMIN, { region: 'valdres' }],
  ];
  for (const [role, scope] of extra) out.push({ label: `${role} ${JSON.stringify(scope)}`, role, token: await app.token(role, scope) });
  for (const p of out) if (p.token) ok(await app.gql('{ viewer { role } }', {}, p.token));
  return out;
}
