import { createHash, randomUUID } from 'node:crypto';
import { actsAt, facetsOf, holds, Role, ROLE_SCOPE, scopeIdsOf } from '../../auth/roles';
import { Municipality } from '../../entities/reference/municipality';
import { requireScope } from '../access';
import type { Message, MessageKey, MessageParams } from '../../i18n';
import { FileReader, Importer, ImportProblem, Line } from '../imports/importer';
import { MutationScope } from '../mutation';
import { BARNEVERN_FUNKSJONER, kostraCodesFor, KOSTRA_SKJEMA } from './kostra-codes';
import { numbersToday } from '../reference/municipality-numbers';

/**
 * `kostra-regnskap`: a municipality's KOSTRA accounting file as it is sent to SSB — position-based
 * lines of exactly 48 characters (kravspesifikasjon/file_description_Regnskap.md of
 * statisticsnorway/kostra-kontrollprogram):
 *
 *   pos  1–2  skjema        pos 14–22 orgnr        pos 33–36 funksjon (3 digits + blank)
 *   pos  3–6  årgang        pos 23–31 foretaksnr   pos 37–39 art
 *   pos  7    kvartal       pos 32    kontoklasse  pos 40–48 beløp, 1000 kr, right-aligned, income negative
 *   pos  8–13 region (kommunenummer + "00")
 *
 * Every line is checked field by field; a problem names the line, the positions and, where one of
 * SSB's controls is broken, its number. One file is one municipality, skjema, year and quarter; it is
 * stored whole (kostra_accounts_file / _line, amounts in 1000 kr as in the file). The same file again
 * changes nothing; a different file for the same municipality, skjema, year and quarter supersedes
 * the stored one, which is kept as history. Who may import: the municipality's own MUNICIPAL_FINANCE,
 * or HOST_FINANCE of a service for its host and its owners.
 */

export interface KostraLine {
  line: number;
  skjema: string;
  year: number;
  /** 0 = annual accounts (blank in the file), 1–4 = quarter. */
  quarter: number;
  region: string;
  kontoklasse: string;
  funksjon: string;
  art: string;
  /** 1000 kr, as in the file. */
  amount: number;
}

const LINE_LENGTH = 48;
/** [name, from, to] — 1-based, inclusive, as SSB's file description writes them. */
const FIELDS = [
  ['skjema', 1, 2],
  ['aargang', 3, 6],
  ['kvartal', 7, 7],
  ['region', 8, 13],
  ['orgnr', 14, 22],
  ['foretaksnr', 23, 31],
  ['kontoklasse', 32, 32],
  ['funksjon', 33, 36],
  ['art', 37, 39],
  ['belop', 40, 48],
] as const;
/** A field's positions as `33–36` (for the translated messages, which say «positions» / «posisjon» themselves). */
const RANGES: Record<string, string> = Object.fromEntries(FIELDS.map(([name, from, to]) => [name, from === to ? `${from}` : `${from}–${to}`]));
const POSITIONS: Record<string, Message> = Object.fromEntries(
  FIELDS.map(([name, from, to]): [string, Message] => [name, from === to ? { key: 'costs.kostra.position', params: { from } } : { key: 'costs.kostra.positions', params: { from, to } }]),
);
/** Longer than any line: a file without line breaks (binary, another format) stops here. */
const MAX_LINE = 4096;
const shown = (v: string) => JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);

/** The position-based lines → one record per line, each field sliced at SSB's positions. */
export const kostraAccountsReader: FileReader = {
  name: 'kostra',
  extensions: ['.dat', '.txt'],
  contentTypes: ['text/plain', 'text/x-kostra-regnskap', 'application/octet-stream'],
  async *records(input, problems) {
    let line = 0;
    let rest = '';
    const record = function* (text: string) {
      line += 1;
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.length === 0) return; // blank lines (e.g. at the end) carry nothing
      if (text.length !== LINE_LENGTH) {
        problems.add({ line, field: null, key: 'costs.kostra.lineLength', params: { length: text.length } });
        return;
      }
      const record = Object.fromEntries(FIELDS.map(([name, from, to]) => [name, text.slice(from - 1, to)]));
      problems.warn(...quarterCodeWarnings(record, line));
      yield { line, record };
    };
    for await (const chunk of input) {
      // latin1: one character per byte, so a stray byte counts as one position (a KOSTRA line is ASCII).
      const parts = (rest + (chunk as Buffer).toString('latin1')).split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) yield* record(text);
      if (rest.length > MAX_LINE) {
        problems.add({ line: line + 1, field: null, key: 'costs.kostra.lineTooLong', params: { max: MAX_LINE } });
        return;
      }
    }
    yield* record(rest);
  },
};

