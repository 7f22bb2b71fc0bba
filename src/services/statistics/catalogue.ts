import { EntityManager } from 'typeorm';
import { SharedServiceKind } from '../../entities/reference/shared-service';
import { MetricAggregation, MetricPeriod } from '../../entities/statistics/enums';
import { NewStatisticsMetric } from './args';

/** A catalogue entry as code: the mutation's fields, with description and SSB code always stated. */
export type MetricDefinition = NewStatisticsMetric & { description: string; ssbCode: string | null };

const COUNTING_RULE = "Counted in the municipality where the child lives when the case starts (SSB's rule for intermunicipal services), whichever municipality runs the service.";
const SSB_CODE_NOTE = 'The SSB code is a placeholder: set it to the ContentsCode of the SSB table you import from.';

/** Barnevern, as KOSTRA/SSB define the figures seed 001 reports: fixed, the same in every region. */
export const BARNEVERN_METRICS: MetricDefinition[] = [
  {
    code: 'reports_received',
    name: 'Antall meldinger',
    unit: 'meldinger',
    aggregation: MetricAggregation.FLOW,
    finestPeriod: MetricPeriod.MONTH,
    ssbCode: 'Meldinger',
    description: `Reports of concern (meldinger) received. ${COUNTING_RULE}`,
  },
  {
    code: 'investigations_started',
    name: 'Antall startede undersøkelser',
    unit: 'undersøkelser',
    aggregation: MetricAggregation.FLOW,
    finestPeriod: MetricPeriod.MONTH,
    ssbCode: 'UndersokStartet',
    description: `Investigations (undersøkelser) started. ${COUNTING_RULE}`,
  },
  {
    code: 'investigations_closed',
    name: 'Antall avsluttede undersøkelser',
    unit: 'undersøkelser',
    aggregation: MetricAggregation.FLOW,
    finestPeriod: MetricPeriod.MONTH,
    ssbCode: 'UndersokAvsluttet',
    description: `Investigations closed. ${COUNTING_RULE}`,
  },
  {
    code: 'investigations_closed_within_3_months',
    name: 'Avsluttede undersøkelser med behandlingstid innen 3 måneder',
    unit: 'undersøkelser',
    aggregation: MetricAggregation.FLOW,
    finestPeriod: MetricPeriod.MONTH,
    ssbCode: 'UndersokInnen3Mnd',
    shareOfCode: 'investigations_closed',
    description: `Investigations closed within three months (KOSTRA shows them as a share of all closed). ${COUNTING_RULE}`,
  },
  {
    code: 'children_support_measures',
    name: 'Antall barn med hjelpetiltak',
    unit: 'barn',
    aggregation: MetricAggregation.STOCK,
    finestPeriod: MetricPeriod.YEAR,
    ssbCode: 'BarnHjelpetiltak',
    description: `Children with support measures (hjelpetiltak) during the year: a stock, each child once a year. ${COUNTING_RULE}`,
  },
  {
    code: 'children_care_measures',
    name: 'Antall barn med omsorgstiltak',
    unit: 'barn',
    aggregation: MetricAggregation.STOCK,
    finestPeriod: MetricPeriod.YEAR,
    ssbCode: 'BarnOmsorgstiltak',
    description: `Children with care measures (omsorgstiltak) during the year: a stock. ${COUNTING_RULE}`,
  },
  {
    code: 'voluntary_placements',
    name: 'Antall frivillige plasseringer',
    unit: 'barn',
    aggregation: MetricAggregation.STOCK,
    finestPeriod: MetricPeriod.YEAR,
    ssbCode: 'FrivilligPlassert',
    description: `Children placed outside the home voluntarily during the year: a stock. Recorded from 2021 in seed 001 (earlier years are missing, not zero). ${COUNTING_RULE}`,
  },
].map((m) => ({ ...m, serviceKind: SharedServiceKind.BARNEVERN, description: `${m.description} ${SSB_CODE_NOTE}` }));

/**
 * Derived from KOSTRA files by the kostra-barnevern and kostra-sosialhjelp imports (docs/statistics.md);
 * the same rows as migration 1733420000000-statistics-kostra-metrics adds to existing regions.
 */
