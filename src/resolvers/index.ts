import { NonEmptyArray } from 'type-graphql';
import { features } from '../features';
import { NodeResolver } from './node-resolver';

/** Every resolver class: the shared `node(id:)` and each feature's own. */
export const resolvers: NonEmptyArray<Function> = [NodeResolver, ...features.flatMap((f) => f.resolvers)];
