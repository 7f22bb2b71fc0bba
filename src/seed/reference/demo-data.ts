/**
 * Demo data for `npm start` and the tests.
 *
 * Sources: municipalities, kommunenummer, the five shared services and the people named below come
 * from seed 001 (Folldal control committee minutes, 04.09.2023: the steering group of municipal
 * directors and the barnevern leader are named there as public officials).
 * ILLUSTRATIVE: populations aged 0–17, unit names and sizes are plausible approximations made up for
 * the demo, not official figures. The Valdres region is a second, small demo tenant (seed 004 mentions
 * the intermunicipal barnevern in Valdres) so that isolation can be seen.
 */
export interface SeedUnit {
  code: string;
  name: string;
  kind: 'SCHOOL' | 'KINDERGARTEN' | 'OTHER';
  size: number;
}
export interface SeedMunicipality {
  number: string;
  name: string;
  population0to17: Record<number, number>;
  units: SeedUnit[];
}
export interface SeedService {
  code: string;
  name: string;
  kind: 'BARNEVERN' | 'PPT' | 'NAV' | 'OTHER';
  host: string;
  owners: string[];
  from: string;
}
/** A development person (issuer samvirke-dev): one role, at one municipality or service, or at several units (TST). */
export interface SeedPerson {
  subject: string;
  displayName: string;
  role: string;
  municipality?: string;
  service?: string;
  units?: string[];
}
export interface SeedRegion {
  code: string;
  name: string;
  municipalities: SeedMunicipality[];
  services: SeedService[];
  persons: SeedPerson[];
}

const school = (code: string, name: string, size: number): SeedUnit => ({ code, name, kind: 'SCHOOL', size });
const kindergarten = (code: string, name: string, size: number): SeedUnit => ({ code, name, kind: 'KINDERGARTEN', size });

const NORD_OSTERDAL_NUMBERS = ['3424', '3426', '3427', '3428', '3429'];

