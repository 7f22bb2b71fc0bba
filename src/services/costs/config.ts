import { todayOf } from '../../context';
import { EntityManager, In } from 'typeorm';
import { Role } from '../../auth/roles';
import { CostAgreement, CostAgreementDirectCategory, CostBudget, CostCategory, CostCategoryAccount, CostReport } from '../../entities/costs';
import { dayBefore, isoDate } from '../dates';
import { findByGlobalId } from '../lookup';
import { defineMutation } from '../mutation';
import { checkUnique } from '../reference/kommunenummer';
import { RuleCheck, userError, UserErrorCode } from '../user-errors';
import { AccountRange, CostAgreementChange, CostBudgetChange, CostCategoryChanges, NewCostCategory } from './args';
import { categoriesByGlobalId, HOST_FINANCE, serviceInScope } from './guard';

/**
 * Configuration of the cost reports: categories mapped to the chart of accounts (per region,
 * REGION_ADMIN), dated allocation keys (REGION_ADMIN or the service's HOST_FINANCE) and budgets
 * (HOST_FINANCE). None of it changes a published report: reports keep the figures they were
 * published with.
 */

const overlaps = (a: AccountRange, b: AccountRange) => a.funksjon === b.funksjon && a.artFrom <= b.artTo && b.artFrom <= a.artTo;

/** Account ranges: art from ≤ art to, no two overlapping in the list (the database checks the region). */
function checkAccounts(rules: RuleCheck, accounts: readonly AccountRange[]): void {
  accounts.forEach((a, i) => {
    if (a.artFrom > a.artTo) rules.add(userError(['input', 'accounts', String(i), 'artTo'], 'costs.artComesBefore', { artTo: a.artTo, artFrom: a.artFrom }));
    const other = accounts.findIndex((b, j) => j < i && overlaps(a, b));
    if (other >= 0) rules.add(userError(['input', 'accounts', String(i)], 'costs.overlapsAccountsFunksjon', { other, funksjon: a.funksjon }));
  });
}

/** Ranges of other categories of the region the new ranges would overlap (the exclusion constraint's words, before it fires). */
async function checkFreeAccounts(tx: EntityManager, rules: RuleCheck, accounts: readonly AccountRange[], categoryId: string | null): Promise<void> {
  if (!accounts.length) return;
  const taken = await tx.getRepository(CostCategoryAccount).findBy({ funksjon: In([...new Set(accounts.map((a) => a.funksjon))]) });
  accounts.forEach((a, i) => {
    const clash = taken.find((t) => t.categoryId !== categoryId && overlaps(a, t));
    if (clash) rules.add(userError(['input', 'accounts', String(i)], 'costs.funksjonArtBelongsAnother', { funksjon: a.funksjon, artFrom: clash.artFrom, artTo: clash.artTo }, UserErrorCode.CONFLICT));
  });
}

async function saveAccounts(tx: EntityManager, category: CostCategory, accounts: readonly AccountRange[]): Promise<void> {
  await tx.getRepository(CostCategoryAccount).delete({ categoryId: category.id });
  if (accounts.length)
    await tx.getRepository(CostCategoryAccount).insert(accounts.map((a) => ({ regionId: category.regionId, categoryId: category.id, funksjon: a.funksjon, artFrom: a.artFrom, artTo: a.artTo })));
}

export const createCostCategory = defineMutation({
  name: 'createCostCategory',
  roles: [Role.REGION_ADMIN],
  action: 'Creating a cost category',
  async run({ tx, ctx, audit }, input: NewCostCategory) {
    const rules = new RuleCheck();
    checkAccounts(rules, input.accounts);
    if (await tx.getRepository(CostCategory).existsBy({ code: input.code })) rules.add(userError('code', 'costs.categoryExistsRegion', { code: input.code }, UserErrorCode.CONFLICT));
    await checkFreeAccounts(tx, rules, input.accounts, null);
    rules.throwIfAny();
    const repo = tx.getRepository(CostCategory);
    const category = repo.create({ regionId: ctx.principal.regionId!, code: input.code, name: input.name.trim(), description: input.description?.trim() || null, position: input.position ?? 0 });
    await repo.save(category);
    await saveAccounts(tx, category, input.accounts);
    await audit({ entity: 'CostCategory', entityId: category.id, after: { ...category, accounts: input.accounts } });
    return { category };
  },
});

export const updateCostCategory = defineMutation({
  name: 'updateCostCategory',
  roles: [Role.REGION_ADMIN],
  action: 'Changing a cost category',
  async run({ tx, audit }, input: CostCategoryChanges) {
    const before = await findByGlobalId(tx, CostCategory, input.id, 'id', 'cost category');
    const rules = new RuleCheck();
    if (input.accounts) {
      checkAccounts(rules, input.accounts);
      await checkFreeAccounts(tx, rules, input.accounts, before.id);
    }
    rules.throwIfAny();
    const category = tx.getRepository(CostCategory).create({ ...before });
    if (input.name) category.name = input.name.trim();
    if (input.description !== undefined) category.description = input.description?.trim() || null;
    if (input.position !== undefined && input.position !== null) category.position = input.position;
    await tx.getRepository(CostCategory).save(category);
    if (input.accounts) await saveAccounts(tx, category, input.accounts);
    await audit({ entity: 'CostCategory', entityId: category.id, before, after: { ...category, ...(input.accounts ? { accounts: input.accounts } : {}) } });
    return { category };
  },
});

