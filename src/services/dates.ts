/** Calendar dates as PostgreSQL `date` columns and the GraphQL Date scalar exchange them: YYYY-MM-DD (UTC). */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

export const today = (): string => isoDate(new Date());

/** The calendar day before an ISO date (YYYY-MM-DD): where a dated period ends when the next one starts. */
export const dayBefore = (iso: string): string => isoDate(new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000));

/** Today's date in Norway (Europe/Oslo), YYYY-MM-DD: the day a grant's validity is judged by. */
export const osloToday = (now: Date = new Date()): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
