import { EntityManager, QueryFailedError } from 'typeorm';
import { Role } from '../auth/roles';
import { Context } from '../context';
import { AuditEntry, recordAudit } from './audit';
import { requireOperation } from './access';
import { personalDataInInput } from './personal-data';
import { userError, UserError, UserErrorCode, UserErrorsException } from './user-errors';

/** unique_violation, exclusion_violation: a concurrent request won the race the rule checks lost. */
const RACE_CODES = new Set(['23505', '23P01']);

/** What a mutation's work gets: the savepoint's EntityManager, the request, and its audit writer. */
export interface MutationScope {
  tx: EntityManager;
  ctx: Context;
  /** Writes an audit record of this operation (the operation name is filled in) in the same savepoint. */
  audit(entry: Omit<AuditEntry, 'operation'>): Promise<void>;
}

export interface MutationSpec<I, R extends object> {
  /** The GraphQL mutation field; also the audit record's `operation`. */
  name: string;
  /** Roles that may call it at all (scope rules inside `run` narrow it further). */
  roles: readonly Role[];
  /** Used in the FORBIDDEN message, e.g. "Editing a strategic plan". */
  action: string;
  run(scope: MutationScope, input: I): Promise<R>;
  /**
   * The input is a file's records, not a GraphQL input (imports): the import runner checks every
   * cell for personal data itself (src/services/imports/run.ts), so the input walk is skipped — it
   * would walk, and remember, every row of a file of half a million records.
   */
  inputIsFile?: boolean;
}

export type MutationResult<R> = R & { userErrors: UserError[] };

/**
 * Thrown by a mutation's work to roll its savepoint back and still answer with `result`: a dry run,
 * or a request that turned out to change nothing (no audit record is owed then).
 */
export class RollBack<R extends object> extends Error {
  constructor(readonly result: R) {
    super('rolled back on purpose');
  }
}

export interface Mutation<I, R extends object> {
  (ctx: Context, input: I): Promise<MutationResult<R>>;
  readonly spec: MutationSpec<I, R>;
}

/**
 * The one pipeline every mutation goes through:
 * 1. role check (a top-level FORBIDDEN / UNAUTHENTICATED error before any SQL) — a grant limited
 *    to some operations (`role_assignment.operations`) counts only for those — then the
 *    personal-data guard on every free-text field of the input (src/services/personal-data/): a
 *    national identity number anywhere is a PERSONAL_DATA userError naming the field, nothing runs,
 * 2. the work in its own savepoint: a rule violation (UserErrorsException) rolls back every write
 *    and comes back as `userErrors`; any other error rolls back and propagates,
 * 3. at least one audit record, written under the mutation's own name in the same savepoint,
 * 4. after a successful write, the request's DataLoader caches are cleared, so the payload and
 *    anything read after it in the same operation see the change.
 */
export function defineMutation<I, R extends object>(spec: MutationSpec<I, R>): Mutation<I, R> {
  const mutation = async (caller: Context, input: I): Promise<MutationResult<R>> => {
    // The work is judged as the roles that may do it (a person acting with several roles at once),
    // and of those the grants not limited to other operations (a service account).
    const ctx = requireOperation(caller, spec.roles, spec.name, spec.action);
    const personalData = spec.inputIsFile ? [] : personalDataInInput(input);
    if (personalData.length) return { userErrors: personalData } as MutationResult<R>;
    const em = await ctx.db.manager();
    try {
      const result = await em.transaction(async (tx) => {
        let audited = 0;
        const audit = async (entry: Omit<AuditEntry, 'operation'>) => {
          await recordAudit(tx, ctx, { ...entry, operation: spec.name });
          audited += 1;
        };
        const out = await spec.run({ tx, ctx, audit }, input);
        if (!audited) throw new Error(`${spec.name} changed data without an audit record`);
        return out;
      });
      ctx.loaders.clearAll();
      return { ...result, userErrors: [] };
    } catch (error) {
      if (error instanceof RollBack) return { ...(error.result as R), userErrors: [] };
      if (error instanceof UserErrorsException) return { userErrors: error.userErrors } as MutationResult<R>;
      // The rules read before they write; a request committing in between makes the write violate a
      // unique or exclusion constraint. That is a conflict for the client to retry, not a 500.
      const code = error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : undefined;
      if (code && RACE_CODES.has(code)) {
        const conflict = userError(['input'], 'common.conflictsChangeMadeSame', {}, UserErrorCode.CONFLICT);
        return { userErrors: [conflict] } as MutationResult<R>;
      }
      throw error;
    }
  };
  return Object.assign(mutation, { spec });
}
