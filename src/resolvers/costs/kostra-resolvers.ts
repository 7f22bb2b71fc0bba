import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { CostReport, LedgerMapping } from '../../entities/costs';
import { Municipality } from '../../entities/reference/municipality';
import { SharedService } from '../../entities/reference/shared-service';
import { DefineLedgerMappingInput } from '../../schema/costs/inputs';
import { KostraReconciliation, KostraReconciliationRow, LedgerMappingPayload } from '../../schema/costs/types';
import { hostCompared1000Kr, kostraReconciliation, ReconciliationRow, toOre } from '../../services/costs/kostra-reconciliation';
import { defineLedgerMapping, readLedgerMapping } from '../../services/costs/ledger-mapping';

@Resolver(() => LedgerMapping)
export class LedgerMappingResolver {
  @Query(() => LedgerMapping, { nullable: true, description: "SERVICE_LEADER, HOST_FINANCE: how your service's ERP export is read by the `ledger-erp` import (null: none defined yet)." })
  ledgerMapping(@Arg('serviceId', () => ID) serviceId: string, @Ctx() ctx: Context) {
    return readLedgerMapping(ctx, serviceId);
  }

  @Mutation(() => LedgerMappingPayload, {
    description: "HOST_FINANCE: how your service's ERP export is read (columns, encoding, delimiter, decimal separator, date format, sign convention), from a shipped profile or CUSTOM.",
  })
  defineLedgerMapping(@Arg('input') input: DefineLedgerMappingInput, @Ctx() ctx: Context) {
    return defineLedgerMapping(ctx, input);
  }
}

@Resolver(() => KostraReconciliation)
export class KostraReconciliationResolver {
  @Query(() => KostraReconciliation, {
    description:
      "SERVICE_LEADER, HOST_FINANCE (their service), MUNICIPAL_FINANCE (a service their municipality owns): the host's barnevern costs as reported to KOSTRA and each owner's payments as its KOSTRA file shows them, against Samvirke's published cost reports, for a year or a quarter. KOSTRA figures in 1000 kr, differences in øre.",
  })
  async kostraReconciliation(
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int, { nullable: true, description: '1–4; omitted: the annual accounts.' }) quarter: number | null,
    @Arg('serviceId', () => ID, { nullable: true, description: "Required for MUNICIPAL_FINANCE; a service role's own service by default." }) serviceId: string | null,
    @Ctx() ctx: Context,
  ): Promise<KostraReconciliation> {
    const r = await kostraReconciliation(ctx, serviceId, year, quarter);
    const ids = [r.host.municipalityId, ...r.owners.map((o) => o.municipalityId)];
    const [service, report, municipalities] = await Promise.all([
      ctx.loaders.byId(SharedService).load(r.serviceId),
      r.reportId ? ctx.loaders.byId(CostReport).load(r.reportId) : Promise.resolve(null),
      ctx.loaders.byId(Municipality).loadMany(ids),
    ]);
    const byId = new Map(municipalities.filter((m): m is Municipality => m instanceof Municipality).map((m) => [m.id, m]));
    const view = (row: ReconciliationRow, host: boolean): KostraReconciliationRow => {
      const k = row.kostra;
      const kostra1000Kr = host ? hostCompared1000Kr(k) : k.paymentsToMunicipalities1000Kr;
      const kostraOre = toOre(kostra1000Kr);
      return Object.assign(new KostraReconciliationRow(), {
        municipality: byId.get(row.municipalityId)!,
        isHost: row.isHost,
        reported: k.reported,
        importedAt: k.importedAt ? new Date(k.importedAt) : null,
        grossExpenses1000Kr: k.grossExpenses1000Kr,
        income1000Kr: k.income1000Kr,
        refundsFromMunicipalities1000Kr: k.refundsFromMunicipalities1000Kr,
        paymentsToMunicipalities1000Kr: k.paymentsToMunicipalities1000Kr,
        cooperationExpenses1000Kr: k.cooperationExpenses1000Kr,
        cooperationRefundsFromMunicipalities1000Kr: k.cooperationRefundsFromMunicipalities1000Kr,
        kostra1000Kr,
        kostraOre: kostraOre.toString(),
        samvirkeActualOre: row.samvirkeActualOre === null ? null : row.samvirkeActualOre.toString(),
        differenceOre: k.reported && row.samvirkeActualOre !== null ? (kostraOre - row.samvirkeActualOre).toString() : null,
      });
    };
    return Object.assign(new KostraReconciliation(), {
      service: service!,
      year: r.year,
      quarter: r.quarter,
      reportPeriod: r.reportPeriod,
      report: report ?? null,
      host: view(r.host, true),
      owners: r.owners.map((o) => view(o, false)),
    });
  }
}
