import { EntityTarget, ObjectLiteral } from 'typeorm';
import { ReadRule, registerReadRules } from '../services/access';

export interface NodeType<T extends ObjectLiteral & { id: string }> {
  /** The entity; its class name is the GraphQL type name and the prefix of its global IDs. */
  entity: EntityTarget<T> & { name: string };
  /**
   * Who may read it: the same rule object the type's list query applies (`requireRead`), so
   * `node(id:)` returns a row exactly when that role's list would (src/services/access.ts). The
   * audit trail shows records of the type by the same rule.
   */
  read: ReadRule<T>;
  /**
   * Fields that resolve to the row another column refers to (`municipality` ← `municipalityId`):
   * when a `node(id:)` query selects one, the referred row is read together with the node.
   */
  references?: { field: string; column: keyof T & string; entity: EntityTarget<ObjectLiteral & { id: string }> }[];
}

const registry = new Map<string, NodeType<any>>();

/**
 * Makes types reachable through `node(id:)`, and registers every readable type's rule (node types
 * and the types that only appear in the audit trail); called once with every feature's declarations
 * (schema/build.ts).
 */
export function registerNodeTypes(types: NodeType<any>[], auditedTypes: Record<string, ReadRule> = {}): void {
  for (const type of types) registry.set(type.entity.name, type);
  registerReadRules([...types.map((t) => [t.entity.name, t.read] as [string, ReadRule]), ...Object.entries(auditedTypes)]);
}

export function nodeType(typeName: string): NodeType<any> | undefined {
  return registry.get(typeName);
}

/** Every registered node type (for tests that walk them). */
export function nodeTypes(): NodeType<any>[] {
  return [...registry.values()];
}
