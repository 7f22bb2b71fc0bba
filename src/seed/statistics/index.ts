import { randomUUID } from 'node:crypto';
import { RegionSeeder } from '../region-seeder';
import { ensureCatalogue } from '../../services/statistics/catalogue';
import { storeObservations } from '../../services/statistics/import';
import { republish } from '../../services/statistics/publish';
import { demoObservations, DEMO_NOTE } from './demo-observations';

/**
 * Every demo region gets the statistics catalogue (barnevern's fixed metrics and illustrative PPT and
 * NAV examples); Nord-Østerdal's barnevern gets the 2019–2022 observations of seed 001 (split
 * illustratively), stored and published through the same code as an import.
 */
export const seedStatistics: RegionSeeder = async (em, region) => {
  await ensureCatalogue(em, region.id, true);
  if (region.code !== 'nord-osterdal') return;
  const [service] = (await em.query(`SELECT id FROM shared_service WHERE region_id = $1 AND code = 'barnevern'`, [region.id])) as { id: string }[];
  if (!service) return;
  // Written as the service's leader, the only role RLS lets write observations and the publication.
  await em.query(`SELECT set_config('app.role', 'SERVICE_LEADER', true), set_config('app.service_id', $1, true)`, [service.id]);
  try {
    const municipalities: { id: string; number: string }[] = await em.query(`SELECT id, number FROM municipality WHERE region_id = $1`, [region.id]);
    const metrics: { id: string; code: string }[] = await em.query(`SELECT id, code FROM statistics_metric WHERE region_id = $1 AND service_kind = 'BARNEVERN'`, [region.id]);
    const municipalityId = new Map(municipalities.map((m) => [m.number, m.id]));
    const metricId = new Map(metrics.map((m) => [m.code, m.id]));
    const rows = demoObservations().map((o) => ({ municipalityId: municipalityId.get(o.kommunenummer)!, metric: { id: metricId.get(o.metric)! }, year: o.year, month: o.month, value: o.value }));
    const importId = randomUUID();
    await em.query(`INSERT INTO statistics_import (id, region_id, service_id, imported_at, records, inserted, updated, deleted, note) VALUES ($1, $2, $3, '2023-08-31T12:00:00Z', $4, $4, 0, 0, $5)`, [
      importId,
      region.id,
      service.id,
      rows.length,
      DEMO_NOTE,
    ]);
    await storeObservations(em, { regionId: region.id, serviceId: service.id }, importId, [], rows);
    await republish(em, { regionId: region.id, serviceId: service.id }, importId, 'all');
  } finally {
    await em.query(`SELECT set_config('app.role', 'REGION_ADMIN', true), set_config('app.service_id', '', true)`);
  }
};
