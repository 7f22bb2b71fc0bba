import { EntityManager } from 'typeorm';
import type { RegionSeeder } from '../region-seeder';
import { NORD_OSTERDAL } from './nord-osterdal';
import { SOR_AURDAL } from './sor-aurdal';
import { writePlanDocument } from './write';

/**
 * Demo plans, one per demo region:
 * - Nord-Østerdal: the shared plan of the five municipalities (./nord-osterdal.ts), adopted by all
 *   five councils. The decisions' dates and case numbers and the TST implementation statuses are
 *   illustrative and say so in their `illustrative_note`; the TST measure is linked to the region's
 *   TST forum kind (fora evidence beside the statuses), and «Kompetansekartlegging» is followed per
 *   municipality («… i kommunene»), with no progress recorded (the minutes say only «Tidsplanen
 *   følges»); the barnevern leader's orientation of the control committees on 4 September 2023 is
 *   recorded as the service's review, in the minutes' words.
 * - Valdres: Sør-Aurdal's plan towards 2030 (./sor-aurdal.ts) as a draft: the document does not
 *   say when (or whether) the council adopted it.
 */
const SUBJECT = 'seed';

/** ILLUSTRATIVE council decisions (kommunestyret) in spring 2023, when the plan's timeline has it adopted. */
export const NORD_OSTERDAL_ADOPTIONS: Record<string, { date: string; caseNumber: string }> = {
  '3424': { date: '2023-03-23', caseNumber: '23/118' },
  '3426': { date: '2023-03-28', caseNumber: '23/96' },
  '3427': { date: '2023-03-30', caseNumber: '23/204' },
  '3428': { date: '2023-04-13', caseNumber: '23/131' },
  '3429': { date: '2023-04-20', caseNumber: '23/77' },
};
const ADOPTION_NOTE = 'Illustrativ: dato og saksnummer er laget for demoen. Planens tidsplan sier at den vedtas politisk våren 2023; kilden oppgir ikke vedtakene.';

/** ILLUSTRATIVE implementation statuses of the TST measure. */
const TST_STATUS: Record<string, string> = { '3427': 'EVALUATED', '3426': 'IMPLEMENTED', '3428': 'IMPLEMENTED', '3424': 'IN_PROGRESS' };
const STATUS_NOTE = 'Illustrativ status for demoen: protokollen 04.09.2023 sier bare «Tidsplanen følges».';

/** The barnevern leader's orientation of the control committees, 4 September 2023 (the minutes' bullets on the plan). */
export const ORIENTATION_2023 = {
  reviewedOn: '2023-09-04',
  summary: [
    'Orientering om barnevernstjenesten i Nord-Østerdal for kontrollutvalgene i Tynset, Tolga, Alvdal, Rendalen og Folldal 04.09.2023 (Kontrollutvalget i Folldal kommune, sak 23/23). Om strategisk plan for tverrfaglig samarbeid og forebyggende innsats:',
    '- Arbeidet med planen startet sommeren -22 og planen ble slutført februar -23',
    '- KS konsulent bistod kommunene i planprosessen',
    '- Lik plan for våre 5 samarbeidskommuner',
    '- Tidsplanen følges',
    '- Planen sees i sammenheng med andre planer innen samme område så som kompetanseløftet og den nylig avsluttede piloten (Tynset)',
  ].join('\n'),
};

async function seedNordOsterdal(em: EntityManager, regionId: string): Promise<void> {
  const municipalities: { id: string; number: string }[] = await em.query(`SELECT id, number FROM municipality WHERE region_id = $1 ORDER BY number`, [regionId]);
  const [{ id: barnevern }] = await em.query(`SELECT id FROM shared_service WHERE region_id = $1 AND code = 'barnevern'`, [regionId]);
  const plan = await writePlanDocument(em, regionId, NORD_OSTERDAL, ['barnevern', 'ppt', 'nav'], SUBJECT);
  await em.query(`UPDATE plan_version SET change_note = $2 WHERE id = $1`, [plan.versionId, 'Arbeidet med planen startet sommeren -22 og planen ble slutført februar -23']);

  // On consultation (the date is not known), then adopted by all five councils.
  await em.query(`UPDATE plan_version SET status = 'CONSULTATION' WHERE id = $1`, [plan.versionId]);
  for (const m of municipalities) {
    const decision = NORD_OSTERDAL_ADOPTIONS[m.number];
    await em.query(
      `INSERT INTO plan_adoption (region_id, plan_id, version_id, municipality_id, status, decision_body, decided_on, case_number, recorded_by, recorded_at, illustrative_note)
       VALUES ($1, $2, $3, $4, 'ADOPTED', 'Kommunestyret', $5, $6, $7, $5::date + 1, $8)`,
      [regionId, plan.planId, plan.versionId, m.id, decision.date, decision.caseNumber, SUBJECT, ADOPTION_NOTE],
    );
  }
  const adoptedOn = Object.values(NORD_OSTERDAL_ADOPTIONS)
    .map((a) => a.date)
    .sort()
    .pop();
  await em.query(`UPDATE plan_version SET status = 'ADOPTED', adopted_on = $2 WHERE id = $1`, [plan.versionId, adoptedOn]);
  await em.query(`UPDATE strategic_plan SET status = 'ADOPTED', adopted_version_id = $2 WHERE id = $1`, [plan.planId, plan.versionId]);

  const tstKey = plan.measureKeys.get(NORD_OSTERDAL.measures[0].title);
  for (const m of municipalities.filter((x) => TST_STATUS[x.number])) {
    await em.query(
      `INSERT INTO measure_implementation (region_id, plan_id, measure_key, municipality_id, status, updated_by, updated_at, illustrative_note) VALUES ($1, $2, $3, $4, $5, $6, '2024-06-01T12:00:00Z', $7)`,
      [regionId, plan.planId, tstKey, m.id, TST_STATUS[m.number], SUBJECT, STATUS_NOTE],
    );
  }
  // The TST measure is carried out by the region's TST fora: its implementation shows their meetings beside the status set.
  await em.query(`INSERT INTO plan_measure_forum_kind (region_id, plan_id, measure_key, forum_kind_id, updated_by) SELECT $1, $2, $3, id, $4 FROM forum_kind WHERE region_id = $1 AND code = 'tst'`, [
    regionId,
    plan.planId,
    tstKey,
    SUBJECT,
  ]);
  await em.query(`INSERT INTO plan_review (region_id, plan_id, version_id, service_id, reviewed_on, summary, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    regionId,
    plan.planId,
    plan.versionId,
    barnevern,
    ORIENTATION_2023.reviewedOn,
    ORIENTATION_2023.summary,
    SUBJECT,
  ]);
}

/** Region seeder: runs as REGION_ADMIN of the region. */
export const seedStrategicPlan: RegionSeeder = async (em, region) => {
  if (region.code === 'nord-osterdal') await seedNordOsterdal(em, region.id);
  if (region.code === 'valdres') await writePlanDocument(em, region.id, SOR_AURDAL, ['barnevern'], SUBJECT);
};
