import { ApolloServerPlugin } from '@apollo/server';
import { ASTVisitor, DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLSchema, Kind, SelectionSetNode, ValidationContext } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../schema/connection';
import { badInput, tooComplex } from '../errors';

/** Validation rule: rejects operations nested deeper than `max` fields (introspection included). */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          // Introspection (__schema, __type) is deep by nature (ofType chains) and bounded by the
          // schema, not by data; GraphiQL needs it. It is switched off in production instead.
          if (sel.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, sel.selectionSet ? 1 + depthOf(sel.selectionSet, seen) : 1);
        }
        else if (sel.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(sel.selectionSet, seen));
        else if (!seen.has(sel.name.value)) {
          const fragment = fragments.get(sel.name.value);
          deepest = Math.max(deepest, depthOf(fragment?.selectionSet, new Set([...seen, sel.name.value])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > max) {
          context.reportError(
            new GraphQLError(`Query depth ${depth} exceeds the limit of ${max} (GRAPHQL_MAX_DEPTH).`, {
              nodes: [node],
              extensions: { code: 'QUERY_TOO_COMPLEX', depth, maxDepth: max },
            }),
          );
        }
      },
    };
  };
}

/** Lists that page multiply the cost of what is selected in them by the page size. */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity, field, type }) => {
  const typeName = String(field.type).replace(/[!\[\]]/g, '');
  if (typeName.endsWith('Connection')) return 1 + childComplexity * Number(args.first ?? DEFAULT_PAGE_SIZE);
  // A connection's edges/nodes are the page itself, already multiplied by `first` above.
  if (type.name.endsWith('Connection')) return 1 + childComplexity;
  // Plain lists are small by design (owners, goals, role assignments): a modest multiplier.
  if (String(field.type).includes('[')) return 1 + childComplexity * 5;
  return undefined;
};

/** Variables longer than this (as JSON) are not worth a cache entry: such operations are rare. */
const MAX_CACHED_VARIABLES = 1024;
const MAX_ENTRIES_PER_DOCUMENT = 64;

/**
 * Rejects operations whose estimated cost exceeds `max` before anything runs. The estimate depends
 * on the schema, the document and the variables only (never on who asks), so it is remembered per
 * parsed document (Apollo keeps one DocumentNode per query text) and variables.
 */
export function complexityLimit(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  const cache = new WeakMap<DocumentNode, Map<string, number>>();
  const estimate = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number => {
    try {
      return getComplexity({ schema, query: document, operationName, variables, estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })] });
    } catch (error) {
      // getComplexity coerces the variables itself, before Apollo does: a wrong variable
      // (e.g. first: "abc") is the client's mistake, not an internal error.
      if (error instanceof GraphQLError) throw badInput('variables', 'type', error.message, 400);
      throw error;
    }
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const operationName = request.operationName ?? undefined;
          const variables = request.variables ?? {};
          const json = JSON.stringify(variables);
          let complexity: number;
          if (json.length > MAX_CACHED_VARIABLES) complexity = estimate(document, operationName, variables);
          else {
            let perDocument = cache.get(document);
            if (!perDocument) cache.set(document, (perDocument = new Map()));
            const key = `${operationName ?? ''}\u0000${json}`;
            const known = perDocument.get(key);
            if (known !== undefined) complexity = known;
            else {
              complexity = estimate(document, operationName, variables);
              if (perDocument.size >= MAX_ENTRIES_PER_DOCUMENT) perDocument.clear();
              perDocument.set(key, complexity);
            }
          }
          if (complexity > max) {
            throw tooComplex(`Query complexity ${complexity} exceeds the limit of ${max} (GRAPHQL_MAX_COMPLEXITY). Ask for smaller pages or fewer nested lists.`);
          }
        },
      };
    },
  };
}
