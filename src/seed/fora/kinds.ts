import { AgendaRequirement, CadencePeriod, ForumAttendanceDuty, ForumLeadership, ForumPlacement, UnitSizeBand } from '../../entities/fora/enums';
import { SharedServiceKind } from '../../entities/reference/shared-service';
import { UnitKind } from '../../entities/reference/unit';
import { NewForumKind } from '../../services/fora/args';

/**
 * The kinds of fora the seeds describe, as data (the same shape createForumKind takes). Rules and
 * members are taken from the texts; what the texts leave open is marked in `notes`.
 */
const { MANDATORY, ON_DEMAND } = ForumAttendanceDuty;
const seat = (code: string, name: string, attendance: ForumAttendanceDuty, serviceKind: SharedServiceKind | null = null, attendancesPerHalfYear: number | null = null) => ({
  code,
  name,
  attendance,
  serviceKind,
  attendancesPerHalfYear,
});

/** 001, section 6 "Tverrfaglig samhandling": a fixed TST at every school and kindergarten. */
export const TST: NewForumKind = {
  code: 'tst',
  name: 'Tverrfaglig samhandlingsteam (TST)',
  description:
    'Fast tverrfaglig team på hver skole og barnehage. Mandat på systemnivå (kompetanse på enheten) og individnivå (råd og veiledning i en tidlig fase, før eventuell utredning). Erstatter OBS-team og BUT-team.',
  source: '001 (Folldal kontrollutvalg 04.09.2023), strategisk plan for Nord-Østerdal, kap. 6 «Tverrfaglig samhandling»',
  notes:
    'largeUnitSize 200 is ILLUSTRATIVE: 001 says only that "the largest units may meet monthly". No compulsory monthly rule is seeded; serviceForumLoad shows what monthly meetings in the largest units would cost.',
  placement: ForumPlacement.UNIT,
  requiredUnitKinds: [UnitKind.SCHOOL, UnitKind.KINDERGARTEN],
  leadership: ForumLeadership.FIXED,
  leaderDescription: 'En klar møteleder med kompetanse i å lede tverrfaglige møter',
  minMeetingMinutes: 150,
  largeUnitSize: 200,
  minutesByConvener: false,
  members: [
    seat('enheten', 'Skolen/barnehagen', MANDATORY),
    seat('ppt', 'PPT', MANDATORY, SharedServiceKind.PPT),
    seat('helsesykepleier', 'Helsesykepleier', MANDATORY),
    seat('barnevern', 'Barnevern', MANDATORY, SharedServiceKind.BARNEVERN),
    seat('nav', 'NAV', ON_DEMAND, SharedServiceKind.NAV),
    seat('andre', 'Andre instanser ved behov', ON_DEMAND),
  ],
  cadence: [
    { period: CadencePeriod.AUTUMN_TERM, unitSize: UnitSizeBand.ANY, minMeetings: 2 },
    { period: CadencePeriod.SPRING_TERM, unitSize: UnitSizeBand.ANY, minMeetings: 3 },
  ],
  agendaElements: [
    { code: 'enheten', title: 'Generell diskusjon om tilstanden på enheten eller planlegging av aktiviteter', required: AgendaRequirement.EVERY_MEETING },
    { code: 'veiledning', title: 'Veiledning av ansatte eller kompetanseheving i personalet', required: AgendaRequirement.EVERY_MEETING },
    { code: 'barn-foresatte', title: 'Observasjon eller samtaler med barn/foresatte', required: AgendaRequirement.EVERY_MEETING },
  ],
};

const MELHUS = '003 (Melhus), strategisk plan for tverrfaglig samarbeid og forebyggende arbeid barn og unge 2022–2025';
const MELHUS_NOTE = "ILLUSTRATIVE in this region: the rules are Melhus' (003), seeded to show kinds other than TST.";