export const NORD_OSTERDAL: SeedRegion = {
  code: 'nord-osterdal',
  name: 'Nord-Østerdal',
  municipalities: [
    {
      number: '3424',
      name: 'Rendalen',
      population0to17: { 2022: 301, 2023: 292, 2024: 286 },
      units: [
        school('rendalen-akrestrommen-skole', 'Åkrestrømmen skole', 118),
        school('rendalen-ovre-rendal-skole', 'Øvre Rendal skole', 64),
        kindergarten('rendalen-akrestrommen-barnehage', 'Åkrestrømmen barnehage', 44),
        kindergarten('rendalen-ovre-rendal-barnehage', 'Øvre Rendal barnehage', 23),
      ],
    },
    {
      number: '3426',
      name: 'Tolga',
      population0to17: { 2022: 318, 2023: 311, 2024: 305 },
      units: [
        school('tolga-skole', 'Tolga skole', 164),
        school('tolga-vingelen-skole', 'Vingelen skole', 31),
        kindergarten('tolga-barnehage', 'Tolga barnehage', 52),
        kindergarten('tolga-vingelen-barnehage', 'Vingelen barnehage', 14),
      ],
    },
    {
      number: '3427',
      name: 'Tynset',
      population0to17: { 2022: 1182, 2023: 1169, 2024: 1151 },
      units: [
        school('tynset-barneskole', 'Tynset barneskole', 412),
        school('tynset-ungdomsskole', 'Tynset ungdomsskole', 228),
        school('tynset-faaset-skole', 'Fåset skole', 42),
        school('tynset-kvikne-skole', 'Kvikne skole', 47),
        school('tynset-tylldalen-skole', 'Tylldalen skole', 33),
        kindergarten('tynset-haugen-barnehage', 'Haugen barnehage', 86),
        kindergarten('tynset-sentrum-barnehage', 'Sentrum barnehage', 94),
        kindergarten('tynset-faaset-barnehage', 'Fåset barnehage', 28),
        kindergarten('tynset-kvikne-barnehage', 'Kvikne barnehage', 22),
      ],
    },
    {
      number: '3428',
      name: 'Alvdal',
      population0to17: { 2022: 534, 2023: 527, 2024: 519 },
      units: [
        school('alvdal-barneskole', 'Alvdal barneskole', 236),
        school('alvdal-ungdomsskole', 'Alvdal ungdomsskole', 112),
        kindergarten('alvdal-plassen-barnehage', 'Plassen barnehage', 61),
        kindergarten('alvdal-steia-barnehage', 'Steia barnehage', 54),
      ],
    },
    {
      number: '3429',
      name: 'Folldal',
      population0to17: { 2022: 276, 2023: 271, 2024: 264 },
      units: [school('folldal-skole', 'Folldal skole', 168), kindergarten('folldal-barnehage', 'Folldal barnehage', 58)],
    },
  ],
  services: [
    { code: 'barnevern', name: 'Barneverntjenesten i Nord-Østerdal', kind: 'BARNEVERN', host: '3427', owners: NORD_OSTERDAL_NUMBERS, from: '2022-01-01' },
    { code: 'ppt', name: 'PPT Nord-Østerdal', kind: 'PPT', host: '3427', owners: NORD_OSTERDAL_NUMBERS, from: '2022-01-01' },
    { code: 'nav', name: 'NAV Nord-Østerdal', kind: 'NAV', host: '3427', owners: NORD_OSTERDAL_NUMBERS, from: '2022-01-01' },
  ],
  persons: [
    { subject: 'kd-3427', displayName: 'Erling Strålberg', role: 'MUNICIPAL_DIRECTOR', municipality: '3427' },
    { subject: 'kd-3426', displayName: 'Siv Stuedal Sjøvold', role: 'MUNICIPAL_DIRECTOR', municipality: '3426' },
    { subject: 'kd-3424', displayName: 'Anne Lise Trøen', role: 'MUNICIPAL_DIRECTOR', municipality: '3424' },
    { subject: 'kd-3428', displayName: 'Per Arne Aaen', role: 'MUNICIPAL_DIRECTOR', municipality: '3428' },
    { subject: 'kd-3429', displayName: 'Torill Tjeldnes', role: 'MUNICIPAL_DIRECTOR', municipality: '3429' },
    { subject: 'bvleder-nord-osterdal', displayName: 'Kjersti Sommerstad Juveli', role: 'SERVICE_LEADER', service: 'barnevern' },
    // Seed 001: PPT and barnevern sit in every TST. A PPT advisor, fixed member at Tynset's schools.
    {
      subject: 'ppt-tynset',
      displayName: 'PPT-rådgiver Tynset (demo)',
      role: 'TST_MEMBER',
      units: ['tynset-barneskole', 'tynset-ungdomsskole', 'tynset-faaset-skole', 'tynset-kvikne-skole', 'tynset-tylldalen-skole'],
    },
  ],
};

export const VALDRES: SeedRegion = {
  code: 'valdres',
  name: 'Valdres',
  municipalities: [
    {
      number: '3449',
      name: 'Sør-Aurdal',
      population0to17: { 2023: 504 },
      units: [school('sor-aurdal-bagn-skule', 'Bagn skule', 121), kindergarten('sor-aurdal-bagn-barnehage', 'Bagn barnehage', 40)],
    },
    {
      number: '3450',
      name: 'Etnedal',
      population0to17: { 2023: 223 },
      units: [school('etnedal-skule', 'Etnedal skule', 130)],
    },
    {
      number: '3451',
      name: 'Nord-Aurdal',
      population0to17: { 2023: 1221 },
      units: [school('nord-aurdal-aurdal-skule', 'Aurdal skule', 210)],
    },
  ],
  services: [{ code: 'barnevern', name: 'Valdres barnevern', kind: 'BARNEVERN', host: '3451', owners: ['3449', '3450', '3451'], from: '2021-01-01' }],
  persons: [],
};

export const DEMO_REGIONS = [NORD_OSTERDAL, VALDRES];
