import { CostAgreement, CostAlert, CostAlertRule, CostBudget, CostCategory, CostReport, LedgerEntry } from '../../entities/costs';
import { costExportRoutes } from '../../http/costs/export-route';
import * as resolvers from '../../resolvers/costs';
import { READ_COST_ALERTS, READ_COST_CONFIGURATION, READ_COST_REPORTS, READ_COST_WEBHOOK, READ_SERVICE_COSTS } from '../../services/costs/guard';
import { READ_KOSTRA_ACCOUNTS } from '../../services/costs/kostra-reconciliation';
import { READ_LEDGER_MAPPING } from '../../services/costs/ledger-mapping';
import { Feature, resolversIn } from '../feature';
import { costsData } from './data';

/** Monthly cost reports to the owner municipalities: keys, budgets, ledger, immutable report versions, alerts. */
export const costs: Feature = {
  ...costsData,
  resolvers: resolversIn(resolvers),
  // The rules of the list queries (RLS says the same: drafts and other municipalities' lines are hidden there).
  nodeTypes: [
    { entity: CostCategory, read: READ_COST_CONFIGURATION },
    { entity: CostAgreement, read: READ_COST_CONFIGURATION },
    { entity: CostBudget, read: READ_SERVICE_COSTS },
    { entity: LedgerEntry, read: READ_SERVICE_COSTS },
    { entity: CostReport, read: READ_COST_REPORTS },
    { entity: CostAlertRule, read: READ_SERVICE_COSTS },
    { entity: CostAlert, read: READ_COST_ALERTS },
  ],
  auditedTypes: { CostWebhook: READ_COST_WEBHOOK, LedgerMapping: READ_LEDGER_MAPPING, KostraAccountsFile: READ_KOSTRA_ACCOUNTS },
  routes: costExportRoutes,
};
