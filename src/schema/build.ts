import 'reflect-metadata';
import { validateOrReject, ValidatorOptions } from 'class-validator';
import { GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { ArgumentValidationError, buildSchema } from 'type-graphql';
import { features } from '../features';
import { resolvers } from '../resolvers';
import { registerNodeTypes } from './node-registry';

let cached: Promise<GraphQLSchema> | undefined;

/** What type-graphql's built-in validation uses for `validate: { forbidUnknownValues: false, … }`. */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  skipMissingProperties: true,
  validationError: { target: false, value: false },
};

/**
 * class-validator on every object argument (inputs, @Args classes), exactly as type-graphql's
 * built-in `validate` option does it, minus its `require('class-validator')` per argument (module
 * resolution on every paged field was 7 % of a small query's CPU).
 */
async function validateArgument(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter((v) => v !== null && typeof v === 'object').map((v) => validateOrReject(v, VALIDATOR_OPTIONS)));
    else await validateOrReject(value, VALIDATOR_OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as never);
  }
}

/** Builds the executable schema once per process (type-graphql metadata is global). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  if (!cached) registerNodeTypes(features.flatMap((f) => f.nodeTypes), Object.assign({}, ...features.map((f) => f.auditedTypes ?? {})));
  cached ??= buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    validateFn: validateArgument,
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
