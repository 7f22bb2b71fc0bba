import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { features } from '../features';
import { resolvers } from '../resolvers';
import { registerNodeTypes } from './node-registry';

let cached: Promise<GraphQLSchema> | undefined;

/** Builds the executable schema once per process (type-graphql metadata is global). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  if (!cached) registerNodeTypes(features.flatMap((f) => f.nodeTypes));
  cached ??= buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    emitSchemaFile: false,
    // Subscriptions bring their own source (PostgreSQL LISTEN via ctx.listen); no topic-based PubSub.
    pubSub: {
      publish: () => undefined,
      subscribe: () => {
        throw new Error('Subscriptions declare a `subscribe` source; topics are not used.');
      },
    },
  });
  return cached;
}
