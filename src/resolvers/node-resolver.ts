import { Kind, SelectionSetNode } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { Node } from '../schema/node';
import { fromGlobalId } from '../global-id';
import { nodeType } from '../schema/node-registry';
import { mayRead } from '../services/access';

/** Does the operation select `field` on `typeName` below this `node(id:)` (in fragments on the type or on Node)? */
function selects(info: GraphQLResolveInfo, typeName: string, field: string): boolean {
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (set?.selections ?? []).some((sel) => {
      if (sel.kind === Kind.FIELD) return sel.name.value === field;
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition?.name.value;
        return (!on || on === typeName || on === 'Node') && visit(sel.selectionSet, seen);
      }
      const fragment = info.fragments[sel.name.value];
      if (!fragment || seen.has(sel.name.value)) return false;
      const on = fragment.typeCondition.name.value;
      return (on === typeName || on === 'Node') && visit(fragment.selectionSet, new Set([...seen, sel.name.value]));
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet, new Set()));
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global ID; null if it does not exist or your role may not read it (exactly when the list query of its type would not return it to you).',
  })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<Node | null> {
    const parsed = fromGlobalId(id);
    const type = parsed && nodeType(parsed.type);
    if (!parsed || !type) return null;
    // Rows the query will ask for next (a unit's municipality) come in the same read as the node.
    const prefetch = (type.references ?? []).filter((r) => selects(info, parsed.type, r.field)).map((r) => ctx.loaders.prefetch(type.entity, r.column, r.entity).load(parsed.id));
    const [row] = await Promise.all([ctx.loaders.byId(type.entity).load(parsed.id), ...prefetch]);
    // Exactly the rows the type's list query returns to this caller: the same rule (RLS already
    // hid other regions). Not allowed is null, as not there is: a node is never FORBIDDEN.
    if (!row) return null;
    return (await mayRead(ctx, type.read, row)) ? row : null;
  }
}
