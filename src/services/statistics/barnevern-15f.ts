import { SaxesParser, SaxesTagPlain } from 'saxes';
import type { Message } from '../../i18n';
import { FileReader, ImportProblem, ProblemSink } from '../imports/importer';
import { barnevernRules, isOmsorgstiltak, isPlassering, mod11Valid, RuleContext, RuleFinding, shownId } from './barnevern-15f-rules';
import { ELEMENTS, isXsdDate, ROOT, UNIQUE_IDS } from './barnevern-15f-schema';
import { filesOf, UnreadableXml, xmlText } from './kostra-files';

/**
 * KOSTRA skjema 15F (barnevern) → the service's activity statistics, as canonical statistics
 * records (kommunenummer, period, metric, value). One file per municipality and year, or a zip of
 * such files. Streamed with saxes: the structure SSB's XSD requires is checked element by element
 * (barnevern-15f-schema.ts), one <Individ> at a time is held (then checked with SSB's rules,
 * barnevern-15f-rules.ts, and counted), and what stays in memory until the file's end is the counts
 * and, to count distinct children, the set of the children's identities — never written anywhere:
 * the records carry counts only, and no message quotes a fødselsnummer, DUF number, journal number
 * or caseworker (the runner masks anything that still looks like a national identity number).
 *
 * The definitions of the figures are in docs/statistics.md («KOSTRA 15F»).
 */

import type { Flytting, Individ, Melding, Plan, Tiltak, Undersokelse } from './barnevern-15f-types';
export type { Flytting, Individ, Melding, Plan, Tiltak, Undersokelse };

const BARNEVERN_METRICS_BY_MONTH = ['reports_received', 'investigations_started', 'investigations_closed', 'investigations_closed_within_3_months'] as const;
const BARNEVERN_METRICS_BY_YEAR = [
  'children_support_measures',
  'children_care_measures',
  'voluntary_placements',
  'children_support_measures_at_year_end',
  'children_care_measures_at_year_end',
] as const;

/** The counts of one file (one municipality and year). */
export class BarnevernCounts {
  readonly monthly = new Map<string, number[]>(BARNEVERN_METRICS_BY_MONTH.map((m) => [m, Array<number>(12).fill(0)]));
  readonly children = new Map<string, Set<string>>(BARNEVERN_METRICS_BY_YEAR.map((m) => [m, new Set<string>()]));

  constructor(readonly year: number) {}

  private inYear = (date: string | null): number | null => (date && Number(date.slice(0, 4)) === this.year ? Number(date.slice(5, 7)) : null);

  add(individ: Individ): void {
    const child = individ.fodselsnummer ?? (individ.duf ? `DUF ${individ.duf}` : `J ${individ.journalnummer}`);
    const count = (metric: string, month: number | null) => {
      if (month !== null) this.monthly.get(metric)![month - 1] += 1;
    };
    for (const melding of individ.meldinger) {
      count('reports_received', this.inYear(melding.startDato));
      const u = melding.undersokelse;
      if (!u) continue;
      count('investigations_started', this.inYear(u.startDato));
      const closed = this.inYear(u.sluttDato);
      count('investigations_closed', closed);
      if (closed !== null && u.sluttDato! <= addMonths(u.startDato, 3)) count('investigations_closed_within_3_months', closed);
    }
    const first = `${this.year}-01-01`;
    const last = `${this.year}-12-31`;
    const during = (t: Tiltak) => t.startDato <= last && (t.sluttDato === null || t.sluttDato >= first);
    const atYearEnd = (t: Tiltak) => t.startDato <= last && (t.sluttDato === null || t.sluttDato > last);
    const active = individ.tiltak.filter(during);
    const care = active.filter(isOmsorgstiltak);
    if (care.length) this.children.get('children_care_measures')!.add(child);
    else if (active.length) this.children.get('children_support_measures')!.add(child);
    if (active.some((t) => !isOmsorgstiltak(t) && isPlassering(t))) this.children.get('voluntary_placements')!.add(child);
    const open = individ.tiltak.filter(atYearEnd);
    if (open.some(isOmsorgstiltak)) this.children.get('children_care_measures_at_year_end')!.add(child);
    else if (open.length) this.children.get('children_support_measures_at_year_end')!.add(child);
  }

