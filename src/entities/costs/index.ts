import { CostAgreement, CostAgreementDirectCategory } from './agreement';
import { CostAlert, CostAlertDelivery, CostAlertRule, CostWebhook } from './alerts';
import { CostBudget } from './budget';
import { CostCategory, CostCategoryAccount } from './category';
import { LedgerEntry } from './ledger';
import { CostReport, CostReportLine } from './report';

export * from './agreement';
export * from './alerts';
export * from './budget';
export * from './category';
export * from './enums';
export * from './ledger';
export * from './report';

/** Every entity of the costs feature. */
export const costEntities = [
  CostCategory,
  CostCategoryAccount,
  CostAgreement,
  CostAgreementDirectCategory,
  CostBudget,
  LedgerEntry,
  CostReport,
  CostReportLine,
  CostAlertRule,
  CostAlert,
  CostWebhook,
  CostAlertDelivery,
];
