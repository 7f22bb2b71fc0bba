/**
 * The structure of KOSTRA skjema 15F (barnevern) as SSB's XSD states it: KostraBarnevern.xsd,
 * Avgiver.xsd and Individ.xsd in statisticsnorway/kostra-kontrollprogram, folder
 * kostra-barnevern/src/main/resources (read at commit c1f5848696d39adbccb3e35e7a96f14ed43a6c83).
 * Facts of the format, written out as data; the streaming check that applies them is ours
 * (barnevern-15f.ts). Every element name has one type in the schema, so the table is keyed by name.
 */

export interface AttributeRule {
  required?: boolean;
  /** xs:date (YYYY-MM-DD, a real date), xs:gYear (YYYY), or a string with the facets below. */
  type: 'date' | 'year' | 'string';
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  /** xs:enumeration: the code list. */
  codes?: readonly string[];
  /** Personal data: never quoted in a message. */
  personal?: boolean;
}

export interface ChildRule {
  name: string;
  min: number;
  max: number;
}

export interface ElementRule {
  attributes: Record<string, AttributeRule>;
  /** xs:sequence: the children in this order, each between min and max times. */
  children: ChildRule[];
  /** Simple content (Presisering): its length. */
  text?: { minLength: number; maxLength: number };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const text = (minLength: number, maxLength: number, more: Partial<AttributeRule> = {}): AttributeRule => ({ type: 'string', minLength, maxLength, ...more });
const required = (rule: AttributeRule): AttributeRule => ({ ...rule, required: true });
// An Id is the fagsystem's own key: not quoted in a structure message (a system may use a journal number as Id).
const id = required(text(1, 30, { personal: true }));
const startDato = required({ type: 'date' });
const sluttDato: AttributeRule = { type: 'date' };
const presisering: ChildRule = { name: 'Presisering', min: 0, max: 1 };
const coded = (codes: readonly string[], length: [number, number]): ElementRule => ({ attributes: { Kode: required(text(length[0], length[1], { codes })) }, children: [presisering] });
const UNBOUNDED = Number.POSITIVE_INFINITY;

const SAKSINNHOLD = coded(range(1, 36), [1, 2]);
const LOVHJEMMEL: ElementRule = {
  attributes: { Lov: required(text(1, 100)), Kapittel: required(text(1, 5)), Paragraf: required(text(1, 5)), Bokstav: text(0, 1), Ledd: text(0, 5), Punktum: text(0, 5) },
  children: [],
};

export const ROOT = 'Barnevern';

export const ELEMENTS: Record<string, ElementRule> = {
  Barnevern: {
    attributes: {},
    children: [
      { name: 'Avgiver', min: 1, max: 1 },
      { name: 'Individ', min: 1, max: UNBOUNDED },
    ],
  },
  Avgiver: {
    attributes: {
      Organisasjonsnummer: required(text(9, 9, { pattern: /^\d{9}$/ })),
      Versjon: required({ type: 'year' }),
      Kommunenummer: required(text(4, 4, { pattern: /^\d{4}$/ })),
      Kommunenavn: required(text(1, 250)),
    },
    children: [],
  },
  Individ: {
    attributes: {
      Id: id,
      StartDato: startDato,
      SluttDato: sluttDato,
      Journalnummer: required(text(1, 20, { personal: true })),
      Fodselsnummer: text(11, 11, { pattern: /^\d{11}$/, personal: true }),
      DUFnummer: text(12, 12, { pattern: /^\d{12}$/, personal: true }),
      Bydelsnummer: text(2, 2, { pattern: /^\d{2}$/ }),
      Bydelsnavn: text(1, 250),
      Distriktsnummer: text(2, 3, { pattern: /^\d{2,3}$/ }),
      Saksbehandler: required(text(1, 50, { personal: true })),
      Avslutta3112: required(text(1, 1, { codes: ['1', '2'] })),
    },
    children: [
      { name: 'Melding', min: 0, max: UNBOUNDED },
      { name: 'Plan', min: 0, max: UNBOUNDED },
      { name: 'Tiltak', min: 0, max: UNBOUNDED },
      { name: 'Flytting', min: 0, max: UNBOUNDED },
    ],
  },
  Melding: {
    attributes: { Id: id, StartDato: startDato, SluttDato: sluttDato, Konklusjon: text(1, 1, { codes: range(1, 4) }) },
    children: [
      { name: 'Melder', min: 0, max: UNBOUNDED },
      { name: 'Saksinnhold', min: 0, max: UNBOUNDED },
      { name: 'Undersokelse', min: 0, max: 1 },
    ],
  },
  Melder: coded(range(1, 25), [1, 2]),
  Saksinnhold: SAKSINNHOLD,
  Undersokelse: {
    attributes: { Id: id, StartDato: startDato, SluttDato: sluttDato, Konklusjon: text(1, 1, { codes: range(1, 6) }) },
    children: [presisering, { name: 'Vedtaksgrunnlag', min: 0, max: UNBOUNDED }],
  },
  Vedtaksgrunnlag: SAKSINNHOLD,
  Plan: {
    attributes: { Id: id, StartDato: startDato, SluttDato: sluttDato, EvaluertDato: { type: 'date' }, Plantype: required(text(1, 2, { codes: range(1, 8) })) },
    children: [],
  },
  Tiltak: {
    attributes: { Id: id, StartDato: startDato, SluttDato: sluttDato },
    children: [
      { name: 'Lovhjemmel', min: 1, max: 1 },
      { name: 'JmfrLovhjemmel', min: 0, max: 3 },
      { name: 'Kategori', min: 1, max: 1 },
      { name: 'Tiltaksgrunnlag', min: 0, max: UNBOUNDED },
      { name: 'Opphevelse', min: 0, max: 1 },
    ],
  },
  Lovhjemmel: LOVHJEMMEL,
  JmfrLovhjemmel: LOVHJEMMEL,
  Kategori: coded(
    [
      '1.1',
      '1.2',
      '1.99',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '2.5',
      '2.6',
      '2.99',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '3.6',
      '3.7',
      '3.8',
      '3.9',
      '3.10',
      '3.99',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
      '4.6',
      '4.7',
      '4.8',
      '4.9',
      '4.99',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
      '5.99',
      '6.1',
      '6.2',
      '6.3',
      '6.4',
      '6.99',
      '7.1',
      '7.2',
      '7.3',
      '7.99',
      '8.1',
      '8.2',
      '8.3',
      '8.99',
    ],
    [3, 5],
  ),
  Tiltaksgrunnlag: SAKSINNHOLD,
  Opphevelse: coded(range(1, 4), [1, 1]),
  Flytting: {
    attributes: { Id: id, SluttDato: required({ type: 'date' }) },
    children: [
      { name: 'ArsakFra', min: 1, max: 1 },
      { name: 'FlyttingTil', min: 1, max: 1 },
    ],
  },
  ArsakFra: {
    attributes: {
      Kode: required(text(3, 5, { codes: ['1.1.1', '1.1.2', '1.1.3', '1.1.4', '1.1.5', '1.2.1', '1.2.2', '1.2.3', '1.3', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9'] })),
      Presisering: text(1, 300),
    },
    children: [],
  },
  FlyttingTil: { attributes: { Kode: required(text(1, 1, { codes: range(1, 9) })), Presisering: text(1, 300) }, children: [] },
  Presisering: { attributes: {}, children: [], text: { minLength: 1, maxLength: 1000 } },
};

/** Elements whose Id must be unique among their siblings in one Individ (xs:unique of Individ.xsd). */
export const UNIQUE_IDS = new Set(['Melding', 'Plan', 'Tiltak', 'Flytting']);

/** xs:date: YYYY-MM-DD (an optional time zone), and a real calendar day. */
export function isXsdDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