  /** Canonical statistics records: every month and the year of the flows, the year of the stocks (zeros included). */
  records(kommunenummer: string): { period: string; metric: string; value: number }[] {
    const out: { period: string; metric: string; value: number }[] = [];
    for (const [metric, months] of this.monthly) {
      months.forEach((value, i) => out.push({ period: `${this.year}-${String(i + 1).padStart(2, '0')}`, metric, value }));
      out.push({ period: String(this.year), metric, value: months.reduce((s, v) => s + v, 0) });
    }
    for (const [metric, children] of this.children) out.push({ period: String(this.year), metric, value: children.size });
    void kommunenummer;
    return out;
  }
}

/** The calendar date `months` after an ISO date (the last day of a shorter month when it has no such day). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

interface Open {
  name: string;
  path: string;
  line: number;
  /** Position in the parent's sequence reached so far, and how often each child occurred. */
  position: number;
  counts: Map<string, number>;
  text: string;
  ids: Map<string, Set<string>>;
}

/** Where a file's problems are reported: the file, the line, the element path. */
function problemAt(file: string, line: number | null, path: string, message: Message): ImportProblem {
  return { line, field: `${file} ${path}`, key: message.key, params: message.params };
}

/**
 * Reads one 15F file: checks it against the schema while streaming, runs SSB's rules on each
 * Individ, and returns the file's municipality, year and counts (null when it cannot be counted).
 */
