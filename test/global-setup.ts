import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureAppRole, ensureDatabase, migrate, seed } from '../src/db/bootstrap';
import { withDatabase } from '../src/db/data-source';
import { database } from '../src/features/data';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { TEST_ENV } from './helpers/env';

/**
 * Starts one real PostgreSQL for the whole run (random free port, temporary folder), prepares a
 * migrated + seeded template database, and tells the workers where it is. Each test file clones the
 * template into a database of its own, so files never see each other's data.
 */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samvirke-test-'));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres OS user and must reach it
  const pg = await startEmbeddedPostgres({ dir, ephemeral: true });
  const templateUrl = withDatabase(pg.url, TEST_ENV.templateDb);
  await ensureDatabase(pg.url, TEST_ENV.templateDb);
  await ensureAppRole(templateUrl, TEST_ENV.appPassword);
  await migrate(templateUrl, database.model);
  await seed(templateUrl, database);
  process.env[TEST_ENV.serverUrlVar] = pg.url;
  (globalThis as Record<string, unknown>).__SAMVIRKE_PG__ = { pg, dir };
}
