import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { CostAgreement, CostBudget, CostCategory, CostCategoryAccount } from '../../entities/costs';
import { SharedService } from '../../entities/reference/shared-service';
import { OreScalar } from '../../schema/money';
import { CreateCostCategoryInput, SetCostAgreementInput, SetCostBudgetInput, UpdateCostCategoryInput } from '../../schema/costs/inputs';
import { CostAgreementPayload, CostBudgetPayload, CostCategoryPayload } from '../../schema/costs/types';
import { createCostCategory, setCostAgreement, setCostBudget, updateCostCategory } from '../../services/costs/config';
import { budgetMonths, costLoaders, listCostAgreements, listCostBudgets, listCostCategories } from '../../services/costs/read';

@Resolver(() => CostCategory)
export class CostCategoryResolver {
  @Query(() => [CostCategory], { description: 'Cost categories of your region with their KOSTRA accounts (cost roles and REGION_ADMIN).' })
  costCategories(@Ctx() ctx: Context) {
    return listCostCategories(ctx);
  }

  @FieldResolver(() => [CostCategoryAccount], { description: 'The KOSTRA funksjon / art ranges whose ledger lines belong here.' })
  accounts(@Root() c: CostCategory, @Ctx() ctx: Context) {
    return costLoaders.accounts(ctx, c.id);
  }

  @Mutation(() => CostCategoryPayload, { description: 'REGION_ADMIN: a new cost category mapped to the chart of accounts.' })
  createCostCategory(@Arg('input') input: CreateCostCategoryInput, @Ctx() ctx: Context) {
    return createCostCategory(ctx, input);
  }

  @Mutation(() => CostCategoryPayload, { description: 'REGION_ADMIN: name, order, description or accounts of a category.' })
  updateCostCategory(@Arg('input') input: UpdateCostCategoryInput, @Ctx() ctx: Context) {
    return updateCostCategory(ctx, input);
  }
}

@Resolver(() => CostAgreement)
export class CostAgreementResolver {
  @Query(() => [CostAgreement], { description: 'Allocation keys, oldest first (of one service, or of every service of your region).' })
  costAgreements(@Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null, @Ctx() ctx: Context) {
    return listCostAgreements(ctx, serviceId);
  }

  @FieldResolver(() => SharedService)
  service(@Root() a: CostAgreement, @Ctx() ctx: Context) {
    return ctx.loaders.byId(SharedService).load(a.serviceId);
  }

  @FieldResolver(() => [CostCategory], { description: 'Categories charged directly to the municipality a cost concerns.' })
  directCategories(@Root() a: CostAgreement, @Ctx() ctx: Context) {
    return costLoaders.directCategories(ctx, a.id);
  }

  @Mutation(() => CostAgreementPayload, { description: "REGION_ADMIN or the service's HOST_FINANCE: a new allocation key from the first of a month." })
  setCostAgreement(@Arg('input') input: SetCostAgreementInput, @Ctx() ctx: Context) {
    return setCostAgreement(ctx, input);
  }
}

@Resolver(() => CostBudget)
export class CostBudgetResolver {
  @Query(() => [CostBudget], { description: 'Budgets of a year (SERVICE_LEADER and HOST_FINANCE: their service).' })
  costBudgets(@Arg('year', () => Int) year: number, @Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null, @Ctx() ctx: Context) {
    return listCostBudgets(ctx, serviceId, year);
  }

  @FieldResolver(() => CostCategory, { nullable: true })
  category(@Root() b: CostBudget, @Ctx() ctx: Context) {
    return ctx.loaders.byId(CostCategory).load(b.categoryId);
  }

  @FieldResolver(() => SharedService)
  service(@Root() b: CostBudget, @Ctx() ctx: Context) {
    return ctx.loaders.byId(SharedService).load(b.serviceId);
  }

  @FieldResolver(() => [OreScalar], { description: 'The budget of each month, January first, by the profile (they add up to amountOre exactly).' })
  monthlyAmountsOre(@Root() b: CostBudget) {
    return budgetMonths(b);
  }

  @Mutation(() => CostBudgetPayload, { description: 'HOST_FINANCE: sets the budget of a year and category with its monthly profile.' })
  setCostBudget(@Arg('input') input: SetCostBudgetInput, @Ctx() ctx: Context) {
    return setCostBudget(ctx, input);
  }
}
