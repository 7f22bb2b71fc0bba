import 'reflect-metadata';
import { validateOrReject, ValidatorOptions } from 'class-validator';
import { GraphQLSchema } from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { ArgumentValidationError, buildSchema } from 'type-graphql';
import { NodeResolver } from '../resolvers/node-resolver';
import { UserErrorResolver } from '../resolvers/user-error-resolver';
import type { ReadRule } from '../services/access';
import { NodeType, registerNodeTypes } from './node-registry';

/** What the schema needs of the features (src/features/index.ts `served.schema`). */
export interface SchemaParts {
  /** Every feature's resolver classes (the shared `node(id:)` and `UserError` resolvers are added here). */
  resolvers: Function[];
  /** Every feature's node types, with their read rules. */
  nodeTypes: NodeType<any>[];
  /** Audited types that are not node types, with the read rule of what shows them. */
  auditedTypes: Record<string, ReadRule>;
}

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
  const known = Array.isArray(value) ? undefined : flatArgumentKey(value);
  const valid = known === undefined ? undefined : VALID_FLAT_ARGUMENTS.get(value.constructor);
  if (known !== undefined && valid?.has(known)) return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter((v) => v !== null && typeof v === 'object').map((v) => validateOrReject(v, VALIDATOR_OPTIONS)));
    else await validateOrReject(value, VALIDATOR_OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as never);
  }
  if (known !== undefined) {
    const set = valid ?? new Set<string>();
    if (set.size < 256) set.add(known);
    VALID_FLAT_ARGUMENTS.set(value.constructor, set);
  }
}

/**
 * Arguments of only scalar values (a connection's `first`/`after`, a filter's code) that passed
 * their class's rules once pass them again: the rules are pure functions of the values. A list
 * field's arguments are the same object shape for every parent (`units(first: 5)` under each of
 * fifteen owners), so each is checked once per process, not once per parent. At most 256 per class.
 */
const VALID_FLAT_ARGUMENTS = new Map<Function, Set<string>>();

function flatArgumentKey(value: object): string | undefined {
  let key = '';
  for (const [name, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object') return undefined;
    key += `${name}\u0000${typeof v}:${String(v)}\u0001`;
  }
  return key;
}

/**
 * Builds the executable schema once per process (type-graphql metadata is global, and so is the
 * node-type registry): a later call gets the first one's schema.
 */
export function buildAppSchema(parts: SchemaParts): Promise<GraphQLSchema> {
  if (!cached) registerNodeTypes(parts.nodeTypes, parts.auditedTypes);
  cached ??= buildSchema({
    resolvers: [NodeResolver, UserErrorResolver, ...parts.resolvers],
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
