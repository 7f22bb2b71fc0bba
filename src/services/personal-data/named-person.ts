import { GIVEN_NAMES } from './given-names';
import { normaliseForScan } from './national-id';

/**
 * Does a text that claims to be anonymous name a person? A case item without a consent is stored
 * as discussed without consent; its label is meant to read «Elev, 5. trinn». This recognises the
 * common way it goes wrong: a given name (from the bundled SSB list, written with a capital
 * letter) within a few words of an age («12 år», «12-åring», «(12)»), a class («5B», «5. trinn»,
 * «klasse 5B», «Vg2») or a birth date («f. 2012», «født 15.07.2012»).
 *
 * It is a heuristic meant to stop a slip, not to prove anonymity: a name alone («Møte med Kari»),
 * a name outside the list, or a description without a name passes; a false alarm is answered by
 * the caller confirming (CaseItemInput.confirmedAnonymous).
 */

const LETTER = '\\p{L}';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NAME = new RegExp(`(?<!${LETTER})(?:${GIVEN_NAMES.map(escape).join('|')})(?!${LETTER})`, 'gu');

const MARKERS = [
  // Age: «12 år», «12 år gammel», «12-åring», «(12)», «alder 12».
  String.raw`(?<!\d)\d{1,2}\s*(?:-\s*)?(?:år|års|åring|åringen)(?!\p{L})`,
  String.raw`\(\s*\d{1,2}\s*(?:år)?\s*\)`,
  String.raw`(?<!\p{L})alder\s*\d{1,2}(?!\d)`,
  // Class: «5B», «10c», «5. trinn», «5. klasse», «klasse 5B», «trinn 5», «Vg2».
  String.raw`(?<![\d\p{L}])(?:1[0-3]|[1-9])[A-Fa-f](?!\p{L})`,
  String.raw`(?<!\d)\d{1,2}\.?\s*(?:trinn|klasse|kl\.)`,
  String.raw`(?<!\p{L})(?:klasse|trinn)\s*\d{1,2}`,
  String.raw`(?<!\p{L})[Vv][Gg]\s?[1-3](?!\d)`,
  // Birth date or year: «f. 2012», «født 15.07.2012», «fødd 2011», «f.d. 01.02.12».
  String.raw`(?<!\p{L})(?:f\.\s*d\.|f\.|født|fødd|fdt\.?)\s*\d`,
];
const MARKER = new RegExp(MARKERS.map((m) => `(?:${m})`).join('|'), 'giu');
/** How far apart (characters between them) a name and a marker may stand. */
const NEAR = 40;

type Span = [number, number];
const spans = (re: RegExp, text: string): Span[] => [...text.matchAll(re)].map((m) => [m.index!, m.index! + m[0].length]);

/** True when the text reads like it names a person: a common given name near an age, class or birth date. */
export function namesAPerson(text: string | null | undefined): boolean {
  if (!text) return false;
  const normal = normaliseForScan(text);
  const names = spans(NAME, normal);
  if (!names.length) return false;
  const markers = spans(MARKER, normal);
  return names.some(([ns, ne]) => markers.some(([ms, me]) => (ms >= ne ? ms - ne : ns - me) <= NEAR));
}