/** 003, 3.1.1: the local interdisciplinary team at each school/kindergarten, led by the principal/head, monthly. */
export const LOCAL_TEAM: NewForumKind = {
  code: 'lokalt-tverrfaglig-team',
  name: 'Lokalt tverrfaglig team',
  description: 'Den viktigste arenaen for det enkelte barn som trenger tidlig innsats; barn/ungdom og foresatte deltar som hovedregel, ellers innhentes samtykke.',
  source: `${MELHUS}, 3.1.1`,
  notes: `${MELHUS_NOTE} Attendance duty of the fixed participants is assumed (003 lists them as participants).`,
  placement: ForumPlacement.UNIT,
  requiredUnitKinds: [],
  leadership: ForumLeadership.FIXED,
  leaderDescription: 'Rektor/styrer',
  members: [
    seat('barn-foresatte', 'Barn/ungdom og foresatte i den enkelte sak', ON_DEMAND),
    seat('enheten', 'Skole/barnehage', MANDATORY),
    seat('helsestasjon', 'Helsestasjon- og skolehelsetjenesten', MANDATORY),
    seat('ppt', 'PPT', MANDATORY, SharedServiceKind.PPT),
  ],
  cadence: [{ period: CadencePeriod.MONTH, unitSize: UnitSizeBand.ANY, minMeetings: 1 }],
  agendaElements: [],
};

/** 003, 3.1.2: drøftingsteam for children and young people, fixed leader, 2–4 meetings a month. */
export const DISCUSSION_TEAM: NewForumKind = {
  code: 'droftingsteam',
  name: 'Drøftingsteam for barn og unge',
  description: 'Støtte til de lokale teamene i komplekse saker; saker kan drøftes med foresatte, uten foresatte med samtykke, eller anonymt.',
  source: `${MELHUS}, 3.1.2`,
  notes: MELHUS_NOTE,
  placement: ForumPlacement.MUNICIPALITY,
  requiredUnitKinds: [],
  leadership: ForumLeadership.FIXED,
  leaderDescription: 'Fast leder; rapporterer til enhetsleder (enhet familie, forebygging og mestring)',
  members: [
    seat('helsestasjon', 'Helsestasjon- og skolehelsetjenesten', MANDATORY),
    seat('ppt', 'PPT', MANDATORY, SharedServiceKind.PPT),
    seat('psykisk-helse', 'Psykisk helse og rus', MANDATORY),
    seat('barnevern', 'Barneverntjenesten', MANDATORY, SharedServiceKind.BARNEVERN),
    seat('ergo-fysio', 'Ergo- og fysioterapitjenesten', MANDATORY),
    seat('nav', 'NAV', MANDATORY, SharedServiceKind.NAV),
    seat('helse-velferd', 'Helse- og velferdskontoret', MANDATORY),
    seat('innmelder', 'Representant fra den/de som har meldt inn saken', ON_DEMAND),
    seat('andre', 'Fastlege, spesialisthelsetjenesten, kultur og fritid, politiet ved behov', ON_DEMAND),
  ],
  cadence: [{ period: CadencePeriod.MONTH, unitSize: UnitSizeBand.ANY, minMeetings: 2, maxMeetings: 4 }],
  agendaElements: [],
};

/** 003, 3.1.4: the samarbeidsgruppe, monthly; police and upper secondary twice per half-year. */
export const COOPERATION_GROUP: NewForumKind = {
  code: 'samarbeidsgruppe',
  name: 'Tverrfaglig samarbeidsgruppe barn og unge',
  description: 'Overordnede strategier og samordning på tvers; iverksetter den tverrfaglige strategien og SLT-tiltak.',
  source: `${MELHUS}, 3.1.4`,
  notes: MELHUS_NOTE,
  placement: ForumPlacement.MUNICIPALITY,
  requiredUnitKinds: [],
  leadership: ForumLeadership.FIXED,
  leaderDescription: 'Enhetsleder i enhet familie, forebygging og mestring',
  members: [
    seat('familie', 'Enhetsleder familie, forebygging og mestring', MANDATORY),
    seat('psykisk-helse', 'Enhetsleder arbeid, psykisk helse og rus', MANDATORY),
    seat('kultur', 'Enhetsleder kultur og fritid', MANDATORY),
    seat('radgivere', 'Rådgivere barnehage og skole', MANDATORY),
    seat('slt', 'SLT-koordinator', MANDATORY),
    seat('folkehelse', 'Folkehelsekoordinator', MANDATORY),
    seat('helse-velferd', 'Representant fra Helse- og velferdskontoret', MANDATORY),
    seat('kommunalsjefer', 'Kommunalsjefer (ved behov for avklaringer)', ON_DEMAND),
    seat('politi', 'Politikontakt', ON_DEMAND, null, 2),
    seat('vgs', 'Representanter fra videregående skole', ON_DEMAND, null, 2),
  ],
  cadence: [{ period: CadencePeriod.MONTH, unitSize: UnitSizeBand.ANY, minMeetings: 1 }],
  agendaElements: [
    { code: 'nettverk', title: 'Referater fra de tverrfaglige nettverkene', required: AgendaRequirement.OPTIONAL },
    { code: 'slt', title: 'SLT-tiltak', required: AgendaRequirement.OPTIONAL },
  ],
};

