import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/**
 * Per-request statement counter. The read path (request-db.ts) counts the statements it sends
 * itself; TypeORM's statements are counted by `CountingLogger`, which finds the counter in the
 * request's QueryRunner's public `data` (TypeORM passes the runner to its documented Logger).
 */
export interface StatementCounter {
  statements: number;
  log?: string[];
}

/**
 * TypeORM logger (the documented `Logger` interface) that counts every statement a request's
 * QueryRunner sends: START TRANSACTION, writes, savepoints, COMMIT. Tests assert these
 * counts (N+1 guard); the dev server returns them in `extensions.sqlStatements`.
 */
export class CountingLogger extends AbstractLogger {
  logQuery(query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    const counter = queryRunner?.data?.counter as StatementCounter | undefined;
    if (!counter) return;
    counter.statements += 1;
    counter.log?.push(query);
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[], _queryRunner?: QueryRunner): void {
    // Query text is not logged: it may carry personal data in parameters.
  }
}
