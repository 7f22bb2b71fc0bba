const timestamp = (m: Function) => Number(/(\d{13})$/.exec(m.name)?.[1] ?? NaN);

/** Migrations in the order they run: by timestamp (class names end in their timestamp). The features say which (src/features/data.ts). */
export function inTimestampOrder<M extends Function>(migrations: M[]): M[] {
  return [...migrations].sort((a, b) => timestamp(a) - timestamp(b));
}