export async function readBarnevernFile(
  name: string,
  chunks: AsyncIterable<string>,
  problems: ProblemSink,
  /** Today in Norway (YYYY-MM-DD): the reporting year must have ended. */
  today: string,
): Promise<{ kommunenummer: string; year: number; line: number; counts: BarnevernCounts } | null> {
  const parser = new SaxesParser({ position: true, xmlns: false });
  const stack: Open[] = [];
  let errors = 0;
  let fatal = false;
  let avgiver: { kommunenummer: string; year: number; line: number } | null = null;
  let counts: BarnevernCounts | null = null;
  let individ: Individ | null = null;
  let melding: Melding | null = null;
  let tiltak: Tiltak | null = null;
  let individer = 0;
  let tagLine = 1;
  const seenChildren = new Map<string, string>();
  const seenJournals = new Map<string, string>();
  const error = (line: number | null, path: string, message: Message) => {
    errors += 1;
    problems.add(problemAt(name, line, path, message));
  };
  const structure = (line: number, path: string, problem: Message) =>
    error(line, path, {
      key: 'statistics.15f.structure',
      params: { rule: path.startsWith('/Barnevern/Individ') ? 'INDIVID_01' : path.startsWith('/Barnevern/Avgiver') ? 'AVGIVER_01' : 'XSD', problem },
    });
  const finding = (f: RuleFinding) => {
    const p = problemAt(name, f.line, f.path, { key: 'statistics.15f.finding', params: { rule: f.rule, title: f.title, problem: f.message } });
    if (f.severity === 'ERROR') {
      errors += 1;
      problems.add(p);
    } else problems.warn(p);
  };

  parser.on('error', (e) => {
    if (fatal) return;
    fatal = true;
    const top = stack[stack.length - 1];
    const reason = e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    // saxes reports the end of a cut-off file as an unclosed tag.
    if (top && /^unclosed tag/.test(reason)) error(parser.line, top.path, { key: 'statistics.15f.truncated', params: { element: top.name } });
    else error(parser.line, top ? top.path : '/', { key: 'statistics.15f.notXml', params: { line: parser.line, column: parser.column, reason: reason.slice(0, 200) } });
  });
  parser.on('opentagstart', () => {
    tagLine = parser.line;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (fatal) return;
    const parent = stack[stack.length - 1];
    const index = parent ? (parent.counts.get(tag.name) ?? 0) + 1 : 1;
    const path = `${parent ? parent.path : ''}/${tag.name}${parent && tag.name === 'Individ' ? `[${index}]` : parent && parent.name !== ROOT && index > 1 ? `[${index}]` : ''}`;
    const line = tagLine;
    const open: Open = { name: tag.name, path, line, position: 0, counts: new Map(), text: '', ids: new Map() };
    stack.push(open);
    if (!parent) {
      if (tag.name !== ROOT) {
        error(line, path, { key: 'statistics.15f.notBarnevern', params: { element: tag.name.slice(0, 40) } });
        fatal = true;
      }
      return;
    }
    parent.counts.set(tag.name, index);
    const parentRule = ELEMENTS[parent.name];
    const rule = ELEMENTS[tag.name];
    const slot = parentRule?.children.findIndex((c) => c.name === tag.name) ?? -1;
    if (!rule || slot < 0) {
      const [element, parentName] = [tag.name.slice(0, 40), parent.name];
      structure(
        line,
        path,
        parentRule?.children.length
          ? { key: 'statistics.15f.notAllowedOf', params: { element, parent: parentName, allowed: parentRule.children.map((c) => c.name).join(', ') } }
          : { key: 'statistics.15f.notAllowed', params: { element, parent: parentName } },
      );
      open.name = '#unknown';
      return;
    }
    if (slot < parent.position)
      structure(line, path, {
        key: 'statistics.15f.order',
        params: { element: tag.name, after: parentRule.children[parent.position].name, order: parentRule.children.map((c) => c.name).join(', ') },
      });
    parent.position = Math.max(parent.position, slot);
    if (index > parentRule.children[slot].max) structure(line, path, { key: 'statistics.15f.tooMany', params: { parent: parent.name, max: parentRule.children[slot].max, element: tag.name } });
    const attrs = checkAttributes(tag, rule.attributes, (message) => structure(line, path, message));
    if (UNIQUE_IDS.has(tag.name) && individ && attrs.Id) {
      const ids = stack[stack.length - 2].ids;
      const set = ids.get(tag.name) ?? new Set<string>();
      if (set.has(attrs.Id)) structure(line, path, { key: 'statistics.15f.idNotUnique', params: { element: tag.name, id: shownId(attrs.Id) } });
      set.add(attrs.Id);
      ids.set(tag.name, set);
    }
    const d = (v: string | undefined) => (v && isXsdDate(v) ? v.slice(0, 10) : null);
    switch (tag.name) {
      case 'Avgiver': {
        const year = /^\d{4}$/.test(attrs.Versjon ?? '') ? Number(attrs.Versjon) : null;
        if (attrs.Kommunenavn !== undefined && !attrs.Kommunenavn.trim())
          finding({ rule: 'AVGIVER_06', title: 'Avgiver K6: Kommunenavn', severity: 'ERROR', line, path, message: { key: 'statistics.15f.noKommunenavn' } });
        if (attrs.Organisasjonsnummer !== undefined && /^0+$/.test(attrs.Organisasjonsnummer))
          finding({ rule: 'AVGIVER_03', title: 'Avgiver K3: Organisasjonsnummer', severity: 'ERROR', line, path, message: { key: 'statistics.15f.noOrgnr' } });
        const claimed = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(name.split('/').pop() ?? '')?.[1];
        if (year !== null && (year < 1998 || year > 2049))
          finding({ rule: 'AVGIVER_02', title: 'Avgiver K2: Årgang', severity: 'ERROR', line, path, message: { key: 'statistics.15f.versjonNotYear', params: { versjon: attrs.Versjon } } });
        else if (year !== null && `${year}-12-31` >= today)
          finding({
            rule: 'AVGIVER_02',
            title: 'Avgiver K2: Årgang',
            severity: 'ERROR',
            line,
            path,
            message: { key: 'statistics.15f.yearNotEnded', params: { year } },
          });
        else if (year !== null && claimed && Number(claimed) !== year)
          finding({ rule: 'AVGIVER_02', title: 'Avgiver K2: Årgang', severity: 'ERROR', line, path, message: { key: 'statistics.15f.yearNotName', params: { year, claimed } } });
        if (year !== null && /^\d{4}$/.test(attrs.Kommunenummer ?? '')) {
          avgiver = { kommunenummer: attrs.Kommunenummer, year, line };
          counts = new BarnevernCounts(year);
        }
        break;
      }
      case 'Individ':
        individer += 1;
        individ = {
          id: attrs.Id ?? '',
          line,
          path,
          startDato: d(attrs.StartDato) ?? '',
          sluttDato: d(attrs.SluttDato),
          avslutta3112: attrs.Avslutta3112 ?? '',
          fodselsnummer: attrs.Fodselsnummer ?? null,
          duf: attrs.DUFnummer ?? null,
          journalnummer: attrs.Journalnummer ?? '',
          bydelsnummer: attrs.Bydelsnummer ?? null,
          bydelsnavn: attrs.Bydelsnavn ?? null,
          meldinger: [],
          planer: [],
          tiltak: [],
          flyttinger: [],
        };
        break;
      case 'Melding':
        melding = {
          id: attrs.Id ?? '',
          line,
          path,
          startDato: d(attrs.StartDato) ?? '',
          sluttDato: d(attrs.SluttDato),
          konklusjon: attrs.Konklusjon ?? null,
          melder: [],
          saksinnhold: [],
          undersokelse: null,
        };
        individ?.meldinger.push(melding);
        break;
      case 'Melder':
      case 'Saksinnhold':
        if (melding && attrs.Kode !== undefined) (tag.name === 'Melder' ? melding.melder : melding.saksinnhold).push({ kode: attrs.Kode, presisering: false });
        break;
      case 'Undersokelse':
        if (melding)
          melding.undersokelse = {
            id: attrs.Id ?? '',
            line,
            path,
            startDato: d(attrs.StartDato) ?? '',
            sluttDato: d(attrs.SluttDato),
            konklusjon: attrs.Konklusjon ?? null,
            presisering: false,
            vedtaksgrunnlag: [],
          };
        break;
      case 'Vedtaksgrunnlag':
        if (attrs.Kode !== undefined) melding?.undersokelse?.vedtaksgrunnlag.push({ kode: attrs.Kode, presisering: false });
        break;
      case 'Plan':
        individ?.planer.push({ id: attrs.Id ?? '', line, path, startDato: d(attrs.StartDato) ?? '', sluttDato: d(attrs.SluttDato) });
        break;
      case 'Tiltak':
        tiltak = { id: attrs.Id ?? '', line, path, startDato: d(attrs.StartDato) ?? '', sluttDato: d(attrs.SluttDato), lovhjemmel: null, jmfrLover: [], kategori: null, opphevelse: null };
        individ?.tiltak.push(tiltak);
        break;
      case 'Lovhjemmel':
        if (tiltak) tiltak.lovhjemmel = { lov: attrs.Lov ?? '', kapittel: attrs.Kapittel ?? '', paragraf: attrs.Paragraf ?? '', ledd: attrs.Ledd ?? null, bokstav: attrs.Bokstav ?? null };
        break;
      case 'JmfrLovhjemmel':
        tiltak?.jmfrLover.push(attrs.Lov ?? '');
        break;
      case 'Kategori':
        if (tiltak && attrs.Kode !== undefined) tiltak.kategori = { kode: attrs.Kode, presisering: false };
        break;
      case 'Opphevelse':
        if (tiltak && attrs.Kode !== undefined) tiltak.opphevelse = { kode: attrs.Kode, presisering: false };
        break;
      case 'Flytting':
        individ?.flyttinger.push({ id: attrs.Id ?? '', line, path, sluttDato: d(attrs.SluttDato) ?? '' });
        break;
    }
  });
  parser.on('text', (t: string) => {
    if (fatal || !stack.length) return;
    const top = stack[stack.length - 1];
    if (ELEMENTS[top.name]?.text) {
      if (top.text.length <= 1000) top.text += t.slice(0, 1001);
    } else if (t.trim() && top.name !== '#unknown') structure(parser.line, top.path, { key: 'statistics.15f.noText', params: { element: top.name } });
  });
  parser.on('closetag', () => {
    if (fatal) return;
    const open = stack.pop()!;
    const rule = ELEMENTS[open.name];
    if (!rule) return;
    for (const child of rule.children) {
      if ((open.counts.get(child.name) ?? 0) < child.min) {
        if (open.name === ROOT && child.name === 'Individ') error(open.line, open.path, { key: 'statistics.15f.noIndivid' });
        else if (open.name === ROOT && child.name === 'Avgiver') error(open.line, open.path, { key: 'statistics.15f.noAvgiver' });
        else structure(open.line, open.path, { key: 'statistics.15f.lacks', params: { element: open.name, child: child.name } });
      }
    }
    if (rule.text) {
      const length = open.text.trim().length;
      if (length < rule.text.minLength || open.text.length > rule.text.maxLength)
        structure(open.line, open.path, { key: 'statistics.15f.textLength', params: { element: open.name, min: rule.text.minLength, max: rule.text.maxLength } });
      const parentName = stack[stack.length - 1]?.name;
      const hasText = length > 0;
      const last = <T>(list: T[] | undefined): T | undefined => list?.[list.length - 1];
      const coded =
        parentName === 'Melder'
          ? last(melding?.melder)
          : parentName === 'Saksinnhold'
            ? last(melding?.saksinnhold)
            : parentName === 'Vedtaksgrunnlag'
              ? last(melding?.undersokelse?.vedtaksgrunnlag)
              : undefined;
      if (coded) coded.presisering = hasText;
      if (parentName === 'Undersokelse' && melding?.undersokelse) melding.undersokelse.presisering = hasText;
      if (parentName === 'Kategori' && tiltak?.kategori) tiltak.kategori.presisering = hasText;
      if (parentName === 'Opphevelse' && tiltak?.opphevelse) tiltak.opphevelse.presisering = hasText;
    }
    if (open.name === 'Melding') melding = null;
    if (open.name === 'Tiltak') tiltak = null;
    if (open.name === 'Individ' && individ) {
      const current: Individ = individ;
      individ = null;
      if (!avgiver) return;
      const context: RuleContext = { year: avgiver.year, kommunenummer: avgiver.kommunenummer };
      for (const f of barnevernRules(current, context)) finding(f);
      // SSB's checks of the whole file: a valid fødselsnummer twice (INDIVID_04), a journal number twice among children with a fødselsnummer (INDIVID_05).
      const child = current.fodselsnummer && mod11Valid(current.fodselsnummer) ? current.fodselsnummer : null;
      if (child) {
        const first = seenChildren.get(child);
        if (first)
          finding({
            rule: 'INDIVID_04',
            title: 'Individ Kontroll 04: Dublett på fødselsnummer',
            severity: 'ERROR',
            line: current.line,
            path: current.path,
            message: { key: 'statistics.15f.sameFodselsnummer', params: { first } },
          });
        else seenChildren.set(child, current.path);
      }
      if (current.journalnummer && current.fodselsnummer) {
        const first = seenJournals.get(current.journalnummer);
        if (first)
          finding({
            rule: 'INDIVID_05',
            title: 'Individ Kontroll 05: Dublett på journalnummer',
            severity: 'ERROR',
            line: current.line,
            path: current.path,
            message: { key: 'statistics.15f.sameJournalnummer', params: { first } },
          });
        else seenJournals.set(current.journalnummer, current.path);
      }
      counts?.add(current);
    }
  });

  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      if (fatal) break;
    }
    if (!fatal) parser.close();
  } catch (e) {
    if (e instanceof UnreadableXml) {
      error(null, '/', { key: 'statistics.15f.unreadable', params: { file: name, reason: e.message } });
      return null;
    }
    if (!fatal) throw e;
  }
  if (!fatal && stack.length) error(parser.line, stack[stack.length - 1].path, { key: 'statistics.15f.truncated', params: { element: stack[stack.length - 1].name } });
  if (!fatal && individer === 0 && !errors && stack.length === 0 && !avgiver) error(null, '/', { key: 'statistics.15f.noContent', params: { file: name } });
  seenChildren.clear();
  seenJournals.clear();
  if (errors || fatal || !avgiver || !counts) return null;
  const found = avgiver as { kommunenummer: string; year: number; line: number };
  return { ...found, counts };
}

