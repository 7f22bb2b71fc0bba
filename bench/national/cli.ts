import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/bootstrap';
import { createDataSource } from '../../src/db/data-source';
import { database } from '../../src/features/data';
import { generateNational, NationalOptions } from './generate';

/**
 * `npm run gen:national [-- --seed TEXT --scale 0.1 --report-months N --kostra-files N]`: fills a
 * database with the synthetic Norway of generate.ts. The database: DATABASE_URL (as the owner) when
 * set; otherwise the embedded PostgreSQL of DATA_DIR, by default `.data/national` (its own cluster,
 * apart from `npm start`'s `.data`), started, migrated and stopped the way `npm start` does it.
 * `npm run bench -- --national` then runs against the same DATA_DIR.
 * Exit code: 0 done, 1 failed (what is committed stays; a re-run goes on from there), 2 usage.
 */
export const NATIONAL_USAGE = `usage: npm run gen:national [-- --seed TEXT] [--scale 0<S≤1] [--report-months N] [--kostra-files N]
  --seed           any text; the same seed gives the same content (default "norge")
  --scale          1 = every municipality in 45 regions (default); smaller for a quick run
  --report-months  months of cost reports per service published through the report code, counted back from 2025-12 (default 12; 120 = all ten years, about 100 ms each)
  --kostra-files   municipality-years imported from generated KOSTRA 15F files (default 60); the others by the statistics CSV import
Database: DATABASE_URL (owner) if set, else the embedded PostgreSQL in DATA_DIR (default .data/national).
KLASS_131_DIR: SSB's classification of municipalities (else the demo excerpt, filled up with SYNTHETIC municipalities).`;

export const DEFAULT_NATIONAL_DATA_DIR = path.join('.data', 'national');

export function nationalOptions(argv: string[]): Omit<NationalOptions, 'log'> | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      seed: { type: 'string', default: 'norge' },
      scale: { type: 'string', default: '1' },
      'report-months': { type: 'string', default: '12' },
      'kostra-files': { type: 'string', default: '60' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be a number in (0, 1], got "${values.scale}"`);
  const count = (name: string, raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${raw}"`);
    return n;
  };
  return { seed: values.seed!, scale, reportMonths: count('report-months', values['report-months']!), kostraFiles: count('kostra-files', values['kostra-files']!) };
}

async function main(): Promise<number> {
  let options;
  try {
    options = nationalOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message.split('\n')[0]}\n${NATIONAL_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(NATIONAL_USAGE);
    return 0;
  }
  const env = { ...process.env, SEED_DEMO: 'false', DATA_DIR: process.env.DATA_DIR || DEFAULT_NATIONAL_DATA_DIR };
  const config = loadConfig(env);
  const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  const db = await openDatabase(config, (m) => (m.startsWith('[postgres]') ? undefined : log(m)), database);
  const owner = createDataSource(db.ownerUrl, database.model, { poolSize: 4, name: 'gen-national' });
  await owner.initialize();
  try {
    log(`gen:national seed "${options.seed}", scale ${options.scale} into ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`}`);
    const result = await generateNational(owner, db.app, config, { ...options, log });
    log(`done in ${result.seconds} s${result.synthetic ? ` (${result.synthetic} SYNTHETIC municipalities)` : ''}`);
    for (const [table, n] of Object.entries(result.counts)) log(`  ${table.padEnd(28)} ${n.toLocaleString('en')}`);
    console.log(`GEN_NATIONAL_RESULT=${JSON.stringify(result)}`);
    return 0;
  } finally {
    await owner.destroy();
    await db.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`gen:national failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
