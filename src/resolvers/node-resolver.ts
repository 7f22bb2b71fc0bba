import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { Node } from '../schema/node';
import { fromGlobalId } from '../global-id';
import { nodeType } from '../schema/node-registry';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null if it does not exist or you may not see it.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    const parsed = fromGlobalId(id);
    const type = parsed && nodeType(parsed.type);
    if (!parsed || !type) return null;
    const row = await ctx.loaders.byId(type.entity).load(parsed.id);
    if (!row) return null;
    return (await (type.visible?.(ctx, row) ?? true)) ? row : null;
  }
}
