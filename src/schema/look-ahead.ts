import { FieldNode, getArgumentValues, getNamedType, GraphQLObjectType, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * What the client selected below the current field, for a resolver that can read it ahead (in the
 * same wave as its own rows, instead of one wave per level). `path` names fields below the current
 * one (`['owners', 'units']`); the answer is the last field's argument values, or undefined when it
 * is not selected — or when the look-ahead cannot be sure (a selection under @include/@skip, an
 * abstract type on the way, the same field asked twice with different arguments): a look-ahead is
 * an optimisation, and the field resolvers stay the source of truth. Only graphql-js's public API:
 * the field nodes and fragments of `info`, `getArgumentValues`.
 */
export function selectedBelow(info: GraphQLResolveInfo, path: readonly string[]): Record<string, unknown> | undefined {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  let type = getNamedType(info.returnType);
  let args: Record<string, unknown> | undefined;
  for (const name of path) {
    if (!(type instanceof GraphQLObjectType)) return undefined;
    const field = type.getFields()[name];
    if (!field) return undefined;
    const found: FieldNode[] = [];
    for (const node of nodes) {
      if (!node.selectionSet || !collect(node.selectionSet, name, info, found)) return undefined;
    }
    if (!found.length) return undefined;
    const values = found.map((node) => getArgumentValues(field, node, info.variableValues));
    const first = JSON.stringify(values[0]);
    if (values.some((v) => JSON.stringify(v) !== first)) return undefined;
    args = values[0];
    nodes = found;
    type = getNamedType(field.type);
  }
  return args;
}

/** Adds the fields called `name` of a selection set (through fragments) to `found`; false when a directive makes it uncertain. */
function collect(set: SelectionSetNode, name: string, info: GraphQLResolveInfo, found: FieldNode[]): boolean {
  for (const selection of set.selections) {
    if (selection.directives?.length) return false;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!collect(selection.selectionSet, name, info, found)) return false;
    } else {
      const fragment = info.fragments[selection.name.value];
      if (!fragment || fragment.directives?.length || !collect(fragment.selectionSet, name, info, found)) return false;
    }
  }
  return true;
}
