import { Field, ID, InterfaceType } from 'type-graphql';

/** Relay's Node: every object with a global ID can be fetched again with `node(id:)`. */
@InterfaceType({ description: 'An object with a global ID.' })
export abstract class Node {
  @Field(() => ID, { description: 'Global ID (opaque).' })
  id: string;
}
