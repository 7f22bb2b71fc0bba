import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { CostAgreement, CostCategory, CostReport, CostReportLine, CostReportStatus, LedgerEntry } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { PageArgs } from '../../schema/connection';
import { CostReportIdInput, PrepareCostReportInput } from '../../schema/costs/inputs';
import { CostReportConnection, CostReportPayload, DiscardCostReportDraftPayload, LedgerEntryConnection, OwnedServiceCostView, PublishCostReportPayload } from '../../schema/costs/types';
import { ownedServiceCosts } from '../../services/costs/owned';
import { costLoaders, findCostReport, listCostReports, listLedgerEntries } from '../../services/costs/read';
import { discardCostReportDraft, prepareCostReport, publishCostReport } from '../../services/costs/reports';
import { assertKommunenummer } from '../../services/reference/kommunenummer';

@Resolver(() => CostReport)
export class CostReportResolver {
  @Query(() => CostReportConnection, { description: "Cost reports you may read, newest month first: the service's leader and host finance every version; owner municipalities published versions." })
  costReports(
    @Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Arg('period', () => String, { nullable: true, description: 'YYYY-MM' }) period: string | null,
    @Arg('status', () => CostReportStatus, { nullable: true }) status: CostReportStatus | null,
    @Arg('currentOnly', () => Boolean, { nullable: true, description: 'Only the newest version of each month you may see.' }) currentOnly: boolean | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listCostReports(ctx, { ...page, serviceId, year, period, status, currentOnly });
  }

  @Query(() => CostReport, { nullable: true, description: 'The report of a service and month: the given version, else the newest you may see.' })
  costReport(
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('period', () => String, { description: 'YYYY-MM' }) period: string,
    @Arg('version', () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ) {
    return findCostReport(ctx, serviceId, period, version);
  }

  @Query(() => [OwnedServiceCostView], {
    description: 'MUNICIPAL_DIRECTOR, MUNICIPAL_FINANCE, AUDITOR: the shared services your municipality owns in the year (default: this year), your share and the latest published figures.',
  })
  async ownedServiceCosts(@Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() ctx: Context) {
    return (await ownedServiceCosts(ctx, year)).map((o) => Object.assign(new OwnedServiceCostView(), o));
  }

  @Query(() => LedgerEntryConnection, { description: 'Imported ledger entries (SERVICE_LEADER, HOST_FINANCE: their service), by posting date.' })
  ledgerEntries(
    @Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null,
    @Arg('period', () => String, { nullable: true, description: 'YYYY-MM' }) period: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listLedgerEntries(ctx, { ...page, serviceId, period });
  }

  @FieldResolver(() => SharedService)
  service(@Root() r: CostReport, @Ctx() ctx: Context) {
    return ctx.loaders.byId(SharedService).load(r.serviceId);
  }

  @FieldResolver(() => CostAgreement, { nullable: true, description: 'The allocation key of the report month.' })
  agreement(@Root() r: CostReport, @Ctx() ctx: Context) {
    return ctx.loaders.byId(CostAgreement).load(r.agreementId);
  }

  @FieldResolver(() => CostReport, { nullable: true, description: 'The version this one corrects.' })
  supersedes(@Root() r: CostReport, @Ctx() ctx: Context) {
    return r.supersedesId ? ctx.loaders.byId(CostReport).load(r.supersedesId) : null;
  }

  @FieldResolver(() => CostReport, { nullable: true, description: 'The published version that corrects this one, if any.' })
  supersededBy(@Root() r: CostReport, @Ctx() ctx: Context) {
    return costLoaders.supersededBy(ctx, r.id);
  }

  @FieldResolver(() => [CostReportLine], {
    description:
      "Lines you may read, in report order: per owner municipality × category, each municipality's total, each category's total, the grand total. Owner municipalities see their own lines and the totals only.",
  })
  async lines(
    @Root() r: CostReport,
    @Arg('municipalityNumber', () => String, { nullable: true }) municipalityNumber: string | null,
    @Arg('totalsOnly', () => Boolean, { nullable: true, description: "Only lines without a category (each municipality's and the grand total)." }) totalsOnly: boolean | null,
    @Ctx() ctx: Context,
  ) {
    if (municipalityNumber) assertKommunenummer(municipalityNumber, 'municipalityNumber');
    let lines = await costLoaders.lines(ctx, r.id);
    if (totalsOnly) lines = lines.filter((l) => l.categoryId === null);
    if (!municipalityNumber) return lines;
    const municipalities = await ctx.loaders.byId(Municipality).loadMany(lines.map((l) => l.municipalityId).filter((id): id is string => id !== null));
    const wanted = municipalities.find((m): m is Municipality => m instanceof Municipality && m.number === municipalityNumber);
    return lines.filter((l) => l.municipalityId === (wanted?.id ?? '-'));
  }

  @FieldResolver(() => CostReportLine, { nullable: true, description: 'The grand total (all owners, all categories).' })
  async total(@Root() r: CostReport, @Ctx() ctx: Context) {
    return (await costLoaders.lines(ctx, r.id)).find((l) => l.municipalityId === null && l.categoryId === null) ?? null;
  }

  @Mutation(() => CostReportPayload, { description: 'HOST_FINANCE: computes the DRAFT of a month (a correction when the month is published: give the reason).' })
  prepareCostReport(@Arg('input') input: PrepareCostReportInput, @Ctx() ctx: Context) {
    return prepareCostReport(ctx, input);
  }

  @Mutation(() => PublishCostReportPayload, { description: 'HOST_FINANCE: DRAFT → PUBLISHED (immutable); evaluates the alert rules.' })
  publishCostReport(@Arg('input') input: CostReportIdInput, @Ctx() ctx: Context) {
    return publishCostReport(ctx, input);
  }

  @Mutation(() => DiscardCostReportDraftPayload, { description: 'HOST_FINANCE: deletes a draft.' })
  discardCostReportDraft(@Arg('input') input: CostReportIdInput, @Ctx() ctx: Context) {
    return discardCostReportDraft(ctx, input);
  }
}

@Resolver(() => CostReportLine)
export class CostReportLineResolver {
  @FieldResolver(() => Municipality, { nullable: true, description: 'null = all owner municipalities.' })
  municipality(@Root() l: CostReportLine, @Ctx() ctx: Context) {
    return l.municipalityId ? ctx.loaders.byId(Municipality).load(l.municipalityId) : null;
  }

  @FieldResolver(() => CostCategory, { nullable: true, description: 'null = all categories.' })
  category(@Root() l: CostReportLine, @Ctx() ctx: Context) {
    return l.categoryId ? ctx.loaders.byId(CostCategory).load(l.categoryId) : null;
  }
}

@Resolver(() => LedgerEntry)
export class LedgerEntryResolver {
  @FieldResolver(() => CostCategory, { nullable: true })
  category(@Root() e: LedgerEntry, @Ctx() ctx: Context) {
    return ctx.loaders.byId(CostCategory).load(e.categoryId);
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'The municipality a direct charge concerns.' })
  municipality(@Root() e: LedgerEntry, @Ctx() ctx: Context) {
    return e.municipalityId ? ctx.loaders.byId(Municipality).load(e.municipalityId) : null;
  }
}
