import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue entries the KOSTRA imports derive (docs/statistics.md, «KOSTRA 15F» and «KOSTRA 11F»),
 * added to every region that exists (new regions get them from the catalogue in code,
 * src/services/statistics/catalogue.ts, which lists the same rows):
 * - barnevern: children with support / care measures at 31 December (stocks, per year);
 * - NAV: recipients of economic social assistance (a stock per month and per year) and the amount
 *   paid (a flow per month, in øre).
 * Data only: no table, policy or grant changes. Written out here (migrations import nothing from src/).
 */
const METRICS: [kind: string, code: string, name: string, unit: string, aggregation: string, finest: string, ssbCode: string | null, description: string, position: number][] = [
  [
    'BARNEVERN',
    'children_support_measures_at_year_end',
    'Antall barn med hjelpetiltak per 31.12',
    'barn',
    'STOCK',
    'YEAR',
    null,
    'Children with a support measure (hjelpetiltak) in force on 31 December and no care measure then, each child once. From KOSTRA 15F: docs/statistics.md.',
    8,
  ],
  [
    'BARNEVERN',
    'children_care_measures_at_year_end',
    'Antall barn med omsorgstiltak per 31.12',
    'barn',
    'STOCK',
    'YEAR',
    null,
    'Children with a care measure (omsorgstiltak) in force on 31 December, each child once. From KOSTRA 15F: docs/statistics.md.',
    9,
  ],
  [
    'NAV',
    'social_assistance_recipients',
    'Mottakere av økonomisk sosialhjelp',
    'personer',
    'STOCK',
    'MONTH',
    null,
    'Recipients of economic social assistance: persons who received it in the month (a month) or at some time in the year (the year), each once. From KOSTRA 11F: docs/statistics.md.',
    20,
  ],
  [
    'NAV',
    'social_assistance_paid',
    'Utbetalt økonomisk sosialhjelp',
    'øre',
    'FLOW',
    'MONTH',
    null,
    'Economic social assistance paid (bidrag and lån), in øre; the year is the sum of the months. From KOSTRA 11F: docs/statistics.md.',
    21,
  ],
];

export class StatisticsKostraMetrics1733420000000 implements MigrationInterface {
  name = 'StatisticsKostraMetrics1733420000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [kind, code, name, unit, aggregation, finest, ssbCode, description, position] of METRICS) {
      await q.query(
        `INSERT INTO statistics_metric (region_id, service_kind, code, name, unit, aggregation, finest_period, description, ssb_code, built_in, position)
         SELECT r.id, $1, $2, $3, $4, $5, $6, $7, $8, true, $9 FROM region r ON CONFLICT (region_id, service_kind, code) DO NOTHING`,
        [kind, code, name, unit, aggregation, finest, description, ssbCode, position],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM statistics_metric WHERE built_in AND (service_kind, code) IN (SELECT * FROM unnest($1::text[], $2::text[]))`, [METRICS.map((m) => m[0]), METRICS.map((m) => m[1])]);
  }
}
