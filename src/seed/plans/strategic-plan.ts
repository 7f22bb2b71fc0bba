import { EntityManager } from 'typeorm';
import type { RegionSeeder } from '../../features/feature';

/**
 * Demo: the shared plan of the five Nord-Østerdal municipalities, from seed 001 ("Strategisk plan
 * for tverrfaglig samarbeid og forebyggende innsats for barn, unge og familier i
 * Rendalen/Folldal/Tynset/Alvdal/Tolga kommune"): the main goal and the strategic goals (section 2),
 * the four focus areas of section 6 "Den gode praksisen" with their three texts, the TST measure,
 * and the timeline of section 7 "Veien videre" (spring 2023, autumn 2023, spring 2024).
 * ILLUSTRATIVE: the period 2023–2026, the measures other than TST (condensed from the "Slik gjør vi
 * det" bullets), their links to goals, council dates and case numbers, and implementation statuses.
 */
const MAIN_GOAL = 'Flere utsatte barn og familier skal få den hjelpen de trenger på et tidlig tidspunkt';

export const NORD_OSTERDAL_GOALS = [
  'Kommunen har systematisert et forebyggende arbeid i alle faser av barnets oppvekst. Et forebyggende arbeide der alle barn og foresatte opplever den samme kvalitet, møter samme kompetanse og like rutiner',
  'Barn og unge som trenger hjelp blir oppdaget tidlig og får rask hjelp uavhengig av om utfordringen gjelder lærevansker, psykisk eller fysisk helse eller familiesituasjonen.',
  'Barn, unge og dere familier får helhetlig og koordinert hjelp',
  'Alle barn og unge opplever et godt og inkluderende oppvekst-, leke- og læringsmiljø',
  'Ungt utenforskap tas tak i og det gis riktig hjelp',
];

const bullets = (lines: string[]) => lines.map((l) => `- ${l}`).join('\n');

