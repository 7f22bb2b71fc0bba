import { CostAlertResolver, CostAlertRuleResolver, CostWebhookResolver } from './alert-resolvers';
import { CostAgreementResolver, CostBudgetResolver, CostCategoryResolver } from './config-resolvers';
import { CostReportLineResolver, CostReportResolver, LedgerEntryResolver } from './report-resolvers';

export const costResolvers = [
  CostCategoryResolver,
  CostAgreementResolver,
  CostBudgetResolver,
  CostReportResolver,
  CostReportLineResolver,
  LedgerEntryResolver,
  CostAlertRuleResolver,
  CostAlertResolver,
  CostWebhookResolver,
];