/**
 * A new allocation key of a service from the first of a month: the agreement in force ends the day
 * before. History is not rewritten: a key may not start on or before the latest one's first day.
 * A key that starts in the past, or in a month that already has a report, changes what a new
 * report version of those months would show (never a published version): it needs a reason.
 */
export const setCostAgreement = defineMutation({
  name: 'setCostAgreement',
  roles: [Role.REGION_ADMIN, ...HOST_FINANCE],
  action: 'Setting a cost agreement',
  async run({ tx, ctx, audit }, input: CostAgreementChange) {
    const service = await serviceInScope(tx, ctx, input.serviceId);
    const rules = new RuleCheck();
    const validFrom = isoDate(input.validFrom);
    if (!validFrom.endsWith('-01')) rules.add(userError('validFrom', 'costs.keyAppliesFirstDay'));
    if (input.equalShareBp + input.populationShareBp !== 10000) rules.add(userError('populationShareBp', 'costs.sharesMustSumTo100', { sum: input.equalShareBp + input.populationShareBp }));
    checkUnique(rules, input.directCategoryIds, 'directCategoryIds');
    const categories = await categoriesByGlobalId(tx, input.directCategoryIds, rules, 'directCategoryIds');
    const existing = await tx.getRepository(CostAgreement).find({ where: { serviceId: service.id }, order: { validFrom: 'DESC' } });
    const latest = existing[0];
    if (latest && validFrom <= latest.validFrom) rules.add(userError('validFrom', 'costs.afterWhenLatestKey', { validFrom: latest.validFrom }, UserErrorCode.CONFLICT));
    const reported = await tx
      .getRepository(CostReport)
      .createQueryBuilder('r')
      .where('r.service_id = :id AND r.period >= :p', { id: service.id, p: validFrom.slice(0, 7) })
      .getCount();
    const reason = input.correctionReason?.trim() || null;
    if ((validFrom < todayOf(ctx) || reported) && !reason) {
      rules.add(userError('correctionReason', 'costs.pastMonthReportKey', { validFrom }));
    }
    rules.throwIfAny();
    const repo = tx.getRepository(CostAgreement);
    const open = existing.find((a) => a.validTo === null);
    if (open) {
      const closed = repo.create({ ...open, validTo: dayBefore(validFrom) });
      await repo.save(closed);
      await audit({ entity: 'CostAgreement', entityId: open.id, before: open, after: closed });
    }
    const agreement = repo.create({
      regionId: service.regionId,
      serviceId: service.id,
      validFrom,
      validTo: null,
      equalShareBp: input.equalShareBp,
      populationShareBp: input.populationShareBp,
      note: input.note?.trim() || null,
      createdBy: ctx.principal.subject,
    });
    await repo.save(agreement);
    if (categories.length) await tx.getRepository(CostAgreementDirectCategory).insert(categories.map((c) => ({ regionId: service.regionId, agreementId: agreement.id, categoryId: c.id })));
    await audit({ entity: 'CostAgreement', entityId: agreement.id, after: { ...agreement, directCategories: categories.map((c) => c.code), ...(reason ? { correction: { reason } } : {}) } });
    return { agreement };
  },
});

const EVEN = Array<number>(12).fill(1);

/** Sets the budget of a service, year and category (replacing the one there was). */
export const setCostBudget = defineMutation({
  name: 'setCostBudget',
  roles: HOST_FINANCE,
  action: 'Setting a budget',
  async run({ tx, ctx, audit }, input: CostBudgetChange) {
    const service = await serviceInScope(tx, ctx, input.serviceId);
    const category = await findByGlobalId(tx, CostCategory, input.categoryId, 'categoryId', 'cost category');
    const rules = new RuleCheck();
    const profile = input.monthlyProfile ?? EVEN;
    if (profile.length !== 12) rules.add(userError('monthlyProfile', 'costs.giveTwelveWeightsJanuary'));
    else if (profile.some((w) => !Number.isInteger(w) || w < 0 || w > 1_000_000)) rules.add(userError('monthlyProfile', 'costs.weightsWholeNumbers'));
    else if (profile.every((w) => w === 0)) rules.add(userError('monthlyProfile', 'costs.leastMonthNeedsWeight'));
    if (BigInt(input.amountOre) > 1_000_000_000_000_000n || BigInt(input.amountOre) < -1_000_000_000_000_000n) rules.add(userError('amountOre', 'costs.largerThanKr'));
    rules.throwIfAny();
    const repo = tx.getRepository(CostBudget);
    const before = await repo.findOneBy({ serviceId: service.id, year: input.year, categoryId: category.id });
    const budget = repo.create({
      ...(before ?? {}),
      regionId: service.regionId,
      serviceId: service.id,
      categoryId: category.id,
      year: input.year,
      amountOre: input.amountOre,
      monthlyProfile: profile,
      note: input.note?.trim() || null,
      updatedAt: new Date(),
      updatedBy: ctx.principal.subject,
    });
    await repo.save(budget);
    await audit({ entity: 'CostBudget', entityId: budget.id, before, after: budget });
    return { budget };
  },
});