export const NORD_OSTERDAL_FOCUS_AREAS = [
  {
    title: 'Tverrfaglig samhandling',
    what: 'Barn og familier opplever at den hjelpen de får er samkjørt og helhetlig. Medvirkningen oppleves reell. Alle deltakere i de tverrfaglige møtene opplever seg som likeverdige parter. Foresatte og ansatte i tjenestene opplever at de får adekvate råd og veiledning for å tilpasse sin praksis til barnets beste',
    how: bullets([
      'Vi etablerer faste tverrfaglige samhandlingsteam (TST) på alle skoler og barnehager',
      'Faste deltagere: skole/barnehage, PPT, helsesykepleier og barnevern, og det er møteplikt. NAV og andre instanser kobles på ved behov.',
      'Teamets møteplass er ute på den enkelte enhet',
      'Møtene har en klar møteledelse og alle medlemmene har myndighet til å utforme tiltak',
      'Det er sammenheng mellom dette teamet og øvrige tverrfaglig samhandlingsteam på kommunalt nivå, med tydelige rutiner for informasjonsflyt og bistand.',
    ]),
    roles: bullets([
      'Møtene ledes av ansatte/ledere som har kompetanse i å lede tverrfaglige møter og møtedeltakerne har fått delegert nok ansvar til å være beslutningsdyktige',
      'De som representerer ulike profesjoner, har myndighet til å ta bestemmelser på vegne av sin tjeneste.',
      'Barn, unge og foresatte inviteres inn som likeverdige deltakere og med et felles ansvar for å finne gode løsninger',
    ]),
  },
  {
    title: 'Forebygging',
    what: 'Vi arbeider forebyggende for å redusere behov for ekstra hjelp både for barn og familier. Det forebyggende arbeidet foregår i hele oppvekstløpet og er tilpasset de ulike utviklingstrinnene hos barnet.',
    how: bullets([
      'Vi jobber systematisk og målrettet for å sikre høy faglig kvalitet i alle tjenester',
      'Vi sikrer at alle barn og familier opplever det samme nivå på tjenestene, uavhengig av hvilken barnehage, skole eller hjelpetjeneste de møter',
      'Vi tilbyr systematisk foreldreveiledning til alle foreldre. Det lages konkrete og forpliktende rutiner på hvem som skal gjøre hva på ulike alderstrinn. De ulike temaene planlegges og gjennomføres av en tverrfaglig sammensatt gruppe.',
    ]),
    roles: bullets([
      'Alle som arbeider med barn og unge har et ansvar for å bidra i det forebyggende arbeidet.',
      'Ledelsen har et overordnet ansvar for å se helheten og at forebyggende arbeidet er strukturert og er i forkant av barnets utvikling',
    ]),
  },
  {
    title: 'Tidlig innsats',
    what: 'Vi oppdager barn og foreldre i risiko, og sammen hjelper dem så tidlig som mulig i deres liv slik at en forhindrer skjevutvikling.',
    how: bullets([
      'Vi har kartlegginger og systemer for å fange opp, og som er lik for alle barn',
      'Vi definerer begrepet uro, når bør vi bli urolig?',
      'Vi kobler på rett kompetanse til rett tid og samhandler tverrfaglig.',
      'Vi har felles rutiner for bekymringsmelding. Rutinene er godt kjent, forpliktende og lett å bruke.',
      'Vi har felles digitale systemer',
    ]),
    roles: bullets([
      'Alle ansatte som arbeider med barn og unge har en plikt til å handle når de får uro for et barn eller ser at utviklingen ikke går som forventet, både faglig og sosialt. Det skal løses hos dem som er nærmest barnet, om nødvendig sammen med rett tverrfaglig kompetanse.',
      'Den som blir forespurt om å bidra er pliktig til å delta med sin kompetanse og sine ressurser.',
      'Ledelsen er ansvarlig for at rutiner er kjent og praksis følges',
    ]),
  },
  {
    title: 'Kompetanseheving',
    what: 'Kompetansen er nær barnet. Det betyr i praksis at de ansatte som er nærmest barnet og foresatte har nødvendig kompetanse for å gi barnet best mulig hjelp.',
    how: bullets([
      'Vi har oversikt over hvilken kompetanse vi har og hvor vi skal få tak i det som mangler',
      'Vi har arenaer og møteplasser hvor kompetanse deles',
      'Vi gjennomfører jevnlig kompetanseheving på forebygging og tidlig innsats',
      'Vi har kompetanse på å lede og delta i tverrfaglig samhandling',
    ]),
    roles: bullets([
      'Den enkelte ansatte har plikt til å ha oppdatert kompetanse innen sitt fagområde',
      'Den ansatte har også plikt til å samarbeide med andre når sin egen kompetanse ikke er tilstrekkelig',
      'Ledelsen har ansvar for at organisasjonen har tilstrekkelig kompetanse til å utføre sine oppgaver, enten internt eller sammen med andre.',
    ]),
  },
];

type Responsible = { service: string } | { role: string };
interface SeedMeasure {
  code: string;
  focusArea: number;
  title: string;
  description: string;
  organisation: string | null;
  timeFrame: string | null;
  level: 'UNIVERSAL' | 'SELECTIVE' | 'INDICATED';
  targetGroup: string;
  responsible: Responsible[];
  goals: number[];
  budgetOre: string | null;
  budgetLine: string | null;
}

export const TST_TITLE = 'Faste tverrfaglige samhandlingsteam (TST) på alle skoler og barnehager';

