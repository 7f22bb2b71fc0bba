/**
 * ILLUSTRATIVE cost demo for Nord-Østerdal. Seed 001 says only that costs are "reported monthly to
 * finance" and "on large changes immediately"; every amount, key, budget, account mapping and
 * voucher below is made up to be plausible for five small municipalities (about 2 500 children
 * aged 0–17) and says so in the data: notes read ILLUSTRATIVE, vouchers start with "DEMO-".
 */

export const ILLUSTRATIVE = 'ILLUSTRATIVE demo figures, not real accounts or agreements';
export const YEARS = [2023, 2024] as const;

/** Holiday pay (feriepenger) in June, little salary in July. */
const HOLIDAY_PROFILE = [8, 8, 8, 8, 8, 16, 4, 8, 8, 8, 8, 8];
const EVEN = Array<number>(12).fill(1);
const kr = (kroner: number) => BigInt(kroner) * 100n;

export interface DemoCategory {
  code: string;
  name: string;
  description: string;
  /** [funksjon, art from, art to] ranges of the chart of accounts. */
  accounts: [string, string, string][];
  /** Charged directly to the municipality a cost concerns. */
  direct: boolean;
  budget: Record<number, bigint>;
  profile: number[];
  /** The funksjon and the arts the demo ledger posts to. */
  ledger: [string, ...string[]];
}

export interface DemoEntry {
  voucher: string;
  line: number;
  date: string;
  art: string;
  funksjon: string;
  amount: bigint;
  kommunenummer: string | null;
  category: string;
}

export interface DemoEvent {
  period: string;
  /** Posted after the month was published: a correction with this reason follows. */
  afterPublication: boolean;
  correctionReason?: string;
  entries: DemoEntry[];
}

export interface DemoService {
  code: string;
  seed: number;
  categories: DemoCategory[];
  agreements: { from: string; to: string | null; equalBp: number; note: string }[];
  rules: { name: string; thresholdBp: number; thresholdOre: bigint }[];
  events: DemoEvent[];
}

const category = (c: Omit<DemoCategory, 'description'> & { description?: string }): DemoCategory => ({
  ...c,
  description: `${c.description ?? ''}${c.description ? ' ' : ''}(${ILLUSTRATIVE}: account mapping)`,
});

