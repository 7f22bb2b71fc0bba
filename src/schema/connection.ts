import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { ConnectionShape, DEFAULT_PAGE_SIZE, PageInfoShape, PageRequest } from '../services/paging';

export { DEFAULT_PAGE_SIZE };

@ObjectType({ description: 'Relay page information.' })
export class PageInfo implements PageInfoShape {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/** `first` / `after` of every connection field. */
@ArgsType()
export class PageArgs implements PageRequest {
  @Field(() => Int, { nullable: true, description: 'Page size, 0–100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge already seen.' })
  after?: string;
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