const MEASURES: SeedMeasure[] = [
  {
    code: '1',
    focusArea: 0,
    title: TST_TITLE,
    description:
      'Teamets mandat er både på systemnivå for utvikling av faglige kompetansen på enheten og blant medlemmene, og på individnivå for å hjelpe barn og foresatte. Mandatet er også å komme med råd og veiledning i en tidlig fase, før eventuell utredning. Møtene har tre elementer: 1. Generell diskusjon om tilstanden på enheten eller planlegging av aktiviteter. 2. Veiledning av ansatte eller kompetanseheving i personalet og temaet. 3. Observasjon eller samtaler med barn/foresatte.',
    organisation:
      'Faste deltagere: skole/barnehage, PPT, helsesykepleier og barnevern, og det er møteplikt. NAV og andre instanser kobles på ved behov. Teamets møteplass er ute på den enkelte enhet. Teamets medlemmer setter av minimum 2,5 timer til de konkrete møtepunktene. Møtene følger en felles mal som styrer agendaen i møtet. TST erstatter dagens arbeid i OBS-team og BUT-team.',
    timeFrame: 'Strukturene er klare til skolestart august 2023. Møtene avholdes minst 2 ganger i høstsemesteret og 3 ganger i vårsemesteret, avhengig av tjenestestedets størrelse; hyppighet prøves ut og evalueres.',
    level: 'SELECTIVE',
    targetGroup: 'Barn og unge i barnehage og skole, foresatte og ansatte',
    responsible: [{ role: 'Skole/barnehage' }, { service: 'ppt' }, { role: 'Helsesykepleier' }, { service: 'barnevern' }],
    goals: [1, 2],
    budgetOre: null,
    budgetLine: 'Innenfor rammen til tjenestene (møtetid)',
  },
  {
    code: '2',
    focusArea: 1,
    title: 'Systematisk foreldreveiledning til alle foreldre',
    description: 'Konkrete og forpliktende rutiner på hvem som skal gjøre hva på ulike alderstrinn. De ulike temaene planlegges og gjennomføres av en tverrfaglig sammensatt gruppe.',
    organisation: 'Tverrfaglig sammensatt gruppe i hver kommune',
    timeFrame: 'Fra høsten 2023',
    level: 'UNIVERSAL',
    targetGroup: 'Alle foreldre',
    responsible: [{ role: 'Helsestasjon' }, { role: 'Barnehage og skole' }],
    goals: [0, 3],
    budgetOre: '15000000',
    budgetLine: 'Oppvekst, felles kompetansemidler',
  },
  {
    code: '3',
    focusArea: 2,
    title: 'Felles rutiner for bekymringsmelding og felles kartlegginger',
    description: 'Vi har kartlegginger og systemer for å fange opp, og som er lik for alle barn. Felles rutiner for bekymringsmelding er godt kjent, forpliktende og lette å bruke.',
    organisation: null,
    timeFrame: 'Våren 2023',
    level: 'SELECTIVE',
    targetGroup: 'Barn og foreldre i risiko',
    responsible: [{ service: 'barnevern' }],
    goals: [1, 2],
    budgetOre: null,
    budgetLine: null,
  },
  {
    code: '4',
    focusArea: 3,
    title: 'Kompetansekartlegging og felles kompetanseheving',
    description: 'Hva har vi av kompetanse i kommunene for å arbeide etter planen, hva mangler vi? Hva gjør vi for å dekke kompetansegapene? Jevnlig felles kompetanseheving på forebygging og tidlig innsats.',
    organisation: 'Arbeidsgruppen leder og koordinerer på kommunalt nivå; styringsgruppen følger opp.',
    timeFrame: 'Høsten 2023',
    level: 'UNIVERSAL',
    targetGroup: 'Ansatte som arbeider med barn og unge',
    responsible: [{ role: 'Styringsgruppen (kommunedirektørene)' }, { service: 'ppt' }],
    goals: [0],
    budgetOre: '25000000',
    budgetLine: 'Kompetanseløftet',
  },
];

