import { EntityTarget, ObjectLiteral } from 'typeorm';
import { Context } from '../context';

export interface NodeType<T extends ObjectLiteral & { id: string }> {
  entity: EntityTarget<T>;
  /** Extra visibility rule on top of RLS (e.g. drafts are not public); default: visible. */
  visible?: (ctx: Context, row: T) => boolean | Promise<boolean>;
}

const registry = new Map<string, NodeType<any>>();

/** Makes a type reachable through `node(id:)`. Each feature registers its own types. */
export function registerNodeType<T extends ObjectLiteral & { id: string }>(typeName: string, type: NodeType<T>): void {
  registry.set(typeName, type);
}

export function nodeType(typeName: string): NodeType<any> | undefined {
  return registry.get(typeName);
}