export const KOSTRA_METRICS: MetricDefinition[] = [
  {
    serviceKind: SharedServiceKind.BARNEVERN,
    code: 'children_support_measures_at_year_end',
    name: 'Antall barn med hjelpetiltak per 31.12',
    unit: 'barn',
    aggregation: MetricAggregation.STOCK,
    finestPeriod: MetricPeriod.YEAR,
    ssbCode: null,
    description: 'Children with a support measure (hjelpetiltak) in force on 31 December and no care measure then, each child once. From KOSTRA 15F: docs/statistics.md.',
  },
  {
    serviceKind: SharedServiceKind.BARNEVERN,
    code: 'children_care_measures_at_year_end',
    name: 'Antall barn med omsorgstiltak per 31.12',
    unit: 'barn',
    aggregation: MetricAggregation.STOCK,
    finestPeriod: MetricPeriod.YEAR,
    ssbCode: null,
    description: 'Children with a care measure (omsorgstiltak) in force on 31 December, each child once. From KOSTRA 15F: docs/statistics.md.',
  },
  {
    serviceKind: SharedServiceKind.NAV,
    code: 'social_assistance_recipients',
    name: 'Mottakere av økonomisk sosialhjelp',
    unit: 'personer',
    aggregation: MetricAggregation.STOCK,
    finestPeriod: MetricPeriod.MONTH,
    ssbCode: null,
    description: 'Recipients of economic social assistance: persons who received it in the month (a month) or at some time in the year (the year), each once. From KOSTRA 11F: docs/statistics.md.',
  },
  {
    serviceKind: SharedServiceKind.NAV,
    code: 'social_assistance_paid',
    name: 'Utbetalt økonomisk sosialhjelp',
    unit: 'øre',
    aggregation: MetricAggregation.FLOW,
    finestPeriod: MetricPeriod.MONTH,
    ssbCode: null,
    description: 'Economic social assistance paid (bidrag and lån), in øre; the year is the sum of the months. From KOSTRA 11F: docs/statistics.md.',
  },
];

/** ILLUSTRATIVE examples of configurable metrics for PPT and NAV (each region defines its own with defineStatisticsMetric). */
export const EXAMPLE_METRICS: MetricDefinition[] = [
  {
    serviceKind: SharedServiceKind.PPT,
    code: 'referrals',
    name: 'Henvisninger til PPT',
    unit: 'henvisninger',
    aggregation: MetricAggregation.FLOW,
    finestPeriod: MetricPeriod.MONTH,
    ssbCode: null,
    description: 'Illustrative example metric (not from the seeds): referrals received.',
  },
  {
    serviceKind: SharedServiceKind.PPT,
    code: 'expert_assessments',
    name: 'Sakkyndige vurderinger',
    unit: 'vurderinger',
    aggregation: MetricAggregation.FLOW,
    finestPeriod: MetricPeriod.MONTH,
    ssbCode: null,
    description: 'Illustrative example metric (not from the seeds): expert assessments completed.',
  },
  {
    serviceKind: SharedServiceKind.NAV,
    code: 'young_social_assistance',
    name: 'Unge sosialhjelpsmottakere (18–24 år)',
    unit: 'personer',
    aggregation: MetricAggregation.STOCK,
    finestPeriod: MetricPeriod.YEAR,
    ssbCode: null,
    description: 'Illustrative example metric (not from the seeds): recipients of social assistance aged 18–24 during the year.',
  },
];

/** Inserts the fixed barnevern catalogue (and, for demo regions, the examples) where it is missing. Idempotent. */
export async function ensureCatalogue(em: EntityManager, regionId: string, withExamples: boolean): Promise<void> {
  const list = [
    ...BARNEVERN_METRICS.map((m) => ({ ...m, builtIn: true })),
    ...KOSTRA_METRICS.map((m) => ({ ...m, builtIn: true })),
    ...(withExamples ? EXAMPLE_METRICS.map((m) => ({ ...m, builtIn: false })) : []),
  ];
  for (const [position, m] of list.entries()) {
    await em.query(
      `INSERT INTO statistics_metric (region_id, service_kind, code, name, unit, aggregation, finest_period, description, ssb_code, share_of_code, built_in, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (region_id, service_kind, code) DO NOTHING`,
      [regionId, m.serviceKind, m.code, m.name, m.unit, m.aggregation, m.finestPeriod, m.description, m.ssbCode, m.shareOfCode ?? null, m.builtIn, position + 1],
    );
  }
}