/** 003, 3.1.3: interdisciplinary networks of units, 4 a year, leader for a year in rotation, minutes to the samarbeidsgruppe. */
export const NETWORK: NewForumKind = {
  code: 'tverrfaglig-nettverk',
  name: 'Tverrfaglig nettverk',
  description: 'Samarbeid på systemnivå mellom skoler/barnehager og tjenestene i et oppvekstområde; arena for kompetanseheving på tvers.',
  source: `${MELHUS}, 3.1.3`,
  notes: MELHUS_NOTE,
  placement: ForumPlacement.UNIT_GROUP,
  requiredUnitKinds: [],
  leadership: ForumLeadership.ROTATING,
  rotationMonths: 12,
  leaderDescription: 'Velges for ett år om gangen; lederansvaret går på omgang',
  minutesToKindCode: 'samarbeidsgruppe',
  members: [
    seat('skoler-barnehager', 'Skoler/barnehager', MANDATORY),
    seat('helsestasjon', 'Helsestasjon- og skolehelsetjenesten', MANDATORY),
    seat('ppt', 'PPT', MANDATORY, SharedServiceKind.PPT),
    seat('psykisk-helse', 'Psykisk helse og rus', MANDATORY),
    seat('ergo-fysio', 'Ergo- og fysioterapitjenesten', MANDATORY),
    seat('slt', 'SLT-koordinator (deler av møtet)', ON_DEMAND),
    seat('politi', 'Politikontakt (deler av møtet)', ON_DEMAND),
    seat('andre', 'Andre tjenester ved behov', ON_DEMAND),
  ],
  cadence: [{ period: CadencePeriod.YEAR, unitSize: UnitSizeBand.ANY, minMeetings: 4 }],
  agendaElements: [{ code: 'slt', title: 'SLT-arbeidet', required: AgendaRequirement.EVERY_HALF_YEAR }],
};

/** 004 (Sør-Aurdal): tverrfaglig innsatsteam, fixed monthly meetings, minutes written by whoever convenes. */
export const INNSATSTEAM: NewForumKind = {
  code: 'innsatsteam',
  name: 'Tverrfaglig innsatsteam for barn og unge',
  description: 'Lavterskeltilbud for tverrfaglig drøfting og kartlegging rundt barn og unge med ulikt strev; søknad og samtykke fra foresatte.',
  source: '004 (Sør-Aurdal), plan mot 2030',
  notes: 'Members as listed in 004; attendance duty is ILLUSTRATIVE (004 lists them as participants).',
  placement: ForumPlacement.MUNICIPALITY,
  requiredUnitKinds: [],
  leadership: ForumLeadership.FIXED,
  minutesByConvener: true,
  members: [
    seat('kommunepsykolog', 'Kommunepsykolog', MANDATORY),
    seat('helsestasjon', 'Helsestasjon og skolehelsetjeneste', MANDATORY),
    seat('barnevern', 'Barnevern', MANDATORY, SharedServiceKind.BARNEVERN),
    seat('ppt-bup', 'PPT/BUP', MANDATORY),
    seat('skole-barnehage', 'Skole/barnehage', MANDATORY),
    seat('vernepleier', 'Vernepleier', ON_DEMAND),
  ],
  cadence: [{ period: CadencePeriod.MONTH, unitSize: UnitSizeBand.ANY, minMeetings: 1 }],
  agendaElements: [],
};

/** Kinds seeded per demo region (the samarbeidsgruppe before the networks that send it their minutes). */
export const KINDS_BY_REGION: Record<string, NewForumKind[]> = {
  'nord-osterdal': [TST, LOCAL_TEAM, DISCUSSION_TEAM, COOPERATION_GROUP, NETWORK],
  valdres: [TST, INNSATSTEAM],
};
