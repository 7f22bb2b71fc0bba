import { ApolloServerPlugin } from '@apollo/server';
import { ASTVisitor, DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLSchema, Kind, SelectionSetNode, ValidationContext } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { AppConfig } from '../config';
import { DEFAULT_PAGE_SIZE } from '../schema/connection';
import { LIST_CAP_EXTENSION } from '../schema/list-cap';
import { badInput, errorWithMessage, messageOf } from '../errors';
import type { Message } from '../i18n';

export type Limits = Pick<AppConfig, 'maxDepth' | 'maxAliases' | 'maxComplexity' | 'maxTokens'>;

interface LimitErrorOptions {
  /** The value found; omitted where it is unknown (the parser stops counting tokens at the limit). */
  found?: number;
  hint?: string;
  extensions?: Record<string, unknown>;
}

/** Every limit's error: code QUERY_TOO_COMPLEX, one message style, the limit's variable and values in `extensions`. */
export function limitError(what: string, envVar: string, max: number, { found, hint, extensions }: LimitErrorOptions = {}): GraphQLError {
  const exact = found !== undefined && found <= Number.MAX_SAFE_INTEGER;
  const value: string | Message = found === undefined ? '' : exact ? ` ${found}` : { key: 'common.errors.limitOver2To53' };
  // In the reader's language at the boundary (src/errors.ts); a limit or hint without a key is shown as written.
  const message: Message = { key: 'common.errors.limit', params: { what: LIMIT_NAMES[what] ?? what, value, max, limit: envVar, hint: !hint ? '' : (LIMIT_HINTS[hint] ?? ` ${hint}`) } };
  return errorWithMessage(message, { code: 'QUERY_TOO_COMPLEX', limit: envVar, max, ...(exact ? { found } : {}), ...extensions, http: { status: 400 } });
}

/** The limits' names and hints as messages (docs/i18n.md). */
const LIMIT_NAMES: Record<string, Message> = {
  depth: { key: 'common.errors.limit.depth' },
  'alias count': { key: 'common.errors.limit.aliases' },
  'field count (fragments expanded)': { key: 'common.errors.limit.fields' },
  complexity: { key: 'common.errors.limit.complexity' },
  'token count': { key: 'common.errors.limit.tokens' },
};
const LIMIT_HINTS: Record<string, Message> = { 'Ask for smaller pages or fewer nested lists.': { key: 'common.errors.complexityHint' } };

/** What an operation asks for once every fragment is expanded. */
interface Shape {
  /** Deepest field nesting, introspection fields (`__schema`, `__type`, `__typename`) not counted. */
  depth: number;
  aliases: number;
  /** Selections (fields, fragment spreads, inline fragments): what graphql-query-complexity walks. */
  selections: number;
}

const EMPTY: Shape = { depth: 0, aliases: 0, selections: 0 };

/**
 * Measures a selection set with its fragments expanded, in time linear in the document's size: each
 * fragment is measured once and its shape reused at every spread. (Walking a fragment again per
 * spread is exponential: `fragment F0 { ...F1 ...F1 } fragment F1 { ...F2 ...F2 } …` doubles per
 * step, and 23 steps blocked the event loop for 9 s.) The counts themselves may be astronomically
 * large; they are only compared with the limits.
 */
function shapeOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, memo: Map<string, Shape>): Shape {
  if (!set) return EMPTY;
  let depth = 0;
  let aliases = 0;
  let selections = 0;
  for (const sel of set.selections) {
    let inner: Shape;
    if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const name = sel.name.value;
      let known = memo.get(name);
      if (!known) {
        memo.set(name, EMPTY); // a cycle (rejected by NoFragmentCyclesRule) measures as empty
        known = shapeOf(fragments.get(name)?.selectionSet, fragments, memo);
        memo.set(name, known);
      }
      inner = known;
    } else {
      inner = shapeOf(sel.selectionSet, fragments, memo);
    }
    if (sel.kind === Kind.FIELD) {
      if (sel.alias) aliases += 1;
      // Introspection is deep by nature (ofType chains) and bounded by the schema, not by data;
      // GraphiQL needs it. It is switched off in production instead (GRAPHQL_INTROSPECTION).
      if (!sel.name.value.startsWith('__')) depth = Math.max(depth, 1 + inner.depth);
    } else {
      depth = Math.max(depth, inner.depth);
    }
    aliases += inner.aliases;
    selections += 1 + inner.selections;
  }
  return { depth, aliases, selections };
}

/**
 * Validation rule: depth, aliases and the number of selections of each operation, fragments
 * expanded. The selection count is bounded by GRAPHQL_MAX_COMPLEXITY (every field costs at least 1
 * in the complexity estimate), so the complexity plugin never walks more than that many nodes.
 */
export function operationLimits(limits: Limits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const memo = new Map<string, Shape>();
    return {
      OperationDefinition(node) {
        const { depth, aliases, selections } = shapeOf(node.selectionSet, fragments, memo);
        const report = (error: GraphQLError) => context.reportError(new GraphQLError(error.message, { nodes: [node], extensions: error.extensions }));
        if (depth > limits.maxDepth) report(limitError('depth', 'GRAPHQL_MAX_DEPTH', limits.maxDepth, { found: depth, extensions: { depth, maxDepth: limits.maxDepth } }));
        if (aliases > limits.maxAliases) report(limitError('alias count', 'GRAPHQL_MAX_ALIASES', limits.maxAliases, { found: aliases }));
        if (selections > limits.maxComplexity) {
          report(limitError('field count (fragments expanded)', 'GRAPHQL_MAX_COMPLEXITY', limits.maxComplexity, { found: selections }));
        }
      },
    };
  };
}

