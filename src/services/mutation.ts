import { EntityManager, QueryFailedError } from 'typeorm';
import { Context } from '../context';
import { userError, UserError, UserErrorCode, UserErrorsException } from '../schema/user-error';

/** unique_violation, exclusion_violation: a concurrent request won the race the rule checks lost. */
const RACE_CODES = new Set(['23505', '23P01']);

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
    // The rules read before they write; a request committing in between makes the write violate a
    // unique or exclusion constraint. That is a conflict for the client to retry, not a 500.
    const code = error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : undefined;
    if (code && RACE_CODES.has(code)) {
      const conflict = userError(['input'], 'Conflicts with a change made at the same time; nothing was changed. Reload and try again.', UserErrorCode.CONFLICT);
      return { userErrors: [conflict] } as T & { userErrors: UserError[] };
    }
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
