import { Client } from 'pg';

/**
 * A generated region for `npm run bench`, large enough that a change that wins on the tiny demo
 * data and loses at scale shows: 40 municipalities, 1,000 units, 3 shared services owned by all
 * municipalities, and one adopted strategic plan with 200 measures (goals, focus areas, responsible,
 * goal links, milestones) and an implementation status for every measure in every municipality
 * (8,000 rows). Everything in it is illustrative and says so in its names.
 *
 * Written once, as the database owner, straight into the tables (the API's rules are not what is
 * measured here); the municipality numbers 9001–9040 are not real kommunenummer.
 */
export const LARGE = {
  region: 'bench-storregion',
  municipalities: 40,
  unitsPerMunicipality: 25,
  measures: 200,
  goals: 12,
  subGoalsPerGoal: 2,
  focusAreas: 8,
  milestones: 10,
  /** The director whose token the scenarios use (the first generated municipality). */
  directorMunicipality: '9001',
} as const;

export async function createLargeRegion(ownerUrl: string): Promise<{ planId: string; unitId: string }> {
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    const one = async <T = Record<string, string>>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;
    const { id: region } = await one(`INSERT INTO region (code, name) VALUES ($1, 'Storregion (generated benchmark data, illustrative)') RETURNING id`, [LARGE.region]);
    await db.query(
      `INSERT INTO municipality (region_id, number, name)
       SELECT $1, (9000 + i)::text, 'Testkommune ' || (9000 + i) || ' (illustrative)' FROM generate_series(1, $2::int) i`,
      [region, LARGE.municipalities],
    );
    await db.query(
      `INSERT INTO municipality_population (region_id, municipality_id, year, aged_0_17)
       SELECT $1, m.id, y, 500 + (m.number::int % 37) * 40 FROM municipality m, generate_series(2022, 2024) y WHERE m.region_id = $1`,
      [region],
    );
    await db.query(
      `INSERT INTO unit (region_id, municipality_id, code, name, kind, size)
       SELECT $1, m.id, 'u' || m.number || '-' || j, (ARRAY['Skole', 'Barnehage', 'Helsestasjon'])[1 + j % 3] || ' ' || lpad(j::text, 2, '0') || ' i ' || m.number, (ARRAY['SCHOOL', 'KINDERGARTEN', 'OTHER'])[1 + j % 3], 20 + j * 7
         FROM municipality m, generate_series(1, $2::int) j WHERE m.region_id = $1`,
      [region, LARGE.unitsPerMunicipality],
    );
    const { id: host } = await one(`SELECT id FROM municipality WHERE region_id = $1 ORDER BY number LIMIT 1`, [region]);
    await db.query(
      `INSERT INTO shared_service (region_id, code, name, kind, host_municipality_id)
       SELECT $1, s.code, s.name, s.kind, $2 FROM (VALUES ('barnevern', 'Barnevern (illustrative)', 'BARNEVERN'), ('ppt', 'PPT (illustrative)', 'PPT'), ('nav', 'NAV (illustrative)', 'NAV')) s(code, name, kind)`,
      [region, host],
    );
    await db.query(
      `WITH p AS (INSERT INTO ownership_period (region_id, service_id, valid_from, note)
                  SELECT $1, s.id, DATE '2020-01-01', 'Generated benchmark data' FROM shared_service s WHERE s.region_id = $1 RETURNING id)
       INSERT INTO ownership_period_owner (region_id, period_id, municipality_id) SELECT $1, p.id, m.id FROM p, municipality m WHERE m.region_id = $1`,
      [region],
    );

    // The plan, adopted: version 1 ADOPTED (the plan's adopted_version_id is checked at commit).
    const { id: plan } = await one(
      `INSERT INTO strategic_plan (region_id, title, period_start_year, period_end_year, status, created_by)
       VALUES ($1, 'Stor oppvekstplan (generated benchmark data, illustrative)', 2025, 2028, 'ADOPTED', 'bench') RETURNING id`,
      [region],
    );
    const { id: version } = await one(
      `INSERT INTO plan_version (region_id, plan_id, number, status, created_by, submitted_at, adopted_on)
       VALUES ($1, $2, 1, 'ADOPTED', 'bench', now() - interval '60 days', CURRENT_DATE - 30) RETURNING id`,
      [region, plan],
    );
    await db.query(`UPDATE strategic_plan SET adopted_version_id = $2 WHERE id = $1`, [plan, version]);
    await db.query(`INSERT INTO plan_coverage_municipality (region_id, plan_id, municipality_id) SELECT $1, $2, id FROM municipality WHERE region_id = $1`, [region, plan]);
    await db.query(`INSERT INTO plan_coverage_service (region_id, plan_id, service_id) SELECT $1, $2, id FROM shared_service WHERE region_id = $1`, [region, plan]);
    const content = [region, plan, version];
    await db.query(`INSERT INTO plan_goal (region_id, plan_id, version_id, position, kind, title) VALUES ($1, $2, $3, 0, 'MAIN', 'Hovedmål (illustrative)')`, content);
    await db.query(
      `INSERT INTO plan_goal (region_id, plan_id, version_id, position, kind, code, title, description)
       SELECT $1, $2, $3, g, 'GOAL', g::text, 'Mål ' || g || ' (illustrative)', 'Generated benchmark goal' FROM generate_series(1, $4::int) g`,
      [...content, LARGE.goals],
    );
    await db.query(
      `INSERT INTO plan_goal (region_id, plan_id, version_id, position, kind, parent_goal_id, code, title)
       SELECT $1, $2, $3, g.position * 100 + s, 'SUB_GOAL', g.id, g.code || '.' || s, 'Delmål ' || g.code || '.' || s || ' (illustrative)'
         FROM plan_goal g, generate_series(1, $4::int) s WHERE g.version_id = $3 AND g.kind = 'GOAL'`,
      [...content, LARGE.subGoalsPerGoal],
    );
    await db.query(
      `INSERT INTO plan_focus_area (region_id, plan_id, version_id, position, title, what_we_achieve, how_we_do_it, roles_and_responsibility)
       SELECT $1, $2, $3, f, 'Innsatsområde ' || f || ' (illustrative)', 'Hva vi vil oppnå ' || f, 'Slik gjør vi det ' || f, 'Roller ' || f FROM generate_series(1, $4::int) f`,
      [...content, LARGE.focusAreas],
    );
    await db.query(
      `INSERT INTO plan_measure (region_id, plan_id, version_id, position, focus_area_id, code, title, description, organisation, time_frame, budget_ore, budget_line, prevention_levels, target_group)
       SELECT $1, $2, $3, i, (SELECT id FROM plan_focus_area WHERE version_id = $3 AND position = 1 + i % $5::int), 'T' || i, 'Tiltak ' || i || ' (illustrative)',
              'Beskrivelse av tiltak ' || i, 'Organisering ' || i, '2025–2028', i * 1000000::bigint, 'Budsjettlinje ' || i,
              ARRAY[(ARRAY['UNIVERSAL', 'SELECTIVE', 'INDICATED'])[1 + i % 3]], 'Barn og unge'
         FROM generate_series(1, $4::int) i`,
      [...content, LARGE.measures, LARGE.focusAreas],
    );
    await db.query(
      `INSERT INTO plan_measure_responsible (region_id, plan_id, version_id, measure_id, position, kind, service_id, municipality_id, role_name)
       SELECT $1, $2, $3, m.id, r, CASE r WHEN 0 THEN 'SERVICE' WHEN 1 THEN 'ROLE' ELSE 'MUNICIPALITY' END,
              CASE r WHEN 0 THEN (SELECT id FROM shared_service WHERE region_id = $1 AND code = 'barnevern') END,
              CASE r WHEN 2 THEN $4::uuid END, CASE r WHEN 1 THEN 'Kommunalsjef oppvekst' END
         FROM plan_measure m, generate_series(0, 2) r WHERE m.version_id = $3`,
      [...content, host],
    );
    await db.query(
      `INSERT INTO plan_goal_measure (region_id, plan_id, version_id, goal_id, measure_id)
       SELECT DISTINCT $1::uuid, $2::uuid, $3::uuid, g.id, m.id FROM plan_measure m
         JOIN plan_goal g ON g.version_id = $3 AND g.kind <> 'MAIN' AND g.position IN (1 + m.position % $4::int, (1 + m.position % $4::int) * 100 + 1)
        WHERE m.version_id = $3`,
      [...content, LARGE.goals],
    );
    await db.query(
      `INSERT INTO plan_milestone (region_id, plan_id, version_id, position, title, due_term, due_year)
       SELECT $1, $2, $3, i, 'Milepæl ' || i || ' (illustrative)', (ARRAY['SPRING', 'AUTUMN'])[1 + i % 2], 2025 + i / 3
         FROM generate_series(1, $4::int) i`,
      [...content, LARGE.milestones],
    );
    await db.query(
      `INSERT INTO plan_milestone_progress (region_id, plan_id, milestone_key, status, note, updated_by)
       SELECT $1, $2, m.key, (ARRAY['IN_PROGRESS', 'DONE'])[1 + m.position % 2], 'Generated benchmark progress', 'bench' FROM plan_milestone m WHERE m.version_id = $3`,
      content,
    );
    await db.query(
      `INSERT INTO plan_adoption (region_id, plan_id, version_id, municipality_id, status, decision_body, decided_on, case_number, recorded_by)
       SELECT $1, $2, $3, m.id, 'ADOPTED', 'Kommunestyret', CURRENT_DATE - 40, '25/' || m.number, 'bench' FROM municipality m WHERE m.region_id = $1`,
      content,
    );
    await db.query(
      `INSERT INTO measure_implementation (region_id, plan_id, measure_key, municipality_id, status, note, updated_by)
       SELECT $1, $2, pm.key, m.id, (ARRAY['NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED', 'EVALUATED'])[1 + (pm.position + m.number::int) % 4], 'Generated benchmark status', 'bench'
         FROM plan_measure pm, municipality m WHERE pm.version_id = $3 AND m.region_id = $1`,
      content,
    );
    const { id: unit } = await one(`SELECT u.id FROM unit u JOIN municipality m ON m.id = u.municipality_id WHERE m.number = $1 ORDER BY u.name, u.id LIMIT 1`, [LARGE.directorMunicipality]);
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return { planId: plan, unitId: unit };
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await db.end();
  }
}