/**
 * SSB's Kontroll 010 (funksjon) and 012 (art) are ADVARSEL for quarters 1–3 and FEIL for quarter 4
 * and the annual accounts (kravspesifikasjon/felles_regnskap.md): a code not in the year's list is
 * refused there (readLine), and in a quarterly file of quarter 1–3 it is a warning, the line kept.
 */
const isEarlyQuarter = (kvartal: string) => kvartal === '1' || kvartal === '2' || kvartal === '3';

function unknownCodes(record: Record<string, unknown>): { year: number; funksjon?: string; art?: string } | null {
  const aargang = String(record.aargang ?? '');
  const codes = /^\d{4}$/.test(aargang) ? kostraCodesFor(Number(aargang)) : undefined;
  if (!codes) return null;
  const funksjon = String(record.funksjon ?? '');
  const art = String(record.art ?? '');
  return {
    year: Number(aargang),
    funksjon: /^\d{3} $/.test(funksjon) && !codes.funksjoner.has(funksjon.trim()) ? funksjon.trim() : undefined,
    art: /^\d{3}$/.test(art) && !codes.arter.has(art) ? art : undefined,
  };
}

function quarterCodeWarnings(record: Record<string, unknown>, line: number): ImportProblem[] {
  const kvartal = String(record.kvartal ?? '');
  if (!isEarlyQuarter(kvartal)) return [];
  const unknown = unknownCodes(record);
  if (!unknown) return [];
  const warnings: ImportProblem[] = [];
  const params = { line, year: unknown.year, quarter: Number(kvartal) };
  if (unknown.funksjon) warnings.push({ line, field: 'funksjon', key: 'costs.kostraQuarterUnknownFunksjon', params: { ...params, positions: RANGES.funksjon, funksjon: unknown.funksjon } });
  if (unknown.art) warnings.push({ line, field: 'art', key: 'costs.kostraQuarterUnknownArt', params: { ...params, positions: RANGES.art, art: unknown.art } });
  return warnings;
}

function readLine(record: Record<string, unknown>, line: number, today: string): { row: KostraLine; problems?: undefined } | { problems: ImportProblem[] } {
  const f = (name: string) => String(record[name] ?? '');
  const problems: ImportProblem[] = [];
  const bad = (field: string, key: MessageKey, params: MessageParams) =>
    // Where, as a short message of its own: the problem's text is not repeated in its params (a file of bad lines makes many).
    problems.push({ line, field, key, params: { ...params, at: { key: 'costs.kostra.at', params: { line, positions: POSITIONS[field], field } } } });
  const skjema = f('skjema');
  const kontoklasser = KOSTRA_SKJEMA[skjema];
  if (!kontoklasser) bad('skjema', 'costs.kostra.skjema', { value: shown(skjema), known: Object.keys(KOSTRA_SKJEMA).join(', ') });
  const currentYear = Number(today.slice(0, 4));
  const aargang = f('aargang');
  const year = /^\d{4}$/.test(aargang) ? Number(aargang) : NaN;
  if (!(year >= 2015 && year <= currentYear + 1)) bad('aargang', 'costs.kostra.aargang', { value: shown(aargang), max: currentYear + 1 });
  const kvartal = f('kvartal');
  if (!/^[ 1-4]$/.test(kvartal)) bad('kvartal', 'costs.kostra.kvartal', { value: shown(kvartal) });
  const region = f('region');
  if (!/^\d{4}00$/.test(region)) bad('region', 'costs.kostra.region', { value: shown(region) });
  for (const name of ['orgnr', 'foretaksnr']) {
    const v = f(name);
    if (!/^(\d{9}| {9})$/.test(v)) bad(name, 'costs.kostra.nineDigits', { value: shown(v) });
  }
  const codes = Number.isNaN(year) ? undefined : kostraCodesFor(year);
  const kontoklasse = f('kontoklasse');
  if (kontoklasser && !kontoklasser.includes(kontoklasse)) bad('kontoklasse', 'costs.kostra.kontoklasse', { value: shown(kontoklasse), skjema, allowed: kontoklasser.join(' / ') });
  const funksjon = f('funksjon');
  if (!/^\d{3} $/.test(funksjon)) bad('funksjon', 'costs.kostra.funksjonShape', { value: shown(funksjon) });
  else if (codes && !isEarlyQuarter(kvartal) && !codes.funksjoner.has(funksjon.trim())) bad('funksjon', 'costs.kostra.funksjonUnknown', { funksjon: funksjon.trim(), year });
  const art = f('art');
  if (!/^\d{3}$/.test(art)) bad('art', 'costs.kostra.artShape', { value: shown(art) });
  else if (codes && !isEarlyQuarter(kvartal) && !codes.arter.has(art)) bad('art', 'costs.kostra.artUnknown', { art, year });
  const belop = f('belop');
  if (!/^ *-?\d+$/.test(belop)) bad('belop', 'costs.kostra.belop', { value: shown(belop) });
  if (problems.length) return { problems };
  return { row: { line, skjema, year, quarter: kvartal === ' ' ? 0 : Number(kvartal), region, kontoklasse, funksjon: funksjon.trim(), art, amount: Number(belop.trim()) } };
}

