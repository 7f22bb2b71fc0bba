import { ASTVisitor, getNamedType, GraphQLError, isIntrospectionType, ValidationContext } from 'graphql';

/**
 * Validation rule while GRAPHQL_INTROSPECTION is off: `__schema` and `__type` are refused with a
 * message that names the setting (`__typename` stays allowed).
 */
export function noIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const type = getNamedType(context.getType());
      if (type && isIntrospectionType(type)) {
        context.reportError(new GraphQLError(`Introspection is turned off on this server (GRAPHQL_INTROSPECTION); the query asked for "${node.name.value}".`, { nodes: [node] }));
      }
    },
  };
}

/** graphql-js's suggestion suffix, which names schema elements ("Did you mean …?"). */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** A message without schema suggestions, where the schema is not public (introspection off). */
export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '');
