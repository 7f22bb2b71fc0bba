import type { Message, MessageKey, MessageParams } from '../../i18n';
import type { Individ, Tiltak } from './barnevern-15f-types';

/**
 * SSB's validation rules for KOSTRA 15F that concern one child's case (Individ), as SSB's control
 * program states them (statisticsnorway/kostra-kontrollprogram, kontroller/src/main/kotlin/no/ssb/
 * kostra/validation/rule/barnevern/individrule/*.kt and IndividRuleId.kt, commit c1f58486): the rule
 * id and title are SSB's, the severity is SSB's (ERROR refuses the file, WARNING — SSB's ADVARSEL —
 * is reported), the messages are ours (keys of src/i18n, `statistics.15f.rule.*`). Our own code; pure. Which of SSB's rules are here
 * and which are not: docs/statistics.md («KOSTRA 15F: SSB's rules»).
 */

export interface RuleFinding {
  rule: string;
  title: string;
  severity: 'ERROR' | 'WARNING';
  line: number;
  path: string;
  /** What is wrong: a message of the catalogues (src/i18n). */
  message: Message;
}

export interface RuleContext {
  /** The reporting year (Avgiver Versjon). */
  year: number;
  kommunenummer: string;
}

const OSLO = '0301';

/** A 15F Id, quoted in a message only when it is plainly a technical id (no long digit run). */
export const shownId = (id: string): string => (/^[\p{L}\p{N} _.-]{1,30}$/u.test(id) && !/\d{6}/.test(id) ? ` (Id ${id})` : '');
const showId = shownId;

/**
 * Omsorgstiltak as SSB's control program classifies them (KostraTiltakTypeExtensions.kt,
 * `erOmsorgsTiltak`): lovhjemmel BVL (1992) § 4-12, or § 4-8 ledd 2 or 3, or BVL2021 § 5-1 bokstav a–g.
 */
export function isOmsorgstiltak(t: Tiltak): boolean {
  const l = t.lovhjemmel;
  if (!l) return false;
  if (l.lov === 'BVL' && l.kapittel === '4' && (l.paragraf === '12' || (l.paragraf === '8' && (l.ledd === '2' || l.ledd === '3')))) return true;
  return l.lov === 'BVL2021' && l.kapittel === '5' && l.paragraf === '1' && /^[a-g]$/.test(l.bokstav ?? '');
}

/** Placements as SSB's control program classifies them (`erPlasseringsTiltak`): kategori 1.x, 2.x or 8.2. */
export const isPlassering = (t: Tiltak): boolean => !!t.kategori && (t.kategori.kode.startsWith('1.') || t.kategori.kode.startsWith('2.') || t.kategori.kode === '8.2');

const WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1];
const WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
/** Numbers SSB accepts for a child not yet given a fødselsnummer: a birth date and one of these endings. */
const UNKNOWN_SUFFIXES = new Set(['00100', '00200', '99999']);

/** Both check digits of an 11-digit number right (modulus 11; SSB's `isModulo11Valid`). */
export function mod11Valid(n: string): boolean {
  if (!/^\d{11}$/.test(n)) return false;
  const digits = [...n].map(Number);
  const sum = (weights: number[]) => weights.reduce((s, w, i) => s + w * digits[i], 0);
  return sum(WEIGHTS_1) % 11 === 0 && sum(WEIGHTS_2) % 11 === 0;
}

/**
 * The birth date in a fødselsnummer as SSB's control program reads it (SsnValidationUtils
 * `extractBirthDateFromSocialSecurityId`): D-number day (+40) and synthetic month (+80) undone, the
 * century from the individual number; for the "unknown" endings the century that is not in the future.
 */