/** The period of a line, as a message (for a problem, and in a change line's `what`). */
const periodMessage = (row: Pick<KostraLine, 'skjema' | 'year' | 'quarter'>): Message =>
  row.quarter
    ? { key: 'costs.kostra.periodQuarter', params: { skjema: row.skjema, year: row.year, quarter: row.quarter } }
    : { key: 'costs.kostra.periodAnnual', params: { skjema: row.skjema, year: row.year } };

/** May the caller import this municipality's accounts? Its own finance, or host finance for the service's host and owners. */
async function mayImportFor(scope: MutationScope, municipality: Municipality): Promise<boolean> {
  const facets = facetsOf(scope.ctx.principal);
  if (facets.some((f) => ROLE_SCOPE[f.role] === 'MUNICIPALITY' && actsAt(f, municipality.id))) return true;
  const services = facets.filter((f) => ROLE_SCOPE[f.role] === 'SERVICE').flatMap(scopeIdsOf);
  if (!services.length) return false;
  const [row]: { ok: boolean }[] = await scope.tx.query(
    `SELECT EXISTS (SELECT 1 FROM shared_service s WHERE s.id = ANY ($1::uuid[]) AND (s.host_municipality_id = $2 OR cost_service_has_owner(s.id, $2))) AS ok`,
    [services, municipality.id],
  );
  return row.ok;
}

