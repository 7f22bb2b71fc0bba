/** One line at SSB's positions. */
export const kostraLine = (o: { skjema?: string; year?: number; kvartal?: string; region?: string; kontoklasse?: string; funksjon?: string; art?: string; amount?: number | string } = {}) =>
  `${o.skjema ?? '0A'}${o.year ?? 2024}${o.kvartal ?? ' '}${o.region ?? '342700'}${' '.repeat(18)}${o.kontoklasse ?? '1'}${(o.funksjon ?? '244').padEnd(4)}${o.art ?? '010'}${String(o.amount ?? 100).padStart(9)}`;
