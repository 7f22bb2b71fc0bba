import { Role } from '../src/auth/roles';
import type { Scenario, ScenarioSetup, TokenSpec } from './scenario-types';
import { sampleRssPeak } from './util';

/**
 * A synthetic KOSTRA 15F (barnevern) file: `individs` children of one municipality and year, each
 * with a melding and an undersøkelse concluded within the year, and every third with a support
 * measure, every seventh with a voluntary placement, every tenth with a care measure. No real
 * person: the children are identified by DUF numbers made up from their index (valid DUF check
 * digits, so SSB's Individ Kontroll 03 accepts them; no fødselsnummer at all, so Kontroll 11 warns),
 * or — only for the personal-data test — by synthetic fødselsnumre (month + 80, Skatteetaten's test
 * numbers) with valid check digits. Journal numbers and caseworkers are made up too. Streams its
 * text in chunks (a 20,000-child file is about 20 MB). The figures it must give: `expected15f`.
 */
export interface Generate15f {
  kommunenummer: string;
  kommunenavn?: string;
  year: number;
  individs: number;
  /** 'duf' (default): DUF numbers; 'synthetic-fnr': valid-checksum synthetic fødselsnumre. */
  identity?: 'duf' | 'synthetic-fnr';
  /** Prefix of journal numbers and caseworker names (so a test can look for them). */
  marker?: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const date = (year: number, month: number, day: number) => `${year}-${pad(month, 2)}-${pad(day, 2)}`;

/** 12 digits whose last two are SSB's DUF check (weights 4 6 3 2 4 6 3 2 7 5, modulo 11). */
export function dufNumber(index: number): string {
  const base = pad(1_000_000_000 + index, 10);
  const sum = [4, 6, 3, 2, 4, 6, 3, 2, 7, 5].reduce((s, w, i) => s + w * Number(base[i]), 0);
  return base + pad(sum % 11, 2);
}

/** A synthetic fødselsnummer (month + 80) with valid check digits, different for each index. */
export function syntheticFnr(index: number): string {
  for (let k = index * 7; ; k++) {
    const day = 1 + (k % 28);
    const month = 81 + (Math.floor(k / 28) % 12);
    const yy = 8 + (Math.floor(k / 336) % 12); // born 2008–2019
    const individual = 500 + (Math.floor(k / 4032) % 499);
    const digits = `${pad(day, 2)}${pad(month, 2)}${pad(yy, 2)}${pad(individual, 3)}`;
    const d = [...digits].map(Number);
    const k1 = (11 - ([3, 7, 6, 1, 8, 9, 4, 5, 2].reduce((s, w, i) => s + w * d[i], 0) % 11)) % 11;
    if (k1 === 10) continue;
    const k2 = (11 - ([5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * [...d, k1][i], 0) % 11)) % 11;
    if (k2 === 10) continue;
    return `${digits}${k1}${k2}`;
  }
}

export function* generate15f(o: Generate15f): Generator<string> {
  const marker = o.marker ?? 'SYN';
  const lov = 'BVL';
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<Barnevern>\n  <Avgiver Organisasjonsnummer="999999999" Versjon="${o.year}" Kommunenummer="${o.kommunenummer}" Kommunenavn="${o.kommunenavn ?? 'Syntetisk kommune'}"/>\n`;
  let chunk = '';
  const usedFnr = new Set<string>();
  for (let i = 0; i < o.individs; i++) {
    const month = 1 + (i % 10);
    let identity: string;
    if (o.identity === 'synthetic-fnr') {
      let n = i;
      do identity = syntheticFnr(n++);
      while (usedFnr.has(identity));
      usedFnr.add(identity);
      identity = `Fodselsnummer="${identity}"`;
    } else identity = `DUFnummer="${dufNumber(i)}"`;
    const tiltak = (kind: 'support' | 'placement' | 'care', id: string) => {
      const [kapittel, paragraf, ledd, kategori] = kind === 'care' ? ['4', '12', '1', '2.2'] : kind === 'placement' ? ['4', '4', '6', '1.1'] : ['4', '4', '2', '4.6'];
      return `    <Tiltak Id="${id}" StartDato="${date(o.year, month, 15)}">\n      <Lovhjemmel Lov="${lov}" Kapittel="${kapittel}" Paragraf="${paragraf}" Ledd="${ledd}"/>\n      <JmfrLovhjemmel Lov="${lov}" Kapittel="${kapittel}" Paragraf="${paragraf}" Ledd="${ledd}"/>\n      <Kategori Kode="${kategori}"/>\n    </Tiltak>\n`;
    };
    chunk +=
      `  <Individ Id="I${i}" StartDato="${date(o.year, 1, 1)}" Journalnummer="${marker}J${i}" ${identity} Saksbehandler="${marker} Saksbehandler ${i % 40}" Avslutta3112="2">\n` +
      `    <Melding Id="M${i}" StartDato="${date(o.year, month, 1)}" SluttDato="${date(o.year, month, 6)}" Konklusjon="2">\n      <Melder Kode="9"/>\n      <Saksinnhold Kode="6"/>\n` +
      `      <Undersokelse Id="U${i}" StartDato="${date(o.year, month, 6)}" SluttDato="${date(o.year, month + 2, 1)}" Konklusjon="1">\n        <Vedtaksgrunnlag Kode="6"/>\n      </Undersokelse>\n    </Melding>\n` +
      (i % 3 === 0 ? tiltak('support', `T${i}a`) : '') +
      (i % 7 === 0 ? tiltak('placement', `T${i}b`) : '') +
      (i % 10 === 0 ? tiltak('care', `T${i}c`) : '') +
      `  </Individ>\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</Barnevern>\n`;
}

/** The figures the generated file must give (docs/statistics.md's definitions applied to the pattern above). */
export function expected15f(individs: number): Record<string, number> {
  const indexes = Array.from({ length: individs }, (_, i) => i);
  const care = indexes.filter((i) => i % 10 === 0).length;
  return {
    reports_received: individs,
    investigations_started: individs,
    investigations_closed: individs,
    investigations_closed_within_3_months: individs,
    children_care_measures: care,
    children_care_measures_at_year_end: care,
    children_support_measures: indexes.filter((i) => i % 10 !== 0 && (i % 3 === 0 || i % 7 === 0)).length,
    children_support_measures_at_year_end: indexes.filter((i) => i % 10 !== 0 && (i % 3 === 0 || i % 7 === 0)).length,
    voluntary_placements: indexes.filter((i) => i % 7 === 0).length,
  };
}

const LEADER: TokenSpec = { role: Role.SERVICE_LEADER, region: 'nord-osterdal', service: 'barnevern' };

/** Imports a generated file of `individs` children through POST /imports/kostra-barnevern; seconds and the server's highest RSS meanwhile. */
async function importOnce(setup: ScenarioSetup, individs: number, year: number): Promise<{ seconds: number; rssMaxMB: number | null; mb: number }> {
  const body = [...generate15f({ kommunenummer: '3427', kommunenavn: 'Tynset', year, individs })].join('');
  const rss = setup.serverPid ? sampleRssPeak(setup.serverPid) : null;
  const started = Date.now();
  let max: number | undefined;
  try {
    const result = await setup.post(`/imports/kostra-barnevern?fileName=bench-15f-${year}.xml`, body, 'application/xml', LEADER);
    if (result.status !== 200 || !result.body.applied) throw new Error(`15F import failed (HTTP ${result.status}): ${JSON.stringify(result.body).slice(0, 500)}`);
  } finally {
    max = await rss?.stop();
  }
  return { seconds: (Date.now() - started) / 1000, rssMaxMB: max === undefined ? null : Math.round(max / 1024), mb: Buffer.byteLength(body) / 1e6 };
}

/** Two sizes (issue 20's 20,000 and twice that), so that memory can be seen not to grow with the file. */
async function prepareKostra(setup: ScenarioSetup): Promise<string[]> {
  const small = await importOnce(setup, 20_000, 2023);
  const large = await importOnce(setup, 40_000, 2024);
  const rss = (r: { rssMaxMB: number | null }) => (r.rssMaxMB === null ? 'RSS not measured' : `server RSS max ${r.rssMaxMB} MB`);
  return [
    `KOSTRA 15F import (synthetic, POST /imports/kostra-barnevern: stream, check XSD and SSB's rules, count, store, suppress, publish): 20,000 <Individ> (${small.mb.toFixed(1)} MB) in ${small.seconds.toFixed(1)} s, ${rss(small)}; 40,000 <Individ> (${large.mb.toFixed(1)} MB) in ${large.seconds.toFixed(1)} s, ${rss(large)}.`,
  ];
}

export const KOSTRA_SCENARIOS: Scenario[] = [
  {
    name: 'kostra-15f import (leader)',
    query: `{ viewer { role } }`,
    prepare: prepareKostra,
    token: LEADER,
  },
];
