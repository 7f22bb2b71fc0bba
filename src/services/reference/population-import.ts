import { In } from 'typeorm';
import { Role } from '../../auth/roles';
import { Municipality } from '../../entities/reference/municipality';
import { MunicipalityPopulation } from '../../entities/reference/municipality-population';
import type { Message } from '../../i18n';
import { Importer, ImportProblem, NEW } from '../imports/importer';
import { KOMMUNENUMMER } from './kommunenummer';

export interface PopulationRow {
  kommunenummer: string;
  year: number;
  aged0to17: number;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

/** A whole number in [min, max] from a CSV cell or a JSON number, or the problem with it. */
export function wholeNumber(value: unknown, field: string, line: number, min: number, max: number): number | ImportProblem {
  const t = text(value);
  if (!/^-?\d+$/.test(t)) return { line, field, key: 'imports.notWholeNumber', params: { value: t.slice(0, 40) } };
  const n = Number(t);
  if (n < min || n > max) return { line, field, key: 'imports.outsideRange', params: { value: n, min, max } };
  return n;
}

/**
 * Residents aged 0–17 per municipality and year (SSB table 07459, "at 1 January"), the base of
 * per-capita statistics and of population-based allocation keys. REGION_ADMIN, own region.
 * Canonical CSV: `kommunenummer,year,aged_0_17` (comma or semicolon separated).
 */
export const populationImport: Importer<PopulationRow> = {
  kind: 'population',
  title: { key: 'imports.title.population' },
  roles: [Role.REGION_ADMIN],
  action: 'Importing population figures',
  columns: ['kommunenummer', 'year', 'aged_0_17'],
  numericColumns: ['year', 'aged_0_17'],
  // Every row is held until the plan (the whole country for 128 years is 46,000): bounded so that no file pushes the process past its memory budget.
  maxRecords: 100_000,
  read(record, line, today) {
    const problems: ImportProblem[] = [];
    const kommunenummer = text(record.kommunenummer);
    if (!KOMMUNENUMMER.test(kommunenummer)) problems.push({ line, field: 'kommunenummer', key: 'imports.notKommunenummer', params: { value: kommunenummer.slice(0, 40) } });
    const year = wholeNumber(record.year, 'year', line, 1900, Number(today.slice(0, 4)) + 1);
    const aged = wholeNumber(record.aged_0_17, 'aged_0_17', line, 0, 10_000_000);
    for (const v of [year, aged]) if (typeof v !== 'number') problems.push(v);
    if (problems.length) return { problems };
    return { row: { kommunenummer, year: year as number, aged0to17: aged as number } };
  },
  identity: (row) => `${row.kommunenummer} ${row.year}`,
  async plan({ tx, ctx }, rows) {
    const numbers = [...new Set(rows.map((r) => r.row.kommunenummer))];
    const municipalities = await tx.getRepository(Municipality).findBy({ number: In(numbers) });
    const byNumber = new Map(municipalities.map((m) => [m.number, m]));
    const existing = municipalities.length ? await tx.getRepository(MunicipalityPopulation).findBy({ municipalityId: In(municipalities.map((m) => m.id)) }) : [];
    const current = new Map(existing.map((p) => [`${p.municipalityId} ${p.year}`, p.aged0To17]));
    const problems: ImportProblem[] = [];
    const writes: { municipalityId: string; year: number; aged: number }[] = [];
    const changes: Message[] = [];
    let unchanged = 0;
    let inserted = 0;
    for (const { line, row } of rows) {
      const m = byNumber.get(row.kommunenummer);
      if (!m) {
        problems.push({ line, field: 'kommunenummer', key: 'imports.noSuchMunicipality', params: { number: row.kommunenummer } });
        continue;
      }
      const before = current.get(`${m.id} ${row.year}`);
      if (before === row.aged0to17) {
        unchanged += 1;
        continue;
      }
      if (before === undefined) inserted += 1;
      writes.push({ municipalityId: m.id, year: row.year, aged: row.aged0to17 });
      changes.push({ key: 'imports.change.value', params: { label: `${m.name} (${m.number}) ${row.year}`, before: before === undefined ? NEW : before, after: row.aged0to17 } });
    }
    return {
      problems,
      inserted,
      updated: writes.length - inserted,
      unchanged,
      deleted: 0,
      changes,
      audit: { entity: 'MunicipalityPopulation', entityId: ctx.principal.regionId! },
      async apply() {
        // One statement for the whole file, whatever its size.
        await tx.query(
          `INSERT INTO municipality_population (region_id, municipality_id, year, aged_0_17)
           SELECT $1, w.municipality_id, w.year, w.aged FROM unnest($2::uuid[], $3::int[], $4::int[]) AS w(municipality_id, year, aged)
           ON CONFLICT (municipality_id, year) DO UPDATE SET aged_0_17 = EXCLUDED.aged_0_17`,
          [ctx.principal.regionId, writes.map((w) => w.municipalityId), writes.map((w) => w.year), writes.map((w) => w.aged)],
        );
      },
    };
  },
};
