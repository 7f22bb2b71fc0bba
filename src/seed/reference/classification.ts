import { DataSource } from 'typeorm';
import { klassBundleDir, readKlassBundle } from '../../services/reference/klass-bundle';
import { klass131Sample } from './klass-131-sample';

/**
 * SSB's classification of municipalities for a development or test database, loaded once when the
 * tables are empty: the hand-written excerpt (./klass-131-sample.ts), or SSB's documents in the
 * folder KLASS_131_DIR names. A deployment loads SSB's whole classification with
 * `npm run import -- municipality-classification FILE`. Runs as the owner in an OPERATOR context
 * (the tables' RLS lets only an operator write). True when it loaded something.
 */
export async function seedMunicipalityClassification(ds: DataSource): Promise<boolean> {
  const dir = klassBundleDir();
  return ds.transaction(async (em) => {
    await em.query(`SELECT set_config('app.role', 'OPERATOR', true)`);
    const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM municipality_classification_version`)) as { n: number }[];
    if (n) return false;
    const { versions, changes } = dir ? readKlassBundle(dir) : klass131Sample();
    for (const v of versions) {
      await em.query(`INSERT INTO municipality_classification_version (valid_from, valid_to, name) VALUES ($1, $2, $3)`, [v.validFrom, v.validTo ?? null, (v.name ?? v.validFrom).trim()]);
      await em.query(`INSERT INTO municipality_classification_item (valid_from, code, name) SELECT $1, c, n FROM unnest($2::text[], $3::text[]) AS i(c, n)`, [
        v.validFrom,
        v.items.map((i) => i.code),
        v.items.map((i) => i.name.trim()),
      ]);
    }
    await em.query(
      `INSERT INTO municipality_code_change (change_occurred, old_code, old_name, new_code, new_name)
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
      [changes.map((c) => c.changeOccurred), changes.map((c) => c.oldCode), changes.map((c) => c.oldName), changes.map((c) => c.newCode), changes.map((c) => c.newName)],
    );
    return true;
  });
}
