import { CostsSchema1732700000000 } from '../../migrations/1732700000000-costs-schema';
import { CostsAlertPrivacy1733200000000 } from '../../migrations/1733200000000-costs-alert-privacy';
import { CostAgreement, CostAlert, CostAlertRule, CostBudget, CostCategory, costEntities, CostReport, LedgerEntry } from '../entities/costs';
import { costResolvers } from '../resolvers/costs';
import { costExportRoutes } from '../resolvers/costs/export-route';
import { seedCosts } from '../seed/costs';
import { DELIVER_ALERT, deliverAlert } from '../services/costs/delivery';
import { ledgerImport } from '../services/costs/ledger-import';
import { Feature } from './feature';

/** Monthly cost reports to the owner municipalities: keys, budgets, ledger, immutable report versions, alerts. */
export const costs: Feature = {
  name: 'costs',
  entities: costEntities,
  resolvers: costResolvers,
  // RLS decides visibility (drafts and other municipalities' lines are hidden there).
  nodeTypes: [{ entity: CostCategory }, { entity: CostAgreement }, { entity: CostBudget }, { entity: LedgerEntry }, { entity: CostReport }, { entity: CostAlertRule }, { entity: CostAlert }],
  migrations: [CostsSchema1732700000000, CostsAlertPrivacy1733200000000],
  seed: seedCosts,
  importers: [ledgerImport],
  routes: costExportRoutes,
  tasks: { [DELIVER_ALERT]: deliverAlert },
};