const barnevern: DemoService = {
  code: 'barnevern',
  seed: 244,
  categories: [
    category({
      code: 'bv-drift',
      name: 'Barneverntjeneste (drift)',
      accounts: [['244', '010', '499']],
      direct: false,
      budget: { 2023: kr(12_000_000), 2024: kr(12_480_000) },
      profile: HOLIDAY_PROFILE,
      ledger: ['244', '010', '090', '120', '170'],
    }),
    category({
      code: 'bv-tiltak-hjemme',
      name: 'Tiltak når barnet ikke er plassert',
      accounts: [['251', '010', '899']],
      direct: false,
      budget: { 2023: kr(4_000_000), 2024: kr(4_160_000) },
      profile: EVEN,
      ledger: ['251', '370', '270'],
    }),
    category({
      code: 'bv-tiltak-plassert',
      name: 'Tiltak når barnet er plassert',
      description: 'Fosterhjem og institusjon; belastes kommunen barnet hører til.',
      accounts: [['252', '010', '899']],
      direct: true,
      budget: { 2023: kr(18_000_000), 2024: kr(18_720_000) },
      profile: EVEN,
      ledger: ['252', '375'],
    }),
  ],
  agreements: [
    { from: '2023-01-01', to: '2023-12-31', equalBp: 4000, note: `40 % likt, 60 % etter innbyggere 0–17 år; plasseringer belastes direkte (${ILLUSTRATIVE})` },
    { from: '2024-01-01', to: null, equalBp: 3000, note: `30 % likt, 70 % etter innbyggere 0–17 år; plasseringer belastes direkte (${ILLUSTRATIVE})` },
  ],
  rules: [{ name: 'Avvik mot budsjett over 15 % og 250 000 kr', thresholdBp: 1500, thresholdOre: kr(250_000) }],
  events: [
    {
      // A placement in Tynset posted on the wrong function …
      period: '2024-03',
      afterPublication: false,
      entries: [{ voucher: 'DEMO-bv-2403-117', line: 1, date: '2024-03-21', art: '375', funksjon: '251', amount: kr(120_000), kommunenummer: null, category: 'bv-tiltak-hjemme' }],
    },
    {
      // … reversed and reposted after March was published: version 2 corrects it.
      period: '2024-03',
      afterPublication: true,
      correctionReason: `Bilag DEMO-bv-2403-117 (120 000 kr, en plassering for Tynset) var ført på funksjon 251; tilbakeført og ført på 252 med bilag DEMO-bv-2403-901/902 (${ILLUSTRATIVE}).`,
      entries: [
        { voucher: 'DEMO-bv-2403-901', line: 1, date: '2024-03-28', art: '375', funksjon: '251', amount: -kr(120_000), kommunenummer: null, category: 'bv-tiltak-hjemme' },
        { voucher: 'DEMO-bv-2403-902', line: 1, date: '2024-03-28', art: '375', funksjon: '252', amount: kr(120_000), kommunenummer: '3427', category: 'bv-tiltak-plassert' },
      ],
    },
    {
      // An emergency placement for Folldal: the month that crosses the alert rule.
      period: '2024-09',
      afterPublication: false,
      entries: [{ voucher: 'DEMO-bv-2409-501', line: 1, date: '2024-09-17', art: '375', funksjon: '252', amount: kr(1_450_000), kommunenummer: '3429', category: 'bv-tiltak-plassert' }],
    },
  ],
};

const ppt: DemoService = {
  code: 'ppt',
  seed: 202,
  categories: [
    category({
      code: 'ppt-drift',
      name: 'PP-tjeneste (drift)',
      description: 'Skole (202) og barnehage (211).',
      accounts: [
        ['202', '010', '499'],
        ['211', '010', '499'],
      ],
      direct: false,
      budget: { 2023: kr(9_000_000), 2024: kr(9_360_000) },
      profile: HOLIDAY_PROFILE,
      ledger: ['202', '010', '090', '120'],
    }),
  ],
  agreements: [{ from: '2023-01-01', to: null, equalBp: 5000, note: `50 % likt, 50 % etter innbyggere 0–17 år (${ILLUSTRATIVE})` }],
  rules: [],
  events: [],
};

const nav: DemoService = {
  code: 'nav',
  seed: 281,
  categories: [
    category({
      code: 'nav-sosialtjeneste',
      name: 'Sosialtjeneste: råd og veiledning',
      accounts: [['242', '010', '499']],
      direct: false,
      budget: { 2023: kr(7_000_000), 2024: kr(7_280_000) },
      profile: HOLIDAY_PROFILE,
      ledger: ['242', '010', '090', '120'],
    }),
    category({
      code: 'nav-sosialhjelp',
      name: 'Økonomisk sosialhjelp',
      description: 'Belastes kommunen mottakeren bor i.',
      accounts: [['281', '010', '899']],
      direct: true,
      budget: { 2023: kr(10_000_000), 2024: kr(10_400_000) },
      profile: EVEN,
      ledger: ['281', '470'],
    }),
  ],
  agreements: [{ from: '2023-01-01', to: null, equalBp: 2000, note: `20 % likt, 80 % etter innbyggere 0–17 år; sosialhjelp belastes direkte (${ILLUSTRATIVE})` }],
  rules: [],
  events: [],
};

export interface DemoRegion {
  services: DemoService[];
  categories: DemoCategory[];
}

/** By region code: only Nord-Østerdal has a cost demo. */
export const COST_DEMO: Record<string, DemoRegion> = {
  'nord-osterdal': { services: [barnevern, ppt, nav], categories: [barnevern, ppt, nav].flatMap((s) => s.categories) },
};
