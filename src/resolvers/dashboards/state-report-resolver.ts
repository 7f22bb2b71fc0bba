import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { SECTION_TITLES, StateReport, StateReportSectionKey } from '../../entities/dashboards';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { PageArgs } from '../../schema/connection';
import {
  PrepareStateReportInput,
  StateReportConnection,
  StateReportFigures,
  StateReportIdInput,
  StateReportPayload,
  StateReportSection,
  WriteStateReportSectionInput,
} from '../../schema/dashboards/state-report';
import { findStateReport, listStateReports, prepareStateReport, publishStateReport, writeStateReportSection } from '../../services/dashboards/state-report';
import * as figures from '../../services/dashboards/state-report-figures';

@Resolver(() => StateReport)
export class StateReportResolver {
  @Query(() => StateReport, {
    nullable: true,
    description: "A state-of-service report you may read: the service's leader every version, the owner municipality's director, finance and auditor published ones.",
  })
  stateReport(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return findStateReport(ctx, id);
  }

  @Query(() => StateReportConnection, { description: 'State-of-service reports you may read, newest year and version first.' })
  stateReports(
    @Arg('serviceId', () => ID, { nullable: true }) serviceId: string | null,
    @Arg('municipalityNumber', () => String, { nullable: true, description: 'Kommunenummer.' }) municipalityNumber: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ) {
    return listStateReports(ctx, { ...page, serviceId, municipalityNumber, year });
  }

  @Mutation(() => StateReportPayload, {
    description: 'SERVICE_LEADER: the draft of the yearly state-of-service report to an owner municipality (or its figures refreshed); after publication, the next version.',
  })
  prepareStateReport(@Arg('input') input: PrepareStateReportInput, @Ctx() ctx: Context) {
    return prepareStateReport(ctx, input);
  }

  @Mutation(() => StateReportPayload, { description: 'SERVICE_LEADER: writes (or, blank, removes) a narrative section of a draft.' })
  writeStateReportSection(@Arg('input') input: WriteStateReportSectionInput, @Ctx() ctx: Context) {
    return writeStateReportSection(ctx, input);
  }

  @Mutation(() => StateReportPayload, { description: 'SERVICE_LEADER: DRAFT → PUBLISHED; the report never changes afterwards.' })
  publishStateReport(@Arg('input') input: StateReportIdInput, @Ctx() ctx: Context) {
    return publishStateReport(ctx, input);
  }

  @FieldResolver(() => SharedService)
  service(@Root() report: StateReport, @Ctx() ctx: Context) {
    return ctx.loaders.byId(SharedService).load(report.serviceId);
  }

  @FieldResolver(() => Municipality)
  municipality(@Root() report: StateReport, @Ctx() ctx: Context) {
    return ctx.loaders.byId(Municipality).load(report.municipalityId);
  }

  @FieldResolver(() => StateReportFigures)
  figures(@Root() report: StateReport): StateReportFigures {
    const f = report.figures as figures.StateReportFigures;
    return {
      serviceName: f.service.name,
      municipalityNumber: f.municipality.number,
      municipalityName: f.municipality.name,
      year: f.year,
      asOf: f.asOf,
      statistics: f.statistics,
      costs: f.costs,
      fora: f.fora,
      foraCompliance: f.foraCompliance ?? null,
      plans: f.plans,
    };
  }

  @FieldResolver(() => [StateReportSection], { description: 'Every section in page order, with its bokmål title; text null until written.' })
  sections(@Root() report: StateReport): StateReportSection[] {
    return Object.values(StateReportSectionKey).map((key) => ({ key, title: SECTION_TITLES[key], text: report.sections[key] ?? null }));
  }
}