/** Checks a start tag's attributes against the schema; the values it found (as given). */
function checkAttributes(
  tag: SaxesTagPlain,
  rules: Record<string, { required?: boolean; type: string; minLength?: number; maxLength?: number; pattern?: RegExp; codes?: readonly string[]; personal?: boolean }>,
  report: (message: Message) => void,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(tag.attributes)) {
    const rule = rules[name];
    if (!rule) {
      report(
        Object.keys(rules).length
          ? { key: 'statistics.15f.attrNotAllowedOf', params: { name: name.slice(0, 40), element: tag.name, allowed: Object.keys(rules).join(', ') } }
          : { key: 'statistics.15f.attrNotAllowed', params: { name: name.slice(0, 40), element: tag.name } },
      );
      continue;
    }
    values[name] = value;
    const shown = rule.personal ? '' : ` "${value.slice(0, 40)}"`;
    if (rule.type === 'date' && !isXsdDate(value)) report({ key: 'statistics.15f.attrNotDate', params: { name, value: shown } });
    else if (rule.type === 'year' && !/^\d{4}$/.test(value)) report({ key: 'statistics.15f.attrNotYear', params: { name, value: shown } });
    else if (rule.type === 'string') {
      if ((rule.minLength !== undefined && value.length < rule.minLength) || (rule.maxLength !== undefined && value.length > rule.maxLength)) {
        report({ key: 'statistics.15f.attrLength', params: { name, value: shown, length: rule.minLength === rule.maxLength ? String(rule.minLength) : `${rule.minLength ?? 0}–${rule.maxLength}` } });
      } else if (rule.pattern && !rule.pattern.test(value)) report({ key: 'statistics.15f.attrDigits', params: { name, value: shown } });
      else if (rule.codes && !rule.codes.includes(value))
        report({ key: 'statistics.15f.attrNotCode', params: { name, value: shown, codes: rule.codes.length > 12 ? `${rule.codes.slice(0, 12).join(', ')} …` : rule.codes.join(', ') } });
    }
  }
  for (const [name, rule] of Object.entries(rules)) if (rule.required && !(name in tag.attributes)) report({ key: 'statistics.15f.attrRequired', params: { name, element: tag.name } });
  return values;
}

