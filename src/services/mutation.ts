import { EntityManager } from 'typeorm';
import { Context } from '../context';
import { UserError, UserErrorsException } from '../schema/user-error';

/**
 * Runs a mutation's work in its own savepoint: a rule violation (UserErrorsException) rolls back
 * every write and comes back as `userErrors`; any other error rolls back and propagates.
 */
export async function runMutation<T extends object>(
  ctx: Context,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T & { userErrors: UserError[] }> {
  const em = await ctx.db.manager();
  try {
    const result = await em.transaction((tx) => work(tx));
    return { ...result, userErrors: [] };
  } catch (error) {
    if (error instanceof UserErrorsException) return { userErrors: error.userErrors } as T & { userErrors: UserError[] };
    throw error;
  }
}

/** Collects rule violations and throws them together, so the client sees all at once. */
export class RuleCheck {
  readonly errors: UserError[] = [];
  add(error: UserError): this {
    this.errors.push(error);
    return this;
  }
  throwIfAny(): void {
    if (this.errors.length) throw new UserErrorsException(this.errors);
  }
}
