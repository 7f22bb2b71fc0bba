import { Readable } from 'node:stream';
import { kostraAccountsImport } from '../../src/services/costs/kostra-accounts-import';
import { readImport } from '../../src/services/imports/run';
import { inEnglish } from '../i18n/english';
import { amountOf, funksjonOf, kostraFileLines, kostraLine, OWN_KOSTRA_FILE } from './kostra-fixtures';

/** The KOSTRA accounting file (SSB's 48-character lines) read field by field, without a database; our own files (SSB's: test/ssb). */
const read = (text: string) => readImport(kostraAccountsImport, Readable.from([Buffer.from(text, 'latin1')]), { format: 'kostra', dryRun: true });
describe('kostra-regnskap: the position-based lines', () => {
  it('reads our own whole file (0A 2019 quarter 4, Kongsvinger 040200) without a problem: every line 48 characters, every code known in 2019', async () => {
    const lines = kostraFileLines(OWN_KOSTRA_FILE);
    const { rows, records, problems } = await readImport(kostraAccountsImport, Readable.from([OWN_KOSTRA_FILE]), { format: 'kostra', dryRun: true });
    expect(problems.report()).toEqual([]);
    expect(records).toBe(lines.length);
    expect(rows[0].row).toEqual({ line: 1, skjema: '0A', year: 2019, quarter: 4, region: '040200', kontoklasse: '1', funksjon: '100', art: '010', amount: 2514 });
    // Every line as read: the funksjon and the amount at SSB's positions, income negative, both kontoklasser.
    expect(rows.map((r) => [r.row.line, r.row.funksjon, r.row.amount])).toEqual(lines.map((l, i) => [i + 1, funksjonOf(l), amountOf(l)]));
    expect(rows.some((r) => r.row.amount < 0)).toBe(true);
    expect(new Set(rows.map((r) => r.row.kontoklasse))).toEqual(new Set(['0', '1']));
    // Funksjon 254 was in SSB's list of 2019 (not of 2024; see below).
    expect(rows.map((r) => r.row.funksjon)).toContain('254');
  });

  it('reads an annual line (blank kvartal) and a negative amount', async () => {
    const { rows, problems } = await read(`${kostraLine({ amount: -1234, art: '750' })}\r\n${kostraLine({ kvartal: '2' })}\n`);
    expect(problems.report()).toEqual([]);
    expect(rows.map((r) => [r.row.quarter, r.row.art, r.row.amount])).toEqual([
      [0, '750', -1234],
      [2, '010', 100],
    ]);
  });

  it('refuses a line of 47 or 49 characters, naming the line', async () => {
    const good = kostraLine();
    const { rows, problems } = await read(`${good}\n${good.slice(0, 47)}\n${good} \n`);
    expect(rows).toHaveLength(1);
    expect(inEnglish(problems.report())).toEqual([
      { line: 2, field: null, message: 'Line 2 has 47 characters; a KOSTRA accounting line has exactly 48 (positions 1–48).' },
      { line: 3, field: null, message: 'Line 3 has 49 characters; a KOSTRA accounting line has exactly 48 (positions 1–48).' },
    ]);
  });

  it('names line, positions and SSB’s control for a funksjon that does not exist, an unknown art, letters in the amount, a wrong kontoklasse', async () => {
    const { rows, problems } = await read(
      [kostraLine({ funksjon: '999' }), kostraLine({ art: '999' }), kostraLine({ amount: '12a45' }), kostraLine({ kontoklasse: '5' }), kostraLine({ skjema: '0B' })].join('\n'),
    );
    expect(rows).toEqual([]);
    expect(inEnglish(problems.report())).toEqual([
      { line: 1, field: 'funksjon', message: "Line 1, positions 33–36 (funksjon): 999 is not a KOSTRA funksjon of a municipality's accounts in 2024 (SSB Kontroll 010)." },
      { line: 2, field: 'art', message: "Line 2, positions 37–39 (art): 999 is not a KOSTRA art of a municipality's accounts in 2024 (SSB Kontroll 012)." },
      { line: 3, field: 'belop', message: 'Line 3, positions 40–48 (belop): "    12a45" must be a whole number of 1000 kr, right-aligned, with a minus in front for income (SSB Kontroll 014).' },
      { line: 4, field: 'kontoklasse', message: 'Line 4, position 32 (kontoklasse): "5" is not a kontoklasse of skjema 0A; use 0 / 1 (SSB Kontroll 009).' },
      { line: 5, field: 'skjema', message: 'Line 5, positions 1–2 (skjema): "0B" is not a skjema this import reads (0A, 0M: a municipality\'s operating and investment accounts).' },
    ]);
  });

  it('stops at a file without line breaks (not a KOSTRA file) instead of holding it in memory', async () => {
    const { rows, problems } = await read('x'.repeat(10_000));
    expect(rows).toEqual([]);
    expect(inEnglish(problems.report())).toEqual([{ line: 1, field: null, message: 'Line 1 is longer than 4096 characters: this is not a KOSTRA accounting file (48-character lines).' }]);
  });
});

describe('kostra-regnskap: the codes of the file’s year', () => {
  it('accepts funksjon 254 in 2019 (SSB’s list then) and refuses it in 2024 (no longer in SSB’s list)', async () => {
    expect((await read(kostraLine({ year: 2019, region: '043700', funksjon: '254' }))).problems.report()).toEqual([]);
    expect(inEnglish((await read(kostraLine({ year: 2024, funksjon: '254' }))).problems.report())).toEqual([
      { line: 1, field: 'funksjon', message: "Line 1, positions 33–36 (funksjon): 254 is not a KOSTRA funksjon of a municipality's accounts in 2024 (SSB Kontroll 010)." },
    ]);
  });
});
