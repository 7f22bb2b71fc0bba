import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badInput } from './errors';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name = nodeType.name) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => nodeType) node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} objects.` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [nodeType], { description: 'The nodes of the edges, for clients that need no cursors.' }) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'All matching objects, not only this page.' }) totalCount: number;
  }
  return ConnectionType;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Cursors are opaque offsets into a stable ordering. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('after', 'cursor', 'is not a cursor returned by this API');
  return Number(match[1]);
}

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

/** Validates first/after and returns SQL limit/offset. */
export function pageWindow(page: PageRequest): { offset: number; limit: number } {
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput('first', 'range', `must be between 0 and ${MAX_PAGE_SIZE}`);
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