const MILESTONES = [
  {
    term: 'SPRING',
    year: 2023,
    title: 'Planen vedtas politisk; detaljerte tiltak utvikles',
    description:
      'Planen vedtas politisk. Det igangsettes et tverrfaglig arbeid for å utvikle detaljerte tiltak for forebygging og tidlig innsats i tråd med retningslinjene i den strategiske planen. Representanter fra barnevern, PPT, helse og NAV involveres sammen med ledere fra alle kommunene. Disse strukturene er klare til skolestart august 2023.',
    status: 'DONE',
  },
  {
    term: 'AUTUMN',
    year: 2023,
    title: 'Kompetansekartlegging og implementering for alle ansatte',
    description:
      'Kompetansekartlegging – hva har vi av kompetanse i kommunene for å arbeide etter planen, hva mangler vi? Implementering for alle ansatte, skape felles forståelse. Trene på å gjennomføre de ulike elementene i planen, evaluering av egen praksis. Rapportering til politisk nivå på hvilke strukturer som er etablert, og hvordan det arbeides i kommunene.',
    status: 'DONE',
  },
  {
    term: 'SPRING',
    year: 2024,
    title: 'Evaluering og rapportering til politisk nivå',
    description:
      'Sikring på at alle jobber etter ny plan, slik gjøre vi det nå. Evaluering, hva fungerer godt, hva må vi endre? Rapportering til politisk nivå, evaluering av ny praksis og gevinster av de nye arbeidsformene.',
    status: 'IN_PROGRESS',
  },
];

/** ILLUSTRATIVE council decisions (kommunestyret) in spring 2023. */
export const NORD_OSTERDAL_ADOPTIONS: Record<string, { date: string; caseNumber: string }> = {
  '3424': { date: '2023-03-23', caseNumber: '23/118' },
  '3426': { date: '2023-03-28', caseNumber: '23/96' },
  '3427': { date: '2023-03-30', caseNumber: '23/204' },
  '3428': { date: '2023-04-13', caseNumber: '23/131' },
  '3429': { date: '2023-04-20', caseNumber: '23/77' },
};

/** ILLUSTRATIVE implementation statuses of the TST measure (Tynset ran the pilot). */
const TST_STATUS: Record<string, [string, string]> = {
  '3427': ['EVALUATED', 'Pilot i Tynset; TST i alle enheter fra august 2023'],
  '3426': ['IMPLEMENTED', 'TST på alle skoler og barnehager'],
  '3428': ['IMPLEMENTED', 'TST på alle skoler og barnehager'],
  '3424': ['IN_PROGRESS', 'Barnehagene gjenstår'],
};

const SUBJECT = 'seed';

