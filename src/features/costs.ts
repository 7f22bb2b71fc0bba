import { CostsSchema1732700000000 } from '../../migrations/1732700000000-costs-schema';
import { CostsExportLabels1733210000000 } from '../../migrations/1733210000000-costs-export-labels';
import { CostsAlertPrivacy1733200000000 } from '../../migrations/1733200000000-costs-alert-privacy';
import { CostAgreement, CostAlert, CostAlertRule, CostBudget, CostCategory, costEntities, CostReport, LedgerEntry } from '../entities/costs';
import { costResolvers } from '../resolvers/costs';
import { costExportRoutes } from '../resolvers/costs/export-route';
import { seedCosts } from '../seed/costs';
import { DELIVER_ALERT, deliverAlert } from '../services/costs/delivery';
import { READ_COST_ALERTS, READ_COST_CONFIGURATION, READ_COST_REPORTS, READ_COST_WEBHOOK, READ_SERVICE_COSTS } from '../services/costs/guard';
import { ledgerImport } from '../services/costs/ledger-import';
import { Feature } from './feature';

/** Monthly cost reports to the owner municipalities: keys, budgets, ledger, immutable report versions, alerts. */
export const costs: Feature = {
  name: 'costs',
  entities: costEntities,
  resolvers: costResolvers,
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
  auditedTypes: { CostWebhook: READ_COST_WEBHOOK },
  migrations: [CostsSchema1732700000000, CostsAlertPrivacy1733200000000, CostsExportLabels1733210000000],
  seed: seedCosts,
  importers: [ledgerImport],
  routes: costExportRoutes,
  tasks: { [DELIVER_ALERT]: deliverAlert },
};
