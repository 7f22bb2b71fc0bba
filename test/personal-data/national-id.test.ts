import { containsNationalId, isNationalIdNumber, namesAPerson, normaliseForScan } from '../../src/services/personal-data';

/**
 * The national-ID rule on its own (src/services/personal-data/national-id.ts): every spelling that
 * walked around the old guard, for fødselsnummer, D-, H- and synthetic test numbers; and what must
 * still pass (numbers failing the check, longer digit runs, dates and times).
 */

/** Check digits by the other formulation of the rule (weighted sums including the check digit divisible by 11). */
function independentlyValid(n: string): boolean {
  const d = [...n].map(Number);
  return [
    [3, 7, 6, 1, 8, 9, 4, 5, 2, 1],
    [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1],
  ].every((w) => w.reduce((s, x, i) => s + x * d[i], 0) % 11 === 0);
}
/** Nine digits completed with the check digits of the classic rule. */
function complete(nine: string): string {
  for (let k = 0; k < 100; k++) {
    const n = `${nine}${String(k).padStart(2, '0')}`;
    if (independentlyValid(n)) return n;
  }
  throw new Error(`no check digits for ${nine}`);
}

const NUMBERS = {
  fødselsnummer: complete('150765005'), // 15.07.65
  'D-number': complete('550765005'), // day + 40
  'H-number': complete('154765005'), // month + 40
  'synthetic test number': complete('158765005'), // month + 80
};
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** Every spelling of the issue: separators between the 6th and 7th digit, date-style groups, invisible characters. */
const SPELLINGS: [string, (n: string) => string][] = [
  ['together', (n) => n],
  ['one space', (n) => `${n.slice(0, 6)} ${n.slice(6)}`],
  ['hyphen', (n) => `${n.slice(0, 6)}-${n.slice(6)}`],
  ['dot', (n) => `${n.slice(0, 6)}.${n.slice(6)}`],
  ['en dash', (n) => `${n.slice(0, 6)}\u2013${n.slice(6)}`],
  ['no-break space', (n) => `${n.slice(0, 6)}\u00A0${n.slice(6)}`],
  ['line break', (n) => `${n.slice(0, 6)}\n${n.slice(6)}`],
  ['CR LF', (n) => `${n.slice(0, 6)}\r\n${n.slice(6)}`],
  ['two spaces', (n) => `${n.slice(0, 6)}  ${n.slice(6)}`],
  ['tab', (n) => `${n.slice(0, 6)}\t${n.slice(6)}`],
  ['dd.mm.yy nnnnn', (n) => `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)} ${n.slice(6)}`],
  ['dd mm yy nnnnn', (n) => `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`],
  ['full-width digits', (n) => fullWidth(n)],
  ['full-width digits and space', (n) => `${fullWidth(n.slice(0, 6))}\u3000${fullWidth(n.slice(6))}`],
  ['zero-width space inside', (n) => `${n.slice(0, 3)}\u200B${n.slice(3, 6)}\u200B${n.slice(6)}`],
  ['soft hyphen inside', (n) => `${n.slice(0, 6)}\u00AD${n.slice(6)}`],
  ['word joiner and BOM inside', (n) => `${n.slice(0, 4)}\u2060${n.slice(4, 8)}\uFEFF${n.slice(8)}`],
  ['slashes', (n) => `${n.slice(0, 2)}/${n.slice(2, 4)}/${n.slice(4, 6)} ${n.slice(6)}`],
];