/** Region seeder: only Nord-Østerdal has this plan. Runs as REGION_ADMIN of the region. */
export const seedStrategicPlan: RegionSeeder = async (em, region) => {
  if (region.code !== 'nord-osterdal') return;
  const r = region.id;
  const municipalities: { id: string; number: string }[] = await em.query(`SELECT id, number FROM municipality WHERE region_id = $1 ORDER BY number`, [r]);
  const services: { id: string; code: string }[] = await em.query(`SELECT id, code FROM shared_service WHERE region_id = $1`, [r]);
  const serviceId = (code: string) => services.find((s) => s.code === code)!.id;

  const [{ id: planId }] = await em.query(
    `INSERT INTO strategic_plan (region_id, title, period_start_year, period_end_year, status, created_by) VALUES ($1, $2, 2023, 2026, 'DRAFT', $3) RETURNING id`,
    [r, 'Strategisk plan for tverrfaglig samarbeid og forebyggende innsats for barn, unge og familier', SUBJECT],
  );
  for (const s of services) await em.query(`INSERT INTO plan_coverage_service (region_id, plan_id, service_id) VALUES ($1, $2, $3)`, [r, planId, s.id]);
  for (const m of municipalities) await em.query(`INSERT INTO plan_coverage_municipality (region_id, plan_id, municipality_id) VALUES ($1, $2, $3)`, [r, planId, m.id]);
  const [{ id: versionId }] = await em.query(
    `INSERT INTO plan_version (region_id, plan_id, number, status, change_note, created_by, created_at) VALUES ($1, $2, 1, 'DRAFT', $3, $4, '2023-02-15T12:00:00Z') RETURNING id`,
    [r, planId, 'Planen slutført februar 2023 (arbeidet startet juni 2022).', SUBJECT],
  );
  const content = [r, planId, versionId];

  await em.query(`INSERT INTO plan_goal (region_id, plan_id, version_id, kind, title, position) VALUES ($1, $2, $3, 'MAIN', $4, 0)`, [...content, MAIN_GOAL]);
  const goalIds: string[] = [];
  for (const [i, title] of NORD_OSTERDAL_GOALS.entries()) {
    const [{ id }] = await em.query(`INSERT INTO plan_goal (region_id, plan_id, version_id, kind, code, title, position) VALUES ($1, $2, $3, 'GOAL', $4, $5, $6) RETURNING id`, [...content, String(i + 1), title, i + 1]);
    goalIds.push(id);
  }
  const areaIds: string[] = [];
  for (const [i, a] of NORD_OSTERDAL_FOCUS_AREAS.entries()) {
    const [{ id }] = await em.query(
      `INSERT INTO plan_focus_area (region_id, plan_id, version_id, title, what_we_achieve, how_we_do_it, roles_and_responsibility, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [...content, a.title, a.what, a.how, a.roles, i],
    );
    areaIds.push(id);
  }
  const measureIds = new Map<string, string>();
  for (const [i, m] of MEASURES.entries()) {
    const [{ id, key }] = await em.query(
      `INSERT INTO plan_measure (region_id, plan_id, version_id, focus_area_id, code, title, description, organisation, time_frame, budget_ore, budget_line, prevention_level, target_group, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id, key`,
      [...content, areaIds[m.focusArea], m.code, m.title, m.description, m.organisation, m.timeFrame, m.budgetOre, m.budgetLine, m.level, m.targetGroup, i],
    );
    measureIds.set(m.code, key);
    for (const [p, resp] of m.responsible.entries()) {
      if ('service' in resp) {
        await em.query(`INSERT INTO plan_measure_responsible (region_id, plan_id, version_id, measure_id, position, kind, service_id) VALUES ($1, $2, $3, $4, $5, 'SERVICE', $6)`, [...content, id, p, serviceId(resp.service)]);
      } else {
        await em.query(`INSERT INTO plan_measure_responsible (region_id, plan_id, version_id, measure_id, position, kind, role_name) VALUES ($1, $2, $3, $4, $5, 'ROLE', $6)`, [...content, id, p, resp.role]);
      }
    }
    for (const g of m.goals) {
      await em.query(`INSERT INTO plan_goal_measure (region_id, plan_id, version_id, goal_id, measure_id) VALUES ($1, $2, $3, $4, $5)`, [...content, goalIds[g], id]);
    }
  }
  for (const [i, m] of MILESTONES.entries()) {
    await em.query(
      `INSERT INTO plan_milestone (region_id, plan_id, version_id, title, description, due_term, due_year, status, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [...content, m.title, m.description, m.term, m.year, m.status, i],
    );
  }

  // On consultation, then adopted by all five councils: the version and the plan are ADOPTED.
  await em.query(`UPDATE plan_version SET status = 'CONSULTATION', submitted_at = '2023-02-20T12:00:00Z' WHERE id = $1`, [versionId]);
  for (const m of municipalities) {
    const decision = NORD_OSTERDAL_ADOPTIONS[m.number];
    await em.query(
      `INSERT INTO plan_adoption (region_id, plan_id, version_id, municipality_id, status, decision_body, decided_on, case_number, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, 'ADOPTED', 'Kommunestyret', $5, $6, $7, $5::date + 1)`,
      [...content, m.id, decision.date, decision.caseNumber, SUBJECT],
    );
  }
  const adoptedOn = Object.values(NORD_OSTERDAL_ADOPTIONS).map((a) => a.date).sort().pop();
  await em.query(`UPDATE plan_version SET status = 'ADOPTED', adopted_on = $2 WHERE id = $1`, [versionId, adoptedOn]);
  await em.query(`UPDATE strategic_plan SET status = 'ADOPTED', adopted_version_id = $2 WHERE id = $1`, [planId, versionId]);

  const tstKey = measureIds.get('1');
  for (const m of municipalities) {
    const status = TST_STATUS[m.number];
    if (!status) continue;
    await em.query(
      `INSERT INTO measure_implementation (region_id, plan_id, measure_key, municipality_id, status, note, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, '2024-06-01T12:00:00Z')`,
      [r, planId, tstKey, m.id, status[0], status[1], SUBJECT],
    );
  }
};
