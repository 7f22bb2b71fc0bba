/** Calendar dates as PostgreSQL `date` columns and the GraphQL Date scalar exchange them: YYYY-MM-DD (UTC). */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

export const today = (): string => isoDate(new Date());