describe('national identity numbers in any spelling', () => {
  it('builds its numbers with an independent check, and the validator agrees they are valid', () => {
    for (const n of Object.values(NUMBERS)) expect([n, independentlyValid(n), isNationalIdNumber(n)]).toEqual([n, true, true]);
  });

  for (const [kind, n] of Object.entries(NUMBERS)) {
    it.each(SPELLINGS)(`finds a ${kind} written %s, embedded in text`, (_name, spell) => {
      expect(containsNationalId(`Gjelder eleven (${spell(n)}), se vedlegg.`)).toBe(true);
      expect(containsNationalId(`fnr:${spell(n)}`)).toBe(true);
    });
  }

  it('finds a number valid by the 2032 rule (first check digit from remainder 1), which the old mod-11 code missed', () => {
    const nine = '150765005';
    const d = [...nine].map(Number);
    const sum1 = [3, 7, 6, 1, 8, 9, 4, 5, 2].reduce((s, w, i) => s + w * d[i], 0);
    let k1 = 12 - (sum1 % 11);
    if (k1 > 10) k1 -= 11;
    expect(k1).toBeLessThan(10);
    const ten = `${nine}${k1}`;
    const k2 = (11 - ([5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * Number(ten[i]), 0) % 11)) % 11;
    expect(k2).toBeLessThan(10);
    const n2032 = `${ten}${k2}`;
    expect(independentlyValid(n2032)).toBe(false);
    expect(containsNationalId(`Ny ordning: ${n2032}`)).toBe(true);
  });

  it('normalises with NFKC and drops format characters', () => {
    expect(normaliseForScan('１２\u00A03\u200B4\u00AD5')).toBe('12 345');
  });

  it('accepts numbers that fail the check, longer digit runs and ordinary text with digits', () => {
    const n = NUMBERS.fødselsnummer;
    const broken = `${n.slice(0, 10)}${(Number(n[10]) + 1) % 10}`;
    expect(independentlyValid(broken)).toBe(false);
    for (const text of [
      `Kontonummer ${broken}`,
      `Kontonummer ${broken.slice(0, 4)}.${broken.slice(4, 6)}.${broken.slice(6)}`,
      `${broken.slice(0, 6)}-${broken.slice(6)}`,
      `9${n}`, // 12 digits written together: not split into an 11-digit piece
      `${n}7`,
      `Ref ${n.slice(0, 7)} ${n.slice(7)}3`, // groups of 7 and 5: no run of groups makes exactly 11 digits
      'Org.nr. 974 760 673, tlf. 22 33 44 55',
      'Telefon +47 912 34 567',
      'Elev i 5. trinn, møte 2024-03-12 kl 12:30',
      'Budsjett 2025: 1 250 000 kr, 12. mai',
      '',
    ]) {
      expect([text, containsNationalId(text)]).toEqual([text, false]);
    }
    expect(containsNationalId(null)).toBe(false);
    expect(containsNationalId(undefined)).toBe(false);
  });

  it('agrees with the validator on a sample of 11-digit strings (no false positives from the scan itself)', () => {
    let valid = 0;
    for (let i = 0; i < 5000; i++) {
      const n = String(10_000_000_000 + i * 17_999_993).slice(0, 11);
      const spaced = `${n.slice(0, 6)} ${n.slice(6)}`;
      expect([n, containsNationalId(n), containsNationalId(spaced)]).toEqual([n, isNationalIdNumber(n), isNationalIdNumber(n)]);
      if (isNationalIdNumber(n)) valid += 1;
    }
    expect(valid).toBeGreaterThan(5); // the sample holds both kinds
  });
});

describe('a label that names a person', () => {
  it.each([
    'Ola Nordmann, 12 år',
    'Kari Hansen i 5B',
    'Emma (9)',
    'Jonas, f. 2014',
    'Sara går i 3. trinn',
    'Elev Noah, 10-åring',
    'Ingrid Berg, født 03.04.2013',
    'Aksel i klasse 7c',
    'Sofie Vg2',
    'Ｏｌａ, 12 år', // full-width letters: NFKC first
  ])('finds «%s»', (text) => {
    expect(namesAPerson(text)).toBe(true);
  });

  it.each([
    'Elev, 5. trinn',
    'Gutt, 12 år',
    'Møte med Kari om rutiner for fravær',
    'Jente i 5B, bekymring for fravær',
    'Per 5. trinn', // «Per» is a word too: left out of the list on purpose
    'Hans mor ønsker møte',
    'Møte med Kari kl. 12:30 om rutiner',
    'Kari har sendt 2 e-poster',
    'Kari Hansen har sendt referatet. Saken gjelder en elev i 10. klasse som har hatt mye fravær over lengre tid.',
    '',
  ])('passes «%s»', (text) => {
    expect(namesAPerson(text)).toBe(false);
  });
});
