import { badInput } from '../errors';

/**
 * Relay-style paging as plain data: services page in SQL with `pageWindow` and return a
 * `ConnectionShape`; the schema layer's `Connection(Type)` exposes it.
 */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface PageInfoShape {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfoShape;
  totalCount: number;
}

/** Cursors are opaque offsets into a stable ordering. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after', 'cursor', { key: 'common.errors.notCursor' });
  return Number(match[1]);
}

export interface PageWindow {
  offset: number;
  limit: number;
}

/** Validates first/after and returns SQL limit/offset. */
export function pageWindow(page: PageRequest): PageWindow {
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput('first', 'range', { key: 'common.errors.between', params: { min: 0, max: MAX_PAGE_SIZE } });
  }
  const offset = page.after ? decodeCursor(page.after) + 1 : 0;
  return { offset, limit: first };
}

export function toConnection<T>(items: T[], totalCount: number, offset: number): ConnectionShape<T> {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    nodes: items,
    totalCount,
    pageInfo: {
      hasNextPage: offset + items.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** The first `cap` items of a list that is computed whole (a report's rows): the answer stays bounded, the count beside it says how many there are. */
export function capped<T>(items: readonly T[], cap: number): T[] {
  return items.length > cap ? items.slice(0, cap) : [...items];
}

/** A page of a list computed whole in memory (a report's rows, already bounded by what it was computed from), cursors as in SQL pages. */
export function pageOfList<T>(items: readonly T[], page: PageRequest): ConnectionShape<T> {
  const { offset, limit } = pageWindow(page);
  return toConnection(items.slice(offset, offset + limit), items.length, offset);
}
