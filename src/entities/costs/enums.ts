import { registerEnumType } from 'type-graphql';

export enum CostReportStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(CostReportStatus, {
  name: 'CostReportStatus',
  description: 'DRAFT (prepared by host finance, visible to the service only) → PUBLISHED (immutable; owners read it). A correction is a new version that supersedes a published one.',
});

export enum ForecastMethod {
  RUN_RATE_BUDGET_PROFILE = 'RUN_RATE_BUDGET_PROFILE',
}
registerEnumType(ForecastMethod, {
  name: 'ForecastMethod',
  description: 'RUN_RATE_BUDGET_PROFILE: actual year-to-date scaled by the budget profile (annual budget ÷ budget year-to-date); see docs/costs.md.',
});

export enum AlertBasis {
  BUDGET = 'BUDGET',
  PREVIOUS_REPORT = 'PREVIOUS_REPORT',
}
registerEnumType(AlertBasis, {
  name: 'CostAlertBasis',
  description: 'BUDGET: actual year-to-date against budget year-to-date. PREVIOUS_REPORT: the year-end forecast against the forecast of the latest published report of the same year.',
});

export enum AlertSource {
  IMPORT = 'IMPORT',
  PUBLICATION = 'PUBLICATION',
}
registerEnumType(AlertSource, { name: 'CostAlertSource', description: 'What raised the alert: a ledger import or the publication of a report.' });

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(DeliveryStatus, {
  name: 'CostAlertDeliveryStatus',
  description:
    'PENDING (queued or retrying with backoff), DELIVERED (the receiver answered 2xx; never sent again), FAILED (gave up after the last attempt), CANCELLED (the alert was acknowledged before it was delivered).',
});

export enum DeliveryOutcome {
  DELIVERED = 'DELIVERED',
  RETRYING = 'RETRYING',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(DeliveryOutcome, {
  name: 'CostAlertDeliveryOutcome',
  description:
    'How the last attempt ended: DELIVERED (2xx), RETRYING (no answer or not 2xx; tried again with backoff), FAILED (given up, or the destination is not a public internet address), CANCELLED (not sent: acknowledged first, or the webhook was switched off).',
});