/**
 * The 15F reader: each file (or each .xml of a zip) is read, checked and counted; two files for the
 * same municipality and year are refused; at the end, the canonical records of every file (all
 * months of the flows and the year, zeros included, so a corrected file replaces all of them).
 */
export const barnevern15fReader: FileReader = {
  name: 'kostra-15f',
  extensions: ['.xml', '.zip'],
  contentTypes: ['application/xml', 'text/xml', 'application/zip'],
  async *records(input, problems, file) {
    const results: { name: string; kommunenummer: string; year: number; line: number; counts: BarnevernCounts }[] = [];
    const byMunicipalityYear = new Map<string, string>();
    for await (const f of filesOf(input, file.name, problems, '.xml')) {
      const result = await readBarnevernFile(f.name, xmlText(f.input), problems, file.today);
      // Whatever the file did, its stream is read to its end (a zip's next entry needs that).
      f.input.resume();
      if (!result) continue;
      const key = `${result.kommunenummer} ${result.year}`;
      const first = byMunicipalityYear.get(key);
      if (first) {
        problems.add(problemAt(f.name, result.line, '/Barnevern/Avgiver', { key: 'statistics.15f.secondFile', params: { number: result.kommunenummer, year: result.year, first } }));
        continue;
      }
      byMunicipalityYear.set(key, f.name);
      results.push({ name: f.name, ...result });
    }
    for (const r of results) {
      const source = `${r.name} /Barnevern/Avgiver (line ${r.line})`;
      for (const record of r.counts.records(r.kommunenummer)) yield { line: r.line, record: { kommunenummer: r.kommunenummer, ...record, source } };
    }
  },
};