export function birthDate(n: string, reportingYear: number): { year: number; month: number; day: number } | null {
  if (!/^\d{11}$/.test(n)) return null;
  let day = Number(n.slice(0, 2));
  let month = Number(n.slice(2, 4));
  const yy = Number(n.slice(4, 6));
  let year: number;
  if (UNKNOWN_SUFFIXES.has(n.slice(6))) {
    year = 2000 + yy;
    if (Date.UTC(reportingYear + 1, 11, 31) < Date.UTC(year, month - 1, day)) year -= 100;
  } else {
    if (day > 40) day -= 40;
    if (month > 80) month -= 80;
    const individual = Number(n.slice(6, 9));
    if (individual >= 500 && yy <= 39) year = 2000 + yy;
    else if (individual >= 500 && individual <= 749 && yy >= 54) year = 1800 + yy;
    else if (individual <= 499 || individual >= 900) year = 1900 + yy;
    else year = 2000 + yy;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { year, month, day } : null;
}

/** SSB's `isValidSocialSecurityIdOrDnr`: check digits right, or a birth date with an "unknown" ending. */
export const ssbValidNumber = (n: string, reportingYear: number): boolean => mod11Valid(n) || (birthDate(n, reportingYear) !== null && UNKNOWN_SUFFIXES.has(n.slice(6)));

/** SSB's `validateDUF`: 12 digits, the last two the weighted sum of the first ten modulo 11. */
export function dufValid(duf: string): boolean {
  if (!/^\d{12}$/.test(duf)) return false;
  const weights = [4, 6, 3, 2, 4, 6, 3, 2, 7, 5];
  const sum = weights.reduce((s, w, i) => s + w * Number(duf[i]), 0);
  return String(sum % 11).padStart(2, '0') === duf.slice(10);
}

/** The child's age in the reporting year (year − birth year, SSB's `ageInYears`), when known. */
const ageIn = (individ: Individ, year: number): number | null => {
  const born = individ.fodselsnummer ? birthDate(individ.fodselsnummer, year) : null;
  return born ? year - born.year : null;
};

const MIN_DATE = '1998-01-01';
const MAX_DATE = '2049-12-31';

export function barnevernRules(individ: Individ, context: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const yearEnd = `${context.year}-12-31`;
  const add = (rule: string, title: string, severity: 'ERROR' | 'WARNING', at: { line: number; path: string }, message: Message) =>
    out.push({ rule, title, severity, line: at.line, path: at.path, message });
  /** A finding about one element of the Individ («Melding (Id M1): …»). */
  const of = (element: string, id: string, key: MessageKey, params?: MessageParams): Message => ({ key: 'statistics.15f.rule.of', params: { element, id, problem: { key, params } } });
  const given = (date: string | null): string | Message => date ?? { key: 'statistics.15f.rule.notGiven' };
  const E = 'ERROR' as const;
  const W = 'WARNING' as const;

  // Individ Kontroll 01a: every date between 1998-01-01 and 2049-12-31.
  const dated: { what: string; at: { line: number; path: string }; date: string | null }[] = [
    { what: 'Individ StartDato', at: individ, date: individ.startDato || null },
    { what: 'Individ SluttDato', at: individ, date: individ.sluttDato },
    ...individ.meldinger.flatMap((m) => [
      { what: 'Melding StartDato', at: m, date: m.startDato || null },
      { what: 'Melding SluttDato', at: m, date: m.sluttDato },
      ...(m.undersokelse
        ? [
            { what: 'Undersokelse StartDato', at: m.undersokelse, date: m.undersokelse.startDato || null },
            { what: 'Undersokelse SluttDato', at: m.undersokelse, date: m.undersokelse.sluttDato },
          ]
        : []),
    ]),
    ...individ.planer.flatMap((p) => [
      { what: 'Plan StartDato', at: p, date: p.startDato || null },
      { what: 'Plan SluttDato', at: p, date: p.sluttDato },
    ]),
    ...individ.tiltak.flatMap((t) => [
      { what: 'Tiltak StartDato', at: t, date: t.startDato || null },
      { what: 'Tiltak SluttDato', at: t, date: t.sluttDato },
    ]),
    ...individ.flyttinger.map((f) => ({ what: 'Flytting SluttDato', at: f, date: f.sluttDato || null })),
  ];
  for (const d of dated)
    if (d.date && (d.date < MIN_DATE || d.date > MAX_DATE))
      add('INDIVID_01A', 'Individ Kontroll 01a: Validering av datoer', E, d.at, { key: 'statistics.15f.rule.dateRange', params: { what: d.what, date: d.date, min: MIN_DATE, max: MAX_DATE } });

  // Individ.
  if (individ.sluttDato && individ.startDato && individ.startDato > individ.sluttDato)
    add('INDIVID_02A', 'Individ Kontroll 02a: Startdato etter sluttdato', E, individ, {
      key: 'statistics.15f.rule.individStartAfterEnd',
      params: { start: individ.startDato, end: individ.sluttDato },
    });
  if (individ.sluttDato && individ.sluttDato < `${context.year - 1}-12-31`)
    add('INDIVID_02B', 'Individ Kontroll 02b: Sluttdato mot versjon', E, individ, {
      key: 'statistics.15f.rule.individEndBeforeCount',
      params: { end: individ.sluttDato, countDate: `${context.year - 1}-12-31` },
    });
  if (individ.avslutta3112 === '1' && !individ.sluttDato)
    add('INDIVID_02D', 'Individ Kontroll 02d: Avslutta 31 12 medfører at sluttdato skal være satt individet', E, individ, { key: 'statistics.15f.rule.closedNeedsEnd' });
  if (individ.fodselsnummer) {
    if (!ssbValidNumber(individ.fodselsnummer, context.year)) add('INDIVID_03', 'Individ Kontroll 03: Fødselsnummer og DUF-nummer', E, individ, { key: 'statistics.15f.rule.fnrInvalid' });
  } else if (individ.duf) {
    if (!dufValid(individ.duf)) add('INDIVID_03', 'Individ Kontroll 03: Fødselsnummer og DUF-nummer', E, individ, { key: 'statistics.15f.rule.dufInvalid' });
  } else add('INDIVID_03', 'Individ Kontroll 03: Fødselsnummer og DUF-nummer', E, individ, { key: 'statistics.15f.rule.noIdentity' });
  if (!individ.meldinger.length && !individ.planer.length && !individ.tiltak.length)
    add('INDIVID_06', 'Individ Kontroll 06: Har meldinger, planer eller tiltak', E, individ, { key: 'statistics.15f.rule.nothingInYear' });
  const age = ageIn(individ, context.year);
  if (age !== null && age > 25) add('INDIVID_07', 'Individ Kontroll 07: Klient over 25 år avsluttes', E, individ, { key: 'statistics.15f.rule.over25', params: { age } });
  if (age !== null && age > 18 && !individ.tiltak.length)
    add('INDIVID_08', 'Individ Kontroll 08: Alder i forhold til tiltak', E, individ, { key: 'statistics.15f.rule.over18NoTiltak', params: { age } });
  if (context.kommunenummer === OSLO && !individ.bydelsnummer) add('INDIVID_09', 'Individ Kontroll 09: Bydelsnummer', E, individ, { key: 'statistics.15f.rule.osloBydelsnummer' });
  if (context.kommunenummer === OSLO && !individ.bydelsnavn) add('INDIVID_10', 'Individ Kontroll 10: Bydelsnavn', E, individ, { key: 'statistics.15f.rule.osloBydelsnavn' });
  if (!individ.fodselsnummer || !mod11Valid(individ.fodselsnummer)) add('INDIVID_11', 'Individ Kontroll 11: Fødselsnummer', W, individ, { key: 'statistics.15f.rule.fnrIncomplete' });
  if (!individ.fodselsnummer || !ssbValidNumber(individ.fodselsnummer, context.year)) add('INDIVID_12', 'Individ Kontroll 12: Fødselsnummer', W, individ, { key: 'statistics.15f.rule.fnrIncomplete' });
  if (individ.duf && !dufValid(individ.duf)) add('INDIVID_19', 'Individ Kontroll 19: DUF-nummer', W, individ, { key: 'statistics.15f.rule.dufIncomplete' });

  // Melding (and its Melder, Saksinnhold, Undersokelse).
  for (const m of individ.meldinger) {
    const id = showId(m.id);
    if (m.sluttDato && m.startDato > m.sluttDato)
      add('MELDING_02A', 'Melding Kontroll 2a: Startdato etter sluttdato', E, m, of('Melding', id, 'statistics.15f.rule.startAfterEnd', { start: m.startDato, end: m.sluttDato }));
    if (individ.sluttDato && m.sluttDato && m.sluttDato > individ.sluttDato && m.konklusjon !== '1')
      add(
        'MELDING_02C',
        'Melding Kontroll 2c: Sluttdato mot individets sluttdato',
        E,
        m,
        of('Melding', id, 'statistics.15f.rule.endAfterIndivid', { end: m.sluttDato, individEnd: individ.sluttDato }),
      );
    if (individ.avslutta3112 === '1' && (!m.sluttDato || !individ.sluttDato || m.sluttDato > yearEnd))
      add(
        'MELDING_02D',
        'Melding Kontroll 2d: Avslutta 31 12 medfører at sluttdato skal være satt på melding',
        E,
        m,
        of('Melding', id, 'statistics.15f.rule.closedIndivid', { which: { key: 'statistics.15f.rule.which.meldinger' }, end: given(m.sluttDato) }),
      );
    if (individ.startDato && m.startDato && m.startDato < individ.startDato)
      add(
        'MELDING_02E',
        'Melding Kontroll 2e: Startdato mot individets startdato',
        E,
        m,
        of('Melding', id, 'statistics.15f.rule.startBeforeIndivid', { start: m.startDato, individStart: individ.startDato }),
      );
    if (m.sluttDato && m.startDato && m.sluttDato > addDays(m.startDato, 8))
      add('MELDING_03', 'Melding Kontroll 3: Behandlingstid av melding', W, m, of('Melding', id, 'statistics.15f.rule.handlingTime', { start: m.startDato, end: m.sluttDato }));
    const concluded = m.sluttDato && Number(m.sluttDato.slice(0, 4)) > context.year - 1 && (m.konklusjon === '1' || m.konklusjon === '2');
    if (concluded && !m.melder.length) add('MELDING_04', 'Melding Kontroll 4: Kontroll av konkludert melding, melder', E, m, of('Melding', id, 'statistics.15f.rule.concludedNeedsMelder'));
    if (concluded && !m.saksinnhold.length)
      add('MELDING_05', 'Melding Kontroll 5: Kontroll av konkludert melding, saksinnhold', E, m, of('Melding', id, 'statistics.15f.rule.concludedNeedsSaksinnhold'));
    for (const melder of m.melder)
      if (melder.kode === '22' && !melder.presisering)
        add('MELDER_02', 'Melder Kontroll 2: Kontroll av kode og presisering', E, m, of('Melding', id, 'statistics.15f.rule.withKodeNeedsPresisering', { what: 'Melder', code: '22' }));
    for (const s of m.saksinnhold)
      if ((s.kode === '18' || s.kode === '19') && !s.presisering)
        add(
          'SAKSINNHOLD_02',
          'Saksinnhold Kontroll 2: Kontroll av kode og presisering',
          E,
          m,
          of('Melding', id, 'statistics.15f.rule.withKodeNeedsPresisering', { what: 'Saksinnhold', code: s.kode }),
        );
    const u = m.undersokelse;
    if (!u) continue;
    const uid = showId(u.id);
    if (u.sluttDato && u.startDato > u.sluttDato)
      add('UNDERSOKELSE_02A', 'Undersøkelse Kontroll 2a: Startdato etter sluttdato', E, u, of('Undersokelse', uid, 'statistics.15f.rule.startAfterEnd', { start: u.startDato, end: u.sluttDato }));
    if (u.sluttDato && Number(u.sluttDato.slice(0, 4)) !== context.year)
      add('UNDERSOKELSE_02B', 'Undersøkelse Kontroll 2b: Sluttdato mot rapporteringsår', E, u, of('Undersokelse', uid, 'statistics.15f.rule.endNotInYear', { end: u.sluttDato, year: context.year }));
    if (individ.sluttDato && u.sluttDato && u.sluttDato > individ.sluttDato)
      add(
        'UNDERSOKELSE_02C',
        'Undersøkelse Kontroll 2c: Sluttdato mot individets sluttdato',
        E,
        u,
        of('Undersokelse', uid, 'statistics.15f.rule.endAfterIndivid', { end: u.sluttDato, individEnd: individ.sluttDato }),
      );
    if (individ.avslutta3112 === '1' && (!u.sluttDato || !individ.sluttDato || u.sluttDato > yearEnd))
      add(
        'UNDERSOKELSE_02D',
        'Undersøkelse Kontroll 2d: Avslutta 31 12 medfører at sluttdato skal være satt på undersøkelsen',
        E,
        u,
        of('Undersokelse', uid, 'statistics.15f.rule.closedIndivid', { which: { key: 'statistics.15f.rule.which.undersokelser' }, end: given(u.sluttDato) }),
      );
    if (individ.startDato && u.startDato && u.startDato < individ.startDato)
      add(
        'UNDERSOKELSE_02E',
        'Undersøkelse Kontroll 2e: Startdato mot individets startdato',
        E,
        u,
        of('Undersokelse', uid, 'statistics.15f.rule.startBeforeIndivid', { start: u.startDato, individStart: individ.startDato }),
      );
    if (u.konklusjon === '5' && !u.presisering)
      add('UNDERSOKELSE_03', 'Undersøkelse Kontroll 3: Kontroll av kode og presisering', E, u, of('Undersokelse', uid, 'statistics.15f.rule.codeNeedsPresisering', { what: 'Konklusjon', code: '5' }));
    if (u.sluttDato && !u.konklusjon) add('UNDERSOKELSE_04', 'Undersøkelse Kontroll 4: Konklusjon av undersøkelse', E, u, of('Undersokelse', uid, 'statistics.15f.rule.closedNeedsKonklusjon'));
    if ((u.konklusjon === '1' || u.konklusjon === '2') && !u.vedtaksgrunnlag.length)
      add(
        'UNDERSOKELSE_07',
        'Undersøkelse Kontroll 7: Konkludert undersøkelse skal ha vedtaksgrunnlag',
        E,
        u,
        of('Undersokelse', uid, 'statistics.15f.rule.konklusjonNeedsVedtaksgrunnlag', { code: u.konklusjon }),
      );
    if (!u.sluttDato && u.startDato && u.startDato < `${context.year}-06-30`)
      add('UNDERSOKELSE_08', 'Undersøkelse Kontroll 8: Undersøkelse påbegynt før 1. juli er ikke konkludert', W, u, of('Undersokelse', uid, 'statistics.15f.rule.sixMonths', { start: u.startDato }));
    for (const v of u.vedtaksgrunnlag)
      if ((v.kode === '18' || v.kode === '19') && !v.presisering)
        add(
          'VEDTAK_02',
          'Vedtaksgrunnlag Kontroll 2: Kontroll av kode og presisering',
          E,
          u,
          of('Undersokelse', uid, 'statistics.15f.rule.withKodeNeedsPresisering', { what: 'Vedtaksgrunnlag', code: v.kode }),
        );
  }

  // Plan.
  for (const p of individ.planer) {
    const id = showId(p.id);
    if (p.sluttDato && p.startDato > p.sluttDato)
      add('PLAN_02A', 'Plan Kontroll 2a: Startdato etter sluttdato', E, p, of('Plan', id, 'statistics.15f.rule.startAfterEnd', { start: p.startDato, end: p.sluttDato }));
    if (individ.sluttDato && p.sluttDato && p.sluttDato > individ.sluttDato)
      add('PLAN_02C', 'Plan Kontroll 2c: Sluttdato mot individets sluttdato', E, p, of('Plan', id, 'statistics.15f.rule.endAfterIndivid', { end: p.sluttDato, individEnd: individ.sluttDato }));
    if (individ.avslutta3112 === '1' && (!p.sluttDato || !individ.sluttDato || p.sluttDato > yearEnd))
      add(
        'PLAN_02D',
        'Plan Kontroll 2d: Avslutta 31 12 medfører at sluttdato skal være satt på plan',
        E,
        p,
        of('Plan', id, 'statistics.15f.rule.closedIndivid', { which: { key: 'statistics.15f.rule.which.plans' }, end: given(p.sluttDato) }),
      );
    if (individ.startDato && p.startDato && p.startDato < individ.startDato)
      add('PLAN_02E', 'Plan Kontroll 2e: Startdato mot individets startdato', E, p, of('Plan', id, 'statistics.15f.rule.startBeforeIndivid', { start: p.startDato, individStart: individ.startDato }));
  }

  // Tiltak.
  for (const t of individ.tiltak) {
    const id = showId(t.id);
    if (t.sluttDato && t.startDato > t.sluttDato)
      add('TILTAK_02A', 'Tiltak Kontroll 2a: Startdato etter sluttdato', E, t, of('Tiltak', id, 'statistics.15f.rule.startAfterEnd', { start: t.startDato, end: t.sluttDato }));
    if (t.sluttDato && Number(t.sluttDato.slice(0, 4)) !== context.year)
      add('TILTAK_02B', 'Tiltak Kontroll 2b: Sluttdato mot rapporteringsår', E, t, of('Tiltak', id, 'statistics.15f.rule.endNotInYear', { end: t.sluttDato, year: context.year }));
    if (individ.sluttDato && t.sluttDato && t.sluttDato > individ.sluttDato)
      add('TILTAK_02C', 'Tiltak Kontroll 2c: Sluttdato mot individets sluttdato', E, t, of('Tiltak', id, 'statistics.15f.rule.endAfterIndivid', { end: t.sluttDato, individEnd: individ.sluttDato }));
    if (individ.avslutta3112 === '1' && (!t.sluttDato || !individ.sluttDato || t.sluttDato > yearEnd))
      add(
        'TILTAK_02D',
        'Tiltak Kontroll 2d: Avslutta 31 12 medfører at sluttdato skal være satt på tiltak',
        E,
        t,
        of('Tiltak', id, 'statistics.15f.rule.closedIndivid', { which: { key: 'statistics.15f.rule.which.tiltak' }, end: given(t.sluttDato) }),
      );
    if (individ.startDato && t.startDato && t.startDato < individ.startDato)
      add(
        'TILTAK_02E',
        'Tiltak Kontroll 2e: Startdato mot individets startdato',
        E,
        t,
        of('Tiltak', id, 'statistics.15f.rule.startBeforeIndivid', { start: t.startDato, individStart: individ.startDato }),
      );
    if (t.sluttDato && isOmsorgstiltak(t) && !t.opphevelse)
      add('TILTAK_04', 'Tiltak Kontroll 4: Omsorgstiltak med sluttdato krever årsak til opphevelse', W, t, of('Tiltak', id, 'statistics.15f.rule.omsorgNeedsOpphevelse'));
    if (t.kategori && ['1.99', '2.99', '3.7', '3.99', '4.99', '5.99', '6.99', '7.99', '8.99'].includes(t.kategori.kode) && !t.kategori.presisering)
      add(
        'TILTAK_07',
        'Tiltak Kontroll 7: Kontroll av manglende presisering for tiltakskategori',
        E,
        t,
        of('Tiltak', id, 'statistics.15f.rule.codeNeedsPresisering', { what: 'Kategori', code: t.kategori.kode }),
      );
    if (t.opphevelse?.kode === '4' && !t.opphevelse.presisering)
      add('TILTAK_08', 'Tiltak Kontroll 8: Kontroll av kode og presisering for opphevelse', E, t, of('Tiltak', id, 'statistics.15f.rule.codeNeedsPresisering', { what: 'Opphevelse', code: '4' }));
    if (t.lovhjemmel && (t.lovhjemmel.kapittel === '0' || t.lovhjemmel.paragraf === '0'))
      add('LOVHJEMMEL_04', 'Lovhjemmel Kontroll 4: Lovhjemmel', E, t, of('Tiltak', id, 'statistics.15f.rule.lovhjemmelZero'));
    // As SSB wrote it (Kotlin's `all`, true for none): from 2023 a tiltak without JmfrLovhjemmel is refused too.
    // Introduced by SSB for the reporting year 2023 (BVL 2021 in force 1 January 2023; kostra-kontrollprogram
    // commit fbd63d2a, 2023-11-19): files of earlier years were not held to it.
    if (t.lovhjemmel && t.startDato && context.year >= 2023) {
      if (t.startDato <= '2022-12-31' && (t.lovhjemmel.lov !== 'BVL' || t.jmfrLover.some((l) => l !== 'BVL')))
        add('TILTAK_24', 'Tiltak Kontroll 24: Lovhjemmel refererer til feil barnevernlov', E, t, of('Tiltak', id, 'statistics.15f.rule.lovBefore2023'));
      else if (t.startDato > '2022-12-31' && (!['BVL', 'BVL2021'].includes(t.lovhjemmel.lov) || t.jmfrLover.every((l) => !['BVL', 'BVL2021'].includes(l))))
        add('TILTAK_24', 'Tiltak Kontroll 24: Lovhjemmel refererer til feil barnevernlov', E, t, of('Tiltak', id, 'statistics.15f.rule.lovFrom2023'));
    }
    if (age !== null && age > 18 && isOmsorgstiltak(t))
      add('LOVHJEMMEL_03', 'Lovhjemmel Kontroll 3: Individet er over 18 år og har omsorgstiltak', E, t, of('Tiltak', id, 'statistics.15f.rule.over18Omsorg', { age }));
    if (age !== null && age > 6 && t.kategori?.kode === '4.1')
      add('TILTAK_05', 'Tiltak Kontroll 5: Barn over 7 år og i barnehage', W, t, of('Tiltak', id, 'statistics.15f.rule.over7Kindergarten', { age }));
    if (age !== null && age > 10 && t.kategori?.kode === '4.2') add('TILTAK_06', 'Tiltak Kontroll 6: Barn over 11 år og i SFO', W, t, of('Tiltak', id, 'statistics.15f.rule.over11Sfo', { age }));
  }

  // Placements overlapping by three months or more (an open one runs to 31.12 of the reporting year).
  const placements = individ.tiltak.filter((t) => isPlassering(t) && t.startDato);
  const end = (t: Tiltak) => t.sluttDato ?? yearEnd;
  for (let i = 0; i < placements.length; i++) {
    for (let j = i + 1; j < placements.length; j++) {
      const [a, b] = [placements[i], placements[j]];
      const from = a.startDato > b.startDato ? a.startDato : b.startDato;
      const to = end(a) < end(b) ? end(a) : end(b);
      if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= 90) {
        add(
          'TILTAK_09',
          'Tiltak Kontroll 9: Flere plasseringstiltak i samme periode',
          W,
          a,
          of('Tiltak', showId(a.id), 'statistics.15f.rule.placementsOverlap', { other: showId(b.id) || ' ' + b.path }),
        );
        break;
      }
    }
  }

  // Flytting.
  for (const f of individ.flyttinger) {
    const id = showId(f.id);
    if (individ.sluttDato && f.sluttDato && f.sluttDato > individ.sluttDato)
      add(
        'FLYTTING_02C',
        'Flytting Kontroll 2c: Sluttdato mot individets sluttdato',
        E,
        f,
        of('Flytting', id, 'statistics.15f.rule.endAfterIndivid', { end: f.sluttDato, individEnd: individ.sluttDato }),
      );
    if (individ.startDato && f.sluttDato && f.sluttDato < individ.startDato)
      add(
        'FLYTTING_02F',
        'Flytting kontroll 2f: Sluttdato mot individets startdato',
        E,
        f,
        of('Flytting', id, 'statistics.15f.rule.endBeforeIndividStart', { end: f.sluttDato, individStart: individ.startDato }),
      );
  }
  return out;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
