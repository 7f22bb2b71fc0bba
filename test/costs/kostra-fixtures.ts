import fs from 'node:fs';
import path from 'node:path';

/** One line at SSB's positions. */
export const kostraLine = (o: { skjema?: string; year?: number; kvartal?: string; region?: string; kontoklasse?: string; funksjon?: string; art?: string; amount?: number | string } = {}) =>
  `${o.skjema ?? '0A'}${o.year ?? 2024}${o.kvartal ?? ' '}${o.region ?? '342700'}${' '.repeat(18)}${o.kontoklasse ?? '1'}${(o.funksjon ?? '244').padEnd(4)}${o.art ?? '010'}${String(o.amount ?? 100).padStart(9)}`;

/**
 * Our own accounting file (test/fixtures/kostra/regnskap/README.md): skjema 0A, 2019, quarter 4,
 * region 040200 (Kongsvinger: 0402 in 2019, 3401 since 2020), synthetic amounts.
 */
export const OWN_KOSTRA_FILE = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'kostra', 'regnskap', '0A-2019-K4-040200-samvirke.dat'));

/** The file's lines, and its fields read at SSB's positions (1-based: funksjon 33–36, beløp 40–48). */
export const kostraFileLines = (file: Buffer) =>
  file
    .toString('latin1')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
export const funksjonOf = (line: string) => line.slice(32, 36).trim();
export const amountOf = (line: string) => Number(line.slice(39, 48).trim());