export const kostraAccountsImport: Importer<KostraLine> = {
  kind: 'kostra-regnskap',
  title: { key: 'imports.title.kostraRegnskap' },
  roles: [Role.HOST_FINANCE, Role.MUNICIPAL_FINANCE],
  action: 'Importing KOSTRA accounts',
  columns: FIELDS.map(([name]) => name),
  numericColumns: ['aargang', 'belop', 'orgnr', 'foretaksnr'],
  readers: [kostraAccountsReader],
  read: readLine,
  // Lines with the same kontoklasse, funksjon and art are allowed (SSB sums them; Kontroll 015 is a warning).
  identity: (row) => String(row.line),
  maxRecords: 200_000,
  async plan(scope, lines: Line<KostraLine>[]) {
    const { tx, ctx } = scope;
    const rows = lines.map((l) => l.row).sort((a, b) => a.line - b.line);
    const first = rows[0];
    const problems: ImportProblem[] = [];
    for (const row of rows) {
      const differs = (['skjema', 'year', 'quarter', 'region'] as const).find((k) => row[k] !== first[k]);
      if (differs)
        problems.push({
          line: row.line,
          field: differs === 'year' ? 'aargang' : differs === 'quarter' ? 'kvartal' : differs,
          key: 'costs.kostra.otherPeriod',
          params: { line: row.line, period: periodMessage(row), region: row.region, firstLine: first.line, firstPeriod: periodMessage(first), firstRegion: first.region },
        });
    }
    const asWritten = first.region.slice(0, 4);
    const today = (await numbersToday(ctx))(asWritten, `${first.year}-12-01`, String(first.year));
    if (today.problem !== undefined)
      problems.push({ line: first.line, field: 'region', key: 'costs.kostra.field', params: { line: first.line, positions: POSITIONS.region, field: 'region', problem: today.problem } });
    const written = today.number ?? asWritten;
    const municipality = today.number === undefined ? null : await tx.getRepository(Municipality).findOneBy({ number: written });
    if (!municipality && today.problem === undefined) {
      const problem: Message =
        written === asWritten ? { key: 'costs.kostra.notInRegion', params: { number: asWritten } } : { key: 'costs.kostra.notInRegionToday', params: { number: asWritten, today: written } };
      problems.push({ line: first.line, field: 'region', key: 'costs.kostra.field', params: { line: first.line, positions: POSITIONS.region, field: 'region', problem } });
    }
    const none = { inserted: 0, updated: 0, unchanged: 0, deleted: 0, changes: [], apply: async () => undefined, audit: { entity: 'KostraAccountsFile', entityId: '' } };
    if (problems.length || !municipality) return { ...none, problems };
    requireScope(
      await mayImportFor(scope, municipality),
      !holds(ctx.principal, Role.HOST_FINANCE) ? { key: 'costs.errors.kostraImportOwnMunicipalityOnly' } : { key: 'costs.errors.kostraImportHostAndOwnersOnly' },
    );

    const hash = createHash('sha256');
    hash.update(`${first.skjema}|${first.year}|${first.quarter}|${first.region}\n`);
    for (const r of rows) hash.update(`${r.line}|${r.kontoklasse}|${r.funksjon}|${r.art}|${r.amount}\n`);
    const contentSha256 = hash.digest('hex');
    const [stored]: { id: string; content_sha256: string; imported_at: Date }[] = await tx.query(
      `SELECT id, content_sha256, imported_at FROM kostra_accounts_file WHERE municipality_id = $1 AND year = $2 AND quarter = $3 AND skjema = $4 AND superseded_at IS NULL FOR UPDATE`,
      [municipality.id, first.year, first.quarter, first.skjema],
    );
    const what: Message = { key: 'costs.kostra.fileWhat', params: { number: municipality.number, name: municipality.name, period: periodMessage(first) } };
    if (stored?.content_sha256 === contentSha256)
      return { ...none, unchanged: rows.length, problems: [], changes: [{ key: 'imports.change.sameFile', params: { what, date: stored.imported_at.toISOString().slice(0, 10) } }] };

    const fileId = randomUUID();
    const barnevern = rows.filter((r) => BARNEVERN_FUNKSJONER.includes(r.funksjon)).length;
    const changes: Message[] = [
      { key: 'costs.change.kostraFile', params: { what, lines: rows.length, barnevern, funksjoner: BARNEVERN_FUNKSJONER.join('/') } },
      ...(stored ? [{ key: 'costs.change.kostraSupersedes', params: { date: stored.imported_at.toISOString().slice(0, 10) } } satisfies Message] : []),
    ];
    return {
      inserted: rows.length,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      problems: [],
      changes,
      audit: { entity: 'KostraAccountsFile', entityId: fileId, municipalityId: municipality.id },
      async apply() {
        if (stored) await tx.query(`UPDATE kostra_accounts_file SET superseded_at = now() WHERE id = $1`, [stored.id]);
        await tx.query(
          `INSERT INTO kostra_accounts_file (id, region_id, municipality_id, year, quarter, skjema, region_code, line_count, content_sha256, imported_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [fileId, municipality.regionId, municipality.id, first.year, first.quarter, first.skjema, first.region, rows.length, contentSha256, ctx.principal.subject],
        );
        await tx.query(
          `INSERT INTO kostra_accounts_line (region_id, file_id, municipality_id, line, kontoklasse, funksjon, art, amount_1000_kr)
           SELECT $1, $2, $3, l.line, l.kontoklasse, l.funksjon, l.art, l.amount
             FROM unnest($4::int[], $5::text[], $6::text[], $7::text[], $8::bigint[]) AS l(line, kontoklasse, funksjon, art, amount)`,
          [municipality.regionId, fileId, municipality.id, rows.map((r) => r.line), rows.map((r) => r.kontoklasse), rows.map((r) => r.funksjon), rows.map((r) => r.art), rows.map((r) => r.amount)],
        );
      },
    };
  },
};
