/** Arguments of the three dashboard queries (docs/dashboards.md). */

/** municipalityDashboard(number:, period:) */
export interface MunicipalityDashboardArgs {
  /** Kommunenummer, four digits. */
  number: string;
  /** A month, "YYYY-MM"; default: this month (Europe/Oslo). Not in the future. */
  period?: string | null;
}

/** serviceDashboard(serviceId:, period:) */
export interface ServiceDashboardArgs {
  /** Global ID of the shared service. */
  serviceId: string;
  /** A month, "YYYY-MM"; default: this month (Europe/Oslo). Not in the future. */
  period?: string | null;
}

/** municipalityComparison(serviceId:, metrics:, from:, to:) */
export interface ComparisonArgs {
  /** Global ID of the shared service. */
  serviceId: string;
  /** Metric codes of the service's catalogue; default: the key metrics of its kind. */
  metrics?: string[] | null;
  /** First year, "YYYY". */
  from: string;
  /** Last year, "YYYY": not after this year, at most 20 years after `from`. */
  to: string;
}
