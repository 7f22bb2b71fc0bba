import { DEFAULT_RULE } from '../../src/services/statistics/suppression';
import { attackersOf, weaknesses } from './audit';
import { demoTables } from './demo-tables';

/**
 * The demo region's publication against the three attackers of audit.ts: the public who knows a
 * suppressed cell is ≥ 1, and each of the five directors with their own municipality's true counts
 * (Folldal's director once computed Alvdal's October 2020 reports as exactly 4).
 */
const tables = demoTables();

it('publishes the demo tables it should (4 years × 7 metrics, voluntary placements from 2021)', () => {
  expect(tables.length).toBe(26);
  expect(tables.reduce((n, t) => n + t.state.filter((s) => s !== 0).length, 0)).toBeGreaterThan(0);
});

it.each(tables.map((t) => [t.name, t] as const))('%s: no attacker pins or narrows a suppressed count', async (_name, { table, state }) => {
  for (const attacker of attackersOf(table)) {
    const found = await weaknesses(table, state, DEFAULT_RULE, attacker);
    expect([attacker, found]).toEqual([attacker, []]);
  }
});
