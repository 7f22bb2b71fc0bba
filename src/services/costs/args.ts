import { AlertBasis } from '../../entities/costs/enums';
import { LedgerDateFormat, LedgerEncoding, LedgerProfile, LedgerSignConvention } from '../../entities/costs/ledger-mapping';

/** Arguments of the costs mutations (the schema's inputs implement them). IDs are global IDs. */

export interface AccountRange {
  /** KOSTRA funksjon, three digits. */
  funksjon: string;
  /** KOSTRA art range, three digits each, inclusive. */
  artFrom: string;
  artTo: string;
}

export interface NewCostCategory {
  code: string;
  name: string;
  description?: string | null;
  position?: number | null;
  accounts: AccountRange[];
}

/** Omitted = unchanged; null/blank description = cleared; `accounts` replaces the list. */
export interface CostCategoryChanges {
  id: string;
  name?: string | null;
  description?: string | null;
  position?: number | null;
  accounts?: AccountRange[] | null;
}

export interface CostAgreementChange {
  serviceId: string;
  /** The first of a month. */
  validFrom: Date;
  equalShareBp: number;
  populationShareBp: number;
  /** Categories charged directly to the municipality a cost concerns. */
  directCategoryIds: string[];
  note?: string | null;
  /** Required when validFrom is in a month that already has a report or is in the past. */
  correctionReason?: string | null;
}

export interface CostBudgetChange {
  serviceId: string;
  categoryId: string;
  year: number;
  /** Whole øre as a decimal string. */
  amountOre: string;
  /** Twelve non-negative weights (January first); omitted/null = even. */
  monthlyProfile?: number[] | null;
  note?: string | null;
}

export interface ReportPreparation {
  serviceId: string;
  /** YYYY-MM. */
  period: string;
  /** Required when a version of the month is published already: the new version corrects it. */
  correctionReason?: string | null;
  note?: string | null;
}

export interface ByReport {
  reportId: string;
}

export interface NewAlertRule {
  serviceId: string;
  name: string;
  basis: AlertBasis;
  thresholdPercent?: number | null;
  thresholdOre?: string | null;
  municipalityNumber?: string | null;
  categoryId?: string | null;
}

/** Omitted = unchanged; a threshold set to null is removed (one must remain). */
export interface AlertRuleChanges {
  id: string;
  name?: string | null;
  active?: boolean | null;
  thresholdPercent?: number | null;
  thresholdOre?: string | null;
}

export interface ByAlert {
  alertId: string;
}

export interface WebhookChange {
  /** Defaults to the caller's municipality. */
  municipalityNumber?: string | null;
  /** Where alerts are POSTed; null = stop sending. */
  url?: string | null;
  /** A new signing secret (the old one stops working at once). */
  rotateSecret?: boolean | null;
}

/**
 * `defineLedgerMapping`: how the service's ERP export is read. With a shipped `profile`, every
 * omitted field takes the profile's value; with CUSTOM (the default) the required ones must be given.
 * The whole mapping is replaced (what a field is not given for is the profile's, or empty).
 */
export interface LedgerMappingDefinition {
  serviceId: string;
  profile?: LedgerProfile | null;
  encoding?: LedgerEncoding | null;
  delimiter?: string | null;
  decimalSeparator?: string | null;
  dateFormat?: LedgerDateFormat | null;
  signConvention?: LedgerSignConvention | null;
  dateColumn?: string | null;
  amountColumn?: string | null;
  debitColumn?: string | null;
  creditColumn?: string | null;
  artColumn?: string | null;
  funksjonColumn?: string | null;
  ansvarColumn?: string | null;
  prosjektColumn?: string | null;
  voucherColumn?: string | null;
  voucherLineColumn?: string | null;
  municipalityColumn?: string | null;
}
