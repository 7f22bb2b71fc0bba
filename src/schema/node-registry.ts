import { EntityTarget, ObjectLiteral } from 'typeorm';
import { Context } from '../context';

export interface NodeType<T extends ObjectLiteral & { id: string }> {
  /** The entity; its class name is the GraphQL type name and the prefix of its global IDs. */
  entity: EntityTarget<T> & { name: string };
  /** Extra visibility rule on top of RLS (e.g. drafts are not public); default: visible. */
  visible?: (ctx: Context, row: T) => boolean | Promise<boolean>;
  /**
   * Fields that resolve to the row another column refers to (`municipality` ← `municipalityId`):
   * when a `node(id:)` query selects one, the referred row is read together with the node.
   */
  references?: { field: string; column: keyof T & string; entity: EntityTarget<ObjectLiteral & { id: string }> }[];
}

const registry = new Map<string, NodeType<any>>();

/** Makes types reachable through `node(id:)`; called once with every feature's node types (schema/build.ts). */
export function registerNodeTypes(types: NodeType<any>[]): void {
  for (const type of types) registry.set(type.entity.name, type);
}

export function nodeType(typeName: string): NodeType<any> | undefined {
  return registry.get(typeName);
}
