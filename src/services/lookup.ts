import { EntityManager } from 'typeorm';
import { idOfType } from '../global-id';
import { reject, UserErrorCode } from './user-errors';

/** An entity class whose name is its GraphQL type name (the prefix of its global IDs). */
export type NodeEntity<T> = (new () => T) & { name: string };

/**
 * Loads a row by global ID inside a mutation. RLS hides other regions, so a foreign ID, a garbage
 * ID and an ID of another type are all "not found" (a userError on `field`), never "forbidden".
 */
export async function findByGlobalId<T extends { id: string }>(tx: EntityManager, entity: NodeEntity<T>, globalId: string, field: string, what: string): Promise<T> {
  const id = idOfType(globalId, entity.name);
  const row = id ? await tx.getRepository(entity).findOneBy({ id } as never) : null;
  return row ?? reject(field, 'common.noSuchInRegion', { what }, UserErrorCode.NOT_FOUND);
}
