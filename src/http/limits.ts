import { ApolloServerPlugin } from '@apollo/server';
import { ASTVisitor, FragmentDefinitionNode, GraphQLError, GraphQLSchema, Kind, SelectionSetNode, ValidationContext } from 'graphql';
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

/** Rejects operations whose estimated cost exceeds `max` before anything runs. */
export function complexityLimit(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // getComplexity coerces the variables itself, before Apollo does: a wrong variable
            // (e.g. first: "abc") is the client's mistake, not an internal error.
            if (error instanceof GraphQLError) throw badInput('variables', 'type', error.message, 400);
            throw error;
          }
          if (complexity > max) {
            throw tooComplex(`Query complexity ${complexity} exceeds the limit of ${max} (GRAPHQL_MAX_COMPLEXITY). Ask for smaller pages or fewer nested lists.`);
          }
        },
      };
    },
  };
}
