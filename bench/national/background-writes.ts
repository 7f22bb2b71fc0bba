import { Client } from 'pg';
import { NATIONAL } from './generate';

/**
 * BENCH_BACKGROUND_WRITES: the rest of the country working while the scenarios are measured. A
 * national deployment is written to all day (meetings registered, plan follow-up, alerts, imports),
 * and every committed write retires cached answers (docs/caching.md); a bench that only reads
 * measures a cache nobody disturbs. Each write is one small committed UPDATE of a unit, in a
 * region drawn at random from the generated ones (the measured region among them, at its share),
 * sent through the owner's connection as another process would.
 */
export interface BackgroundWrites {
  /** Stops writing; resolves with what was written. */
  stop(): Promise<{ writes: number; failures: number; seconds: number }>;
}

/** `onlyRegion` (BENCH_BACKGROUND_WRITES_REGION): a region code to write in alone, e.g. the measured one (a busy region). */
export async function startBackgroundWrites(ownerUrl: string, perSecond: number, onlyRegion?: string): Promise<BackgroundWrites> {
  const db = new Client({ connectionString: ownerUrl, application_name: 'bench-background-writes' });
  await db.connect();
  const regions = (
    await db.query<{ id: string }>(`SELECT id FROM region WHERE code LIKE $1 AND ($2::text IS NULL OR code = $2) ORDER BY code`, [`${NATIONAL.regionPrefix}%`, onlyRegion ?? null])
  ).rows.map((r) => r.id);
  if (!regions.length) throw new Error(`BENCH_BACKGROUND_WRITES: no generated region${onlyRegion ? ` with the code ${onlyRegion}` : 's'} to write in`);
  const started = Date.now();
  let writes = 0;
  let failures = 0;
  let stopped = false;
  const intervalMs = 1000 / perSecond;
  const loop = (async () => {
    for (let next = Date.now(); !stopped;) {
      const region = regions[Math.floor(Math.random() * regions.length)];
      try {
        await db.query(`UPDATE unit SET name = name WHERE id = (SELECT id FROM unit WHERE region_id = $1 ORDER BY id LIMIT 1)`, [region]);
        writes++;
      } catch {
        failures++;
      }
      next += intervalMs;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await db.end();
      return { writes, failures, seconds: Math.round((Date.now() - started) / 100) / 10 };
    },
  };
}
