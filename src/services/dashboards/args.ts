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

/** prepareStateReport(input:) */
export interface StateReportPreparation {
  /** Global ID of the shared service (one you lead). */
  serviceId: string;
  /** Kommunenummer of an owner municipality of the service in that year. */
  municipalityNumber: string;
  /** The year the report covers: this year or an earlier one. */
  year: number;
}

/** writeStateReportSection(input:) */
export interface StateReportSectionText {
  /** Global ID of the report (a draft). */
  reportId: string;
  /** Which section (SUMMARY, ACTIVITY, ECONOMY, COLLABORATION, PLAN, OUTLOOK). */
  key: string;
  /** The section's text; null or blank removes it. */
  text?: string | null;
}

/** publishStateReport(input:) */
export interface ByStateReport {
  /** Global ID of the report (a draft). */
  reportId: string;
}

/** stateReports(serviceId:, municipalityNumber:, year:) */
export interface StateReportFilter {
  serviceId?: string | null;
  municipalityNumber?: string | null;
  year?: number | null;
  first?: number | null;
  after?: string | null;
}
