/**
 * Test fødselsnumre and D-numbers: nine digits completed with check digits by the weighted-sum rule
 * (computed here, independently of src/services/personal-data). 150765 is 15 July 1965; the digits
 * are made up, not a person's.
 */
export function withCheckDigits(nine: string): string {
  const ok = (n: string) =>
    [
      [3, 7, 6, 1, 8, 9, 4, 5, 2, 1],
      [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1],
    ].every((w) => w.reduce((s, x, i) => s + x * Number(n[i]), 0) % 11 === 0);
  for (let k = 0; k < 100; k++) if (ok(`${nine}${String(k).padStart(2, '0')}`)) return `${nine}${String(k).padStart(2, '0')}`;
  throw new Error(`no check digits for ${nine}`);
}

/** A fødselsnummer valid by its check digits. */
export const nationalIdNumber = (): string => withCheckDigits('150765005');
