/** A 15F file's case records as the reader builds them and SSB's rules and the counting read them (barnevern-15f.ts). */

export interface Tiltak {
  id: string;
  line: number;
  path: string;
  startDato: string;
  sluttDato: string | null;
  lovhjemmel: { lov: string; kapittel: string; paragraf: string; ledd: string | null; bokstav: string | null } | null;
  jmfrLover: string[];
  kategori: { kode: string; presisering: boolean } | null;
  opphevelse: { kode: string; presisering: boolean } | null;
}
export interface Undersokelse {
  id: string;
  line: number;
  path: string;
  startDato: string;
  sluttDato: string | null;
  konklusjon: string | null;
  presisering: boolean;
  vedtaksgrunnlag: { kode: string; presisering: boolean }[];
}
export interface Melding {
  id: string;
  line: number;
  path: string;
  startDato: string;
  sluttDato: string | null;
  konklusjon: string | null;
  melder: { kode: string; presisering: boolean }[];
  saksinnhold: { kode: string; presisering: boolean }[];
  undersokelse: Undersokelse | null;
}
export interface Plan {
  id: string;
  line: number;
  path: string;
  startDato: string;
  sluttDato: string | null;
}
export interface Flytting {
  id: string;
  line: number;
  path: string;
  sluttDato: string;
}
/** One child's case as the rules and the counting see it (held while its element is read). */
export interface Individ {
  id: string;
  line: number;
  path: string;
  startDato: string;
  sluttDato: string | null;
  avslutta3112: string;
  /** Personal data: used to identify the child in memory only. */
  fodselsnummer: string | null;
  duf: string | null;
  journalnummer: string;
  bydelsnummer: string | null;
  bydelsnavn: string | null;
  meldinger: Melding[];
  planer: Plan[];
  tiltak: Tiltak[];
  flyttinger: Flytting[];
}