/** The parser's own message when it stops at `maxTokens` (graphql-js 16 spells it "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] \d+ tokens\. Parsing aborted\.$/;

/** The parser's token-limit error, restated like every other limit (else null). */
export function tokenLimitError(message: string, maxTokens: number): GraphQLError | null {
  return TOKEN_LIMIT_MESSAGE.test(message) ? limitError('token count', 'GRAPHQL_MAX_TOKENS', maxTokens) : null;
}

/**
 * What a plain list (not a connection) without a declared cap is priced at: the lists left so are
 * small by design and bounded by the schema, not by the data (owners of a service, goals of a plan,
 * role assignments, agenda elements of a forum kind).
 */
export const UNCAPPED_LIST_PRICE = 5;

/**
 * Lists are priced at the size they will be, and nested lists multiply: a connection at its `first`
 * (default DEFAULT_PAGE_SIZE), a plain list at its declared cap (`@ListCap(n)`, which the service
 * also enforces), any other plain list at UNCAPPED_LIST_PRICE.
 */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity, field, type }) => {
  const typeName = String(field.type).replace(/[!\[\]]/g, '');
  if (typeName.endsWith('Connection')) return 1 + childComplexity * Number(args.first ?? DEFAULT_PAGE_SIZE);
  // A connection's edges/nodes are the page itself, already multiplied by `first` above.
  if (type.name.endsWith('Connection')) return 1 + childComplexity;
  if (String(field.type).includes('[')) {
    const cap = field.extensions?.[LIST_CAP_EXTENSION];
    return 1 + childComplexity * (typeof cap === 'number' ? cap : UNCAPPED_LIST_PRICE);
  }
  return undefined;
};

const estimators = [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })];

/** The complexity price of one operation (every field 1, lists multiplied as pagedEstimator says); walks at most `maxNodes` nodes. */
export function priceOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>, maxNodes = Infinity): number {
  return getComplexity({ schema, query: document, operationName, variables, estimators, maxQueryNodes: maxNodes });
}

const complexityHint = 'Ask for smaller pages or fewer nested lists.';
/** Variables longer than this (as JSON) are not worth a cache entry: such operations are rare. */
const MAX_CACHED_VARIABLES = 1024;
const MAX_ENTRIES_PER_DOCUMENT = 64;

/**
 * What a scalar of ours said when it refused a variable's value: graphql-js's error of variable
 * coercion has the scalar's error as `originalError` and names the variable (and the path inside
 * it) before the scalar's own text: `Variable "$input" got invalid value 12.5 at "input.budgetOre"; <text>`.
 */
function scalarRefusal(error: GraphQLError): { name: string; rule: string; problem: Message } | undefined {
  const original = error.originalError instanceof GraphQLError ? error.originalError : undefined;
  const problem = messageOf(original?.extensions);
  if (!original || !problem) return undefined;
  const suffix = `; ${original.message}`;
  const prefix = error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : '';
  const variable = /^Variable "\$(\w+)"/.exec(prefix)?.[1];
  if (!variable) return undefined;
  const path = / at "([\w.[\]]+)"$/.exec(prefix)?.[1] ?? variable;
  return { name: `$${path}`, rule: typeof original.extensions.rule === 'string' ? original.extensions.rule : 'type', problem };
}

/**
 * Rejects operations whose estimated cost exceeds `max` before anything runs. It prices the
 * operation Apollo resolved (none: Apollo answers with the spec's "Unknown operation named …"), and
 * the validation rule above has already bounded how many nodes it walks (up to ~20 ms at the
 * default limit). The price depends on the schema, the document, the operation and the variables
 * only (never on who asks), so it is remembered per parsed document (Apollo keeps one DocumentNode
 * per query text), operation and variables: a repeated request is priced once.
 */
export function complexityLimit(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  const prices = new WeakMap<DocumentNode, Map<string, number>>(); // document → operation + variables → price
  const estimate = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number => {
    try {
      return priceOf(schema, document, operationName, variables, max + 1);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      // Unreachable after operationLimits, kept so the library's own limit reads like ours.
      if (/maximum allowed number of nodes/.test(error.message)) throw limitError('field count (fragments expanded)', 'GRAPHQL_MAX_COMPLEXITY', max);
      // getComplexity coerces the variables itself, before Apollo does: a wrong variable
      // (e.g. first: "abc") is the client's mistake, not an internal error.
      // A scalar of ours that refused the value (BudgetOre) says why in a message of its own: keyed.
      const refused = scalarRefusal(error);
      if (refused) throw badInput('variables', refused.rule, { key: 'common.errors.variableValue', params: { name: refused.name, problem: refused.problem } }, 400);
      throw badInput('variables', 'type', { key: 'common.errors.variableType', params: { detail: error.message } }, 400);
    }
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (!operation) return;
          const operationName = operation.name?.value;
          const variables = request.variables ?? {};
          const json = operation.variableDefinitions?.length ? JSON.stringify(variables) : '';
          let complexity: number;
          if (json.length > MAX_CACHED_VARIABLES) complexity = estimate(document, operationName, variables);
          else {
            let perDocument = prices.get(document);
            if (!perDocument) prices.set(document, (perDocument = new Map()));
            const key = `${operationName ?? ''}\u0000${json}`;
            const known = perDocument.get(key);
            if (known !== undefined) complexity = known;
            else {
              complexity = estimate(document, operationName, variables);
              if (perDocument.size >= MAX_ENTRIES_PER_DOCUMENT) perDocument.clear();
              perDocument.set(key, complexity);
            }
          }
          if (complexity > max) throw limitError('complexity', 'GRAPHQL_MAX_COMPLEXITY', max, { found: complexity, hint: complexityHint });
        },
      };
    },
  };
}
